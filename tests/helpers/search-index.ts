import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { SearchBundleInfo, SearchIndexInfo } from "../../src/search/bundle-info.ts";
import { BUNDLE_FILE } from "../../src/search/build-search-index.ts";
import { readFragment, readIndexChunk, readMeta } from "../../src/search/pagefind-files.ts";

/** What a built site's search page is told of its search index (`data-search-index`). */
export function searchIndexInfo(site: string): SearchIndexInfo {
  const html = readFileSync(path.join(site, "search", "index.html"), "utf8");
  const value = /data-search-index="([^"]*)"/.exec(html)?.[1];
  if (value === undefined) throw new Error("The search page has no data-search-index");
  return JSON.parse(
    value
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&amp;/g, "&"),
  ) as SearchIndexInfo;
}

/** A bundle folder's own description of itself (`bundle.json`). */
export function bundleInfo(bundleDir: string): SearchBundleInfo {
  return JSON.parse(readFileSync(path.join(bundleDir, BUNDLE_FILE), "utf8")) as SearchBundleInfo;
}

/** The address of page `page` of a bundle, read from its fragment pack by the pack's offsets. */
export function storyAt(bundleDir: string, page: number, perPack: number): string {
  const bundle = bundleInfo(bundleDir);
  const pack = bundle.packs[Math.floor(page / perPack)]!;
  const bytes = readFileSync(path.join(bundleDir, "fragment", `${pack}.pf_pack`));
  const at = page % perPack;
  const from = bytes.readUInt32LE(4 * at);
  const to = bytes.readUInt32LE(4 * (at + 1));
  return readFragment(bytes.subarray(from, to), pack).url;
}

/**
 * The addresses of the stories a bundle's index lists for `word` (as Pagefind stores it: lower
 * case and stemmed), read from its index chunks as the search page's WebAssembly reads them.
 */
export function storiesWithWord(bundleDir: string, word: string, perPack = 128): string[] {
  const metaFile = readdirSync(bundleDir).find((name) => name.endsWith(".pf_meta"))!;
  const meta = readMeta(readFileSync(path.join(bundleDir, metaFile)), metaFile);
  const urls: string[] = [];
  for (const [, , hash] of meta.chunks) {
    const file = path.join("index", `${hash}.pf_index`);
    for (const [indexed, pages] of readIndexChunk(readFileSync(path.join(bundleDir, file)), file)) {
      if (indexed !== word) continue;
      // Each page's number is its distance from the page before it.
      let page = 0;
      for (const [delta] of pages) {
        page += delta;
        urls.push(storyAt(bundleDir, page, perPack));
      }
    }
  }
  return urls;
}
