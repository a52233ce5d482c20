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

/**
 * An index fed page by page while the site is being rendered, so that Pagefind (its own process)
 * indexes on one core while Eleventy renders on the other, instead of reading every page back
 * from disk after the build. Every response is checked when the index is written.
 */
export class SearchIndexSession {
  private readonly pending: Array<Promise<{ errors: string[] }>> = [];
  private readonly started = performance.now();

  private constructor(private readonly index: pagefind.PagefindIndex) {}

  static async start(options: { language?: string } = {}): Promise<SearchIndexSession> {
    const created = await pagefind.createIndex({ forceLanguage: options.language });
    if (!created.index) {
      await pagefind.close();
      throw new SearchIndexError("start", created.errors);
    }
    return new SearchIndexSession(created.index);
  }

  /** Adds one built page; `sourcePath` is its path in the site folder, e.g. `articles/…/index.html`. */
  add(sourcePath: string, content: string): void {
    this.pending.push(this.index.addHTMLFile({ sourcePath, content }));
  }

  /** Waits for every page, then writes the bundle to `<siteDir>/pagefind/` and stops Pagefind. */
  async finish(siteDir: string): Promise<SearchIndexResult> {
    try {
      const responses = await Promise.all(this.pending);
      const errors = responses.flatMap((response) => response.errors);
      if (errors.length) throw new SearchIndexError("index the article pages", errors);
      const outputPath = path.join(siteDir, "pagefind");
      await rm(outputPath, { recursive: true, force: true });
      const written = await this.index.writeFiles({ outputPath });
      if (written.errors.length) throw new SearchIndexError(`write ${outputPath}`, written.errors);
      buildStats.searchPages = responses.length;
      return { pages: responses.length, outputPath };
    } finally {
      buildStats.searchPeakKb = childPeakMemoryKb(/pagefind/);
      await pagefind.close();
      buildStats.searchIndexMs = performance.now() - this.started;
    }
  }
}

/** Stops Pagefind's process after a build that failed before the index was written. */
export async function stopSearchIndex(): Promise<void> {
  await pagefind.close();
}
