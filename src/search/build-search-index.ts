import { rm } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { buildStats, childPeakMemoryKb } from "../build/build-stats.ts";

export class SearchIndexError extends Error {
  constructor(step: string, errors: string[]) {
    super(`Pagefind could not ${step}:\n${errors.map((e) => `  - ${e}`).join("\n")}`);
    this.name = "SearchIndexError";
  }
}

export interface SearchIndexResult {
  pages: number;
  outputPath: string;
}

/**
 * Indexes the built article pages of `siteDir` with Pagefind's Node API and writes the bundle to
 * `<siteDir>/pagefind/`. Pagefind reports problems in `errors[]` instead of throwing, so every
 * response is checked; the service is closed whatever happens.
 * @see https://pagefind.app/docs/node-api/
 */
export async function buildSearchIndex(
  siteDir: string,
  options: { language?: string; expectedPages?: number } = {},
): Promise<SearchIndexResult> {
  const started = performance.now();
  try {
    const created = await pagefind.createIndex({ forceLanguage: options.language });
    if (!created.index) throw new SearchIndexError("start", created.errors);
    const { index } = created;
    // Only article pages carry data-pagefind-body; listing pages would only add noise.
    const added = await index.addDirectory({ path: siteDir, glob: "articles/**/*.html" });
    if (added.errors.length) throw new SearchIndexError(`index ${siteDir}`, added.errors);
    if (options.expectedPages !== undefined && added.page_count !== options.expectedPages) {
      throw new SearchIndexError(`index every article`, [
        `expected ${options.expectedPages} article pages, indexed ${added.page_count}`,
      ]);
    }
    const outputPath = path.join(siteDir, "pagefind");
    // Rebuilds under `npm start` write into the same folder: drop the previous bundle's hashed files.
    await rm(outputPath, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new SearchIndexError(`write ${outputPath}`, written.errors);
    buildStats.searchPages = added.page_count;
    return { pages: added.page_count, outputPath };
  } finally {
    buildStats.searchPeakKb = childPeakMemoryKb(/pagefind/);
    await pagefind.close();
    buildStats.searchIndexMs = performance.now() - started;
  }
}
