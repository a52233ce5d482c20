import type { Browser, Page, Request } from "playwright-core";
import { startStaticServer } from "../../src/serve/static-server.ts";

export interface FirstSearch {
  /**
   * Bytes of Pagefind files transferred until the first results show, compressed as the server
   * sends them (our server compresses text as static hosts do; Pagefind's index files are
   * compressed already).
   */
  bytes: number;
  /** The same files' bytes after decoding: what a server that compresses nothing would send. */
  uncompressedBytes: number;
  /** Bytes transferred until the facet counts, which follow the results, are shown too. */
  withFacetsBytes: number;
  /** From pressing Enter to the results being shown. */
  ms: number;
  /** From pressing Enter to the facet counts being shown. */
  facetsMs: number;
  results: string;
}

/**
 * Opens the search page in a fresh browser context (empty cache, no service worker), types a
 * query and waits for the results, then for the facet counts: what a reader's first search
 * costs. A Pagefind request counts towards the first results when it finished before they show.
 */
export async function measureFirstSearch(
  browser: Browser,
  siteDir: string,
  query: string,
): Promise<FirstSearch> {
  // Body bytes as the server sent them, by URL: the browser does not report every response's
  // compressed size (Pagefind's worker script comes back as 0).
  const sentBytes = new Map<string, number>();
  const server = await startStaticServer({
    dir: siteDir,
    onResponse: ({ url, bytes }) => sentBytes.set(url, bytes),
  });
  const context = await browser.newContext({ serviceWorkers: "block" });
  try {
    const page = await context.newPage();
    let counting = false;
    const requests: Request[] = [];
    page.on("request", (request) => {
      if (counting && request.url().includes("/pagefind/")) requests.push(request);
    });
    await page.goto(`${server.url}search/`);
    await page.waitForLoadState("networkidle");
    // Notes, by the browser's clock, when the status line first reports results: requests that
    // Pagefind (in its worker too) finished before that moment are the first results' cost.
    await page.evaluate(() => {
      const status = document.getElementById("search-status")!;
      const observer = new MutationObserver(() => {
        if (!/results? for/.test(status.textContent ?? "")) return;
        (window as unknown as { resultsAt: number }).resultsAt =
          performance.timeOrigin + performance.now();
        observer.disconnect();
      });
      observer.observe(status, { childList: true, characterData: true, subtree: true });
    });
    counting = true;
    const { ms, results } = await searchOnPage(page, query);
    const resultsShown = performance.now();
    await page.locator('#search-facets[aria-busy="false"]').waitFor({ state: "attached" });
    const facetsMs = ms + performance.now() - resultsShown;
    await page.waitForLoadState("networkidle");
    const resultsAt = await page.evaluate(
      () => (window as unknown as { resultsAt: number }).resultsAt,
    );
    let bytes = 0;
    let uncompressedBytes = 0;
    let withFacetsBytes = 0;
    for (const request of requests) {
      const response = await request.response();
      // A request without a response (failed, aborted) costs nothing here.
      if (!response) continue;
      const { pathname, search } = new URL(request.url());
      const sent = sentBytes.get(pathname + search) ?? 0;
      const timing = request.timing();
      withFacetsBytes += sent;
      if (timing.startTime + timing.responseEnd < resultsAt) {
        bytes += sent;
        uncompressedBytes += (await response.body()).length;
      }
    }
    return { bytes, uncompressedBytes, withFacetsBytes, ms, facetsMs, results };
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
