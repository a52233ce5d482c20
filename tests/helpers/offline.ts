import type { Page } from "playwright-core";

/**
 * A search as a reader runs it: the search page with the query (newest first or best match), and
 * unless `firstPageOnly`, every result shown ("Show more" until none is left); resolves to the
 * status line and the titles.
 */
export async function searchFor(
  page: Page,
  base: string,
  query: string,
  newest: boolean,
  firstPageOnly = false,
) {
  await page.goto(`${base}search/?q=${encodeURIComponent(query)}${newest ? "&sort=newest" : ""}`);
  await page.waitForFunction(
    // Done: the count is whole (not "At least …") and the facet counts are in.
    () => {
      const status = document.getElementById("search-status")?.textContent ?? "";
      const facets = document.getElementById("search-facets")?.getAttribute("aria-busy");
      return (
        status !== "" &&
        !status.startsWith("Searching") &&
        !status.startsWith("At least") &&
        facets !== "true"
      );
    },
    undefined,
    { timeout: 10_000 },
  );
  // Every result shown, for the exact order and count.
  while (!firstPageOnly && (await page.locator("#search-more").isVisible())) {
    const count = await page.locator("#search-results li").count();
    await page.locator("#search-more").click();
    await page.waitForFunction(
      (before) => document.querySelectorAll("#search-results li").length > before,
      count,
    );
  }
  return {
    status: (await page.locator("#search-status").textContent()) ?? "",
    titles: await page.locator("#search-results h2").allTextContents(),
  };
}

/** Waits until a service worker controls the page. */
export async function controlled(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    polling: 100,
    timeout: 20_000,
  });
}

/** The index cache's keys, relative to the site root. */
export function savedKeys(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const cache = await caches.open("archive-index");
    const root = new URL("/", location.href).href;
    return (await cache.keys()).map((request) => request.url.slice(root.length));
  });
}
