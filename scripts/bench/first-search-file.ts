import { statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { searchOnPage } from "./first-search.ts";
import type { Browser } from "playwright-core";

export interface FileSearch {
  /** Bytes of Pagefind's scripts the page loaded from disk for its first search. */
  bytes: number;
  ms: number;
  results: string;
}

/** A reader's first search on a portable build opened from the file system. */
export async function measureFirstSearchFromFile(
  browser: Browser,
  siteDir: string,
  query: string,
): Promise<FileSearch> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const loaded = new Set<string>();
    page.on("requestfinished", (request) => {
      if (request.url().startsWith("file:") && request.url().includes("/pagefind/"))
        loaded.add(request.url());
    });
    await page.goto(pathToFileURL(path.join(siteDir, "search", "index.html")).href);
    await page.waitForLoadState("load");
    loaded.clear();
    const { ms, results } = await searchOnPage(page, query);
    const bytes = [...loaded].reduce(
      (sum, url) => sum + statSync(fileURLToPath(url.replace(/[?#].*$/, ""))).size,
      0,
    );
    return { bytes, ms, results };
  } finally {
    await context.close();
  }
}
