import type { Browser, Page } from "playwright-core";
import { startStaticServer } from "../../src/serve/static-server.ts";

export interface FirstSearch {
  /** Bytes of Pagefind files the page downloaded for its first search (uncompressed). */
  bytes: number;
  /** From pressing Enter to the results being shown. */
  ms: number;
  results: string;
}

/**
 * Opens the search page in a fresh browser context (empty cache, no service worker), types a
 * query and waits for the results: what a reader's first search costs.
 */
export async function measureFirstSearch(
  browser: Browser,
  siteDir: string,
  query: string,
): Promise<FirstSearch> {
  const server = await startStaticServer({ dir: siteDir });
  const context = await browser.newContext({ serviceWorkers: "block" });
  try {
    const page = await context.newPage();
    // Each response's size is read when it arrives (bodies are read asynchronously, and a body
    // still being read when the results show must count too).
    let counting = false;
    const sizes: Array<Promise<number>> = [];
    page.on("response", (response) => {
      if (!counting || !response.url().includes("/pagefind/")) return;
      sizes.push(
        response.body().then(
          (body) => body.length,
          // A response without a body (redirect) costs nothing here.
          () => 0,
        ),
      );
    });
    await page.goto(`${server.url}search/`);
    await page.waitForLoadState("networkidle");
    counting = true;
    const { ms, results } = await searchOnPage(page, query);
    await page.waitForLoadState("networkidle");
    const bytes = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
    return { bytes, ms, results };
  } finally {
    await context.close();
    await server.close();
  }
}

/** Types `query` into the open search page and times Enter to the first results shown. */
export async function searchOnPage(
  page: Page,
  query: string,
): Promise<{ ms: number; results: string }> {
  await page.locator("#search-query").fill(query);
  const started = performance.now();
  await page.keyboard.press("Enter");
  await page.locator("#search-status", { hasText: /results? for/ }).waitFor({ timeout: 60_000 });
  await page.locator("#search-results li").first().waitFor();
  const ms = performance.now() - started;
  return { ms, results: (await page.locator("#search-status").textContent()) ?? "" };
}
