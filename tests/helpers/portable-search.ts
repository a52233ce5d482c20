import type { Browser } from "playwright-core";

/** The result titles the search page shows for `query`, opened at `searchPageUrl` (http or file). */
export async function searchTitles(
  browser: Browser,
  searchPageUrl: string,
  query: string,
): Promise<string[]> {
  const page = await browser.newPage();
  try {
    await page.goto(`${searchPageUrl}?q=${encodeURIComponent(query)}`);
    await page.locator("#search-status", { hasText: /result/ }).waitFor();
    return await page.locator("#search-results h2").allTextContents();
  } finally {
    await page.close();
  }
}
