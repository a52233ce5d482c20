import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { SearchIndexInfo } from "./bundle-info.ts";

/**
 * The search page is rendered before the search index is written, so it carries a placeholder
 * where the index's description goes (`data-search-index`, see src/pages/search.11ty.tsx); the
 * build fills it in once every bundle is written, so that the page needs no request of its own to
 * learn which files to load.
 */
export const SEARCH_INDEX_PLACEHOLDER = "__SEARCH_INDEX__";

/** The search page's file under the site's folder. */
const SEARCH_PAGE = path.join("search", "index.html");

/** `value` as the text of a double-quoted HTML attribute. */
function attribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/**
 * Fills in the search page's description of the index (the placeholder, or the description an
 * earlier indexing of the same page wrote, under `npm start`); returns whether the page was there.
 */
export function writeSearchIndexInfo(siteDir: string, info: SearchIndexInfo): boolean {
  const file = path.join(siteDir, SEARCH_PAGE);
  let html: string;
  try {
    html = readFileSync(file, "utf8");
  } catch {
    return false;
  }
  const marker = /data-search-index="[^"]*"/;
  if (!marker.test(html)) return false;
  const value = attribute(JSON.stringify(info));
  writeFileSync(
    file,
    html.replace(marker, () => `data-search-index="${value}"`),
  );
  return true;
}
