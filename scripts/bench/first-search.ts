import type { Browser } from "playwright-core";
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
    let bytes = 0;
    page.on("response", async (response) => {
      if (!response.url().includes("/pagefind/")) return;
      try {
        bytes += (await response.body()).length;
      } catch {
        // A response without a body (redirect) costs nothing here.
      }
    });
    await page.goto(`${server.url}search/`);
    await page.waitForLoadState("networkidle");
    bytes = 0;
    await page.locator("#search-query").fill(query);
    const started = performance.now();
    await page.keyboard.press("Enter");
    await page.locator("#search-status", { hasText: /results? for/ }).waitFor({ timeout: 60_000 });
    await page.locator("#search-results li").first().waitFor();
    const ms = performance.now() - started;
    await page.waitForLoadState("networkidle");
    return { bytes, ms, results: (await page.locator("#search-status").textContent()) ?? "" };
  } finally {
    await context.close();
    await server.close();
  }
}
