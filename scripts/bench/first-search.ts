import http from "node:http";
import type { Browser, Page, Request } from "playwright-core";
import { startStaticServer } from "../../src/serve/static-server.ts";

/**
 * A proxy in front of `target` that holds every request back `latencyMs` before passing it on,
 * as a host far from the reader adds a round trip's time to each request. Resolves to its URL.
 */
async function delayingProxy(
  target: string,
  latencyMs: number,
): Promise<{ url: string; close: () => void }> {
  const upstream = new URL(target);
  const proxy = http.createServer((request, response) => {
    setTimeout(() => {
      const forwarded = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: request.url,
          method: request.method,
          headers: request.headers,
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      forwarded.on("error", () => response.destroy());
      request.on("error", () => forwarded.destroy());
      request.pipe(forwarded);
    }, latencyMs);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const { port } = proxy.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    close: () => {
      proxy.closeAllConnections();
      proxy.close();
    },
  };
}

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
  /** From pressing Enter (the form's submission) to the results being shown, by the page's clock. */
  ms: number;
  /** From pressing Enter to the facet counts being shown, by the page's clock. */
  facetsMs: number;
  results: string;
  /** The first result's date (its `<time datetime>`), to see the order the page used. */
  firstDate?: string;
}

/** The search page's orders: best match (its default) and newest first (`?sort=newest`). */
export type SearchSort = "best" | "newest";

/**
 * Opens the search page in a fresh browser context (empty cache, no service worker), types a
 * query and waits for the results, then for the facet counts: what a reader's first search
 * costs. A Pagefind request counts towards the first results when it finished before they show;
 * requests are counted from the page's opening, so a bundle the page loads before the reader
 * types counts too. Newest first opens `search/?sort=newest`, as a bookmarked newest-first search
 * page would, and checks that the sort menu says so before the query is typed. With `latencyMs`,
 * every request waits that long before the server sees it (see `delayingProxy`).
 */
export async function measureFirstSearch(
  browser: Browser,
  siteDir: string,
  query: string,
  sort: SearchSort = "best",
  options: { latencyMs?: number } = {},
): Promise<FirstSearch> {
  // Body bytes as the server sent them, by URL: the browser does not report every response's
  // compressed size (Pagefind's worker script comes back as 0).
  const sentBytes = new Map<string, number>();
  const server = await startStaticServer({
    dir: siteDir,
    onResponse: ({ url, bytes }) => sentBytes.set(url, bytes),
  });
  const proxy = options.latencyMs ? await delayingProxy(server.url, options.latencyMs) : undefined;
  const siteUrl = proxy?.url ?? server.url;
  const context = await browser.newContext({ serviceWorkers: "block" });
  try {
    const page = await context.newPage();
    const requests: Request[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/pagefind/")) requests.push(request);
    });
    await page.goto(`${siteUrl}search/${sort === "newest" ? "?sort=newest" : ""}`);
    await page.waitForLoadState("networkidle");
    if (sort === "newest") {
      const menu = page.locator("#search-sort");
      if ((await menu.inputValue()) !== "newest") await menu.selectOption("newest");
    }
    // Notes, by the browser's clock, when the form is submitted, when the status line first
    // reports results and when the facet counts are shown after them: requests that Pagefind (in
    // its worker too) finished before the results are the first results' cost, and the times are
    // read from the page, not from Playwright's waits, which poll every 500 ms after a while.
    await page.evaluate(() => {
      const marks = window as unknown as Partial<
        Record<"submittedAt" | "resultsAt" | "facetsAt", number>
      >;
      // No named function here: tsx would wrap it in a helper the page does not have.
      document
        .getElementById("search-form")!
        .addEventListener(
          "submit",
          () => (marks.submittedAt ??= performance.timeOrigin + performance.now()),
          { capture: true },
        );
      const status = document.getElementById("search-status")!;
      const facets = document.getElementById("search-facets")!;
      const observer = new MutationObserver(() => {
        if (marks.resultsAt === undefined && /results? for/.test(status.textContent ?? ""))
          marks.resultsAt = performance.timeOrigin + performance.now();
        if (marks.resultsAt !== undefined && facets.getAttribute("aria-busy") === "false") {
          marks.facetsAt = performance.timeOrigin + performance.now();
          observer.disconnect();
        }
      });
      observer.observe(status, { childList: true, characterData: true, subtree: true });
      observer.observe(facets, { attributes: true, attributeFilter: ["aria-busy"] });
    });
    const searched = await searchOnPage(page, query);
    const resultsShown = performance.now();
    await page.locator('#search-facets[aria-busy="false"]').waitFor({ state: "attached" });
    const waitedFacetsMs = searched.ms + performance.now() - resultsShown;
    const results = searched.results;
    const firstDate =
      (await page
        .locator("#search-results li")
        .first()
        .locator("time")
        .first()
        .getAttribute("datetime", { timeout: 1000 })
        .catch(() => null)) ?? undefined;
    await page.waitForLoadState("networkidle");
    const marks = await page.evaluate(() => {
      const { submittedAt, resultsAt, facetsAt } = window as unknown as Partial<
        Record<"submittedAt" | "resultsAt" | "facetsAt", number>
      >;
      return { submittedAt, resultsAt, facetsAt };
    });
    const resultsAt = marks.resultsAt ?? Number.POSITIVE_INFINITY;
    const ms =
      marks.submittedAt !== undefined && marks.resultsAt !== undefined
        ? marks.resultsAt - marks.submittedAt
        : searched.ms;
    const facetsMs =
      marks.submittedAt !== undefined && marks.facetsAt !== undefined
        ? marks.facetsAt - marks.submittedAt
        : waitedFacetsMs;
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
    return { bytes, uncompressedBytes, withFacetsBytes, ms, facetsMs, results, firstDate };
  } finally {
    await context.close();
    proxy?.close();
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
