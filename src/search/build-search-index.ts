import { rm } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { buildStats, childProcessUsage } from "../build/build-stats.ts";

export class SearchIndexError extends Error {
  constructor(step: string, errors: string[]) {
    super(`Pagefind could not ${step}:\n${errors.map((e) => `  - ${e}`).join("\n")}`);
    this.name = "SearchIndexError";
  }
}

/**
 * At most this many result-fragment files: Pagefind writes one per page, so an archive of 20,000
 * stories would otherwise put 20,000 files in one folder, more than some static hosts accept for
 * a whole site. Beyond this many pages, fragments are bundled; a reader's first search then loads
 * whole bundles to show ten results, so the number trades files on the host against the bytes of
 * a first search (measured by `npm run bench`).
 */
export const MAX_FRAGMENT_FILES = 1000;

/** Pagefind's options, alike for the build's session and for `npm start`'s rebuilds. */
const indexOptions = (options: {
  language?: string;
  maxFragments?: number;
}): pagefind.PagefindServiceConfig => ({
  forceLanguage: options.language,
  maxFragments: options.maxFragments ?? MAX_FRAGMENT_FILES,
});

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
  options: { language?: string; expectedPages?: number; maxFragments?: number } = {},
): Promise<SearchIndexResult> {
  const started = performance.now();
  try {
    const created = await pagefind.createIndex(indexOptions(options));
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
    await closeAndRecord(started);
  }
}

/**
 * Records Pagefind's peak memory and CPU time (read while its process still runs), stops it, and
 * records the time since `started`.
 */
async function closeAndRecord(started: number): Promise<void> {
  ({ peakKb: buildStats.searchPeakKb, cpuMs: buildStats.searchCpuMs } =
    childProcessUsage(/pagefind/));
  await pagefind.close();
  buildStats.searchIndexMs = performance.now() - started;
}

/**
 * An index fed page by page while the site is being rendered, so that Pagefind (its own process)
 * indexes on one core while Eleventy renders on the other, instead of reading every page back
 * from disk after the build. Every response is checked when the index is written.
 */
export class SearchIndexSession {
  /** Pages handed over and not yet indexed above which `add` asks the caller to wait. */
  static readonly BACKLOG = 256;
  private readonly pending: Array<Promise<{ errors: string[] }>> = [];
  private readonly started = performance.now();
  private inFlight = 0;
  private room: { promise: Promise<void>; resolve: () => void } | undefined;
  private writing: Promise<SearchIndexResult> | undefined;

  private constructor(private readonly index: pagefind.PagefindIndex) {}

  static async start(
    options: { language?: string; maxFragments?: number } = {},
  ): Promise<SearchIndexSession> {
    const created = await pagefind.createIndex(indexOptions(options));
    if (!created.index) {
      await pagefind.close();
      throw new SearchIndexError("start", created.errors);
    }
    return new SearchIndexSession(created.index);
  }

  /**
   * Adds one built page; `sourcePath` is its path in the site folder, e.g. `articles/…/index.html`.
   * Returns a promise to wait for when Pagefind has fallen `BACKLOG` pages behind, so that pages
   * waiting for it do not pile up in memory when it is slower than rendering.
   */
  add(sourcePath: string, content: string): Promise<void> | undefined {
    if (this.writing) {
      throw new Error(
        `${sourcePath} was rendered after the search index was written: render article pages before the other pages.`,
      );
    }
    this.inFlight++;
    const added = this.index.addHTMLFile({ sourcePath, content });
    this.pending.push(added);
    const settled = () => {
      this.inFlight--;
      if (this.room && this.inFlight <= SearchIndexSession.BACKLOG / 2) {
        this.room.resolve();
        this.room = undefined;
      }
    };
    added.then(settled, settled);
    if (this.inFlight < SearchIndexSession.BACKLOG) return undefined;
    if (!this.room) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.room = { promise, resolve };
    }
    return this.room.promise;
  }

  /**
   * Once every page handed over is indexed, writes the bundle to `<siteDir>/pagefind/`; no page
   * can be added after this is called. Called as soon as the last article page is rendered,
   * Pagefind builds its index (several seconds on a large archive) while the other pages render.
   */
  write(siteDir: string): Promise<SearchIndexResult> {
    if (!this.writing) {
      this.writing = (async () => {
        const responses = await Promise.all(this.pending);
        const errors = responses.flatMap((response) => response.errors);
        if (errors.length) throw new SearchIndexError("index the article pages", errors);
        const outputPath = path.join(siteDir, "pagefind");
        await rm(outputPath, { recursive: true, force: true });
        const written = await this.index.writeFiles({ outputPath });
        if (written.errors.length)
          throw new SearchIndexError(`write ${outputPath}`, written.errors);
        buildStats.searchPages = responses.length;
        return { pages: responses.length, outputPath };
      })();
      // `finish` reports a failure; until then it must not count as unhandled.
      this.writing.catch(() => undefined);
    }
    return this.writing;
  }

  /** Writes the bundle (or waits for the write already started) and stops Pagefind. */
  async finish(siteDir: string): Promise<SearchIndexResult> {
    try {
      return await this.write(siteDir);
    } finally {
      await closeAndRecord(this.started);
    }
  }
}

/** Stops Pagefind's process after a build that failed before the index was written. */
export async function stopSearchIndex(): Promise<void> {
  await pagefind.close();
}
