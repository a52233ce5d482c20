import { readFileSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import type * as PagefindApi from "pagefind";
import { childProcesses } from "./child-processes.ts";
import type { BundlePlan, SearchBundle } from "./bundles.ts";
import { searchDocument } from "./search-document.ts";

export class SearchIndexError extends Error {
  constructor(step: string, errors: string[]) {
    super(`Pagefind could not ${step}:\n${errors.map((e) => `  - ${e}`).join("\n")}`);
    this.name = "SearchIndexError";
  }
}

/**
 * Result fragments per file, once an archive has more than `UNGROUPED_LIMIT` stories. Pagefind
 * writes one fragment file per page unless told a most (`maxFragments`), so a 20,000-story archive
 * would put 20,000 files on the host, more than some static hosts accept for a whole site. Grouped,
 * a reader's first search loads the whole group of each result shown, so the size trades files
 * on the host (one per 20 stories) against a first search's bytes (about 10 groups of 20
 * stories); both stay the same per story as the archive grows (`npm run bench`).
 */
export const STORIES_PER_FRAGMENT_FILE = 20;
/** Archives up to this many stories keep one fragment file per story. */
export const UNGROUPED_LIMIT = 1000;

/**
 * How many fragment files a bundle of `pages` stories gets (its pages and its sentinel) in an
 * archive of `totalPages`: one per page in a small archive, one per `perFile` stories otherwise.
 */
export function maxFragmentsOf(
  pages: number,
  totalPages: number,
  perFile: number = STORIES_PER_FRAGMENT_FILE,
): number {
  return totalPages <= UNGROUPED_LIMIT ? pages + 1 : Math.ceil((pages + 1) / perFile);
}

/** Pagefind's browser files a sealed bundle does without: the search page loads them once. */
const RUNTIME_ONLY = /^pagefind(-worker|-highlight)?\.js$/;
/** Pagefind's ready-made interfaces, which the search page does not use. */
const UNUSED_UI = /^pagefind-(component-ui|modular-ui|ui)\.(js|css)$/;

/** Commands of Pagefind's processes, as /proc names them (`pagefind_extended`, cut to 15). */
const PAGEFIND_PROCESS = /pagefind/;

const pagefindModule = import.meta.resolve("pagefind");

/**
 * A Pagefind Node API of its own: the package keeps one service process per loaded module, so
 * each bundle loads the module under its own URL (a query string makes it a separate module
 * instance) and so gets a process of its own, which indexes in parallel with the others and
 * frees its memory when its bundle is written.
 * @see https://pagefind.app/docs/node-api/
 */
async function pagefindProcess(key: string): Promise<typeof PagefindApi> {
  return (await import(
    `${pagefindModule}?bundle=${encodeURIComponent(key)}`
  )) as typeof PagefindApi;
}

/** Pagefind's options, alike for every bundle of the build and for `npm start`'s rebuilds. */
function indexOptions(options: {
  language?: string;
  maxFragments: number;
}): PagefindApi.PagefindServiceConfig {
  return { forceLanguage: options.language, maxFragments: options.maxFragments };
}

export interface SearchProcessStats {
  bundle: string;
  pages: number;
  /** Peak resident memory and CPU time of its Pagefind process (Linux only). */
  peakKb?: number;
  cpuMs?: number;
  /** From its first page to its bundle written. */
  ms: number;
}

/** What indexing measured of itself, for `npm run bench` (`npm run build -- --stats file.json`). */
export interface SearchIndexStats {
  /** Time spent in Pagefind: create, add the pages, write the bundle. */
  searchIndexMs: number;
  /** Peak resident memory of the largest Pagefind process, in KiB (Linux only). */
  searchPeakKb?: number;
  /** CPU time (user and system) of every Pagefind process, in ms (Linux only). */
  searchCpuMs: number;
  /** One entry per search bundle, each indexed by a Pagefind process of its own. */
  searchProcesses: SearchProcessStats[];
  searchPages: number;
}

export interface SearchIndexResult {
  pages: number;
  bundles: number;
  outputPath: string;
  stats: SearchIndexStats;
}

/**
 * Each bundle's sentinel page. Sorted by date, Pagefind scores a bundle's results by their place
 * among its pages, oldest 0; the search page weights each bundle's scores to keep bundles apart
 * (src/browser/bundled-search.ts), which needs every real story's score above 0. The sentinel,
 * dated before any story, takes place 0. It also holds every word of the archive (the plan's
 * vocabulary), so that no bundle answers a word found elsewhere with a prefix of it, at weight 0,
 * so that it scores 0 in every search: the search page leaves out results that score 0.
 */
const sentinelPage = (vocabulary: readonly string[], language = "en") =>
  `<!doctype html><html lang="${language.replace(/[^\w-]/g, "")}"><body><main data-pagefind-body data-pagefind-sort="date:0000-01-01T00:00:00.000Z"><p data-pagefind-weight="0">${vocabulary.length ? vocabulary.join(" ") : "sentinel"}</p></main></body></html>`;

/**
 * The last process start of a session: starts are made one after another, so that each bundle can
 * tell which new process is its own.
 */
interface StartQueue {
  last: Promise<unknown>;
}

/** One bundle's index, in one Pagefind process, started by its first page. */
class BundleIndex {
  private readonly pending: Array<Promise<{ errors: string[] }>> = [];
  private readonly started = performance.now();
  private readonly ready: Promise<{
    api: typeof PagefindApi;
    index: PagefindApi.PagefindIndex;
    pid?: number;
  }>;
  private finished: Promise<SearchProcessStats> | undefined;
  added = 0;

  constructor(
    readonly bundle: SearchBundle,
    options: { language?: string; maxFragments: number; vocabulary: readonly string[] },
    starts: StartQueue,
  ) {
    const start = starts.last.then(async () => {
      const before = new Set(childProcesses(PAGEFIND_PROCESS).keys());
      const api = await pagefindProcess(bundle.id);
      const created = await api.createIndex(indexOptions(options));
      if (!created.index) {
        await api.close();
        throw new SearchIndexError(`start for the bundle ${bundle.id}`, created.errors);
      }
      const sentinel = await created.index.addHTMLFile({
        sourcePath: "pagefind-sentinel/index.html",
        content: sentinelPage(options.vocabulary, options.language),
      });
      if (sentinel.errors.length) {
        await api.close();
        throw new SearchIndexError(`start for the bundle ${bundle.id}`, sentinel.errors);
      }
      const pid = [...childProcesses(PAGEFIND_PROCESS).keys()].find((p) => !before.has(p));
      return { api, index: created.index, pid };
    });
    starts.last = start.catch(() => undefined);
    this.ready = start;
    // A failure is reported by `finish`; until then it must not count as unhandled.
    this.ready.catch(() => undefined);
  }

  add(sourcePath: string, content: string): Promise<{ errors: string[] }> {
    this.added++;
    const added = this.ready.then(({ index }) => index.addHTMLFile({ sourcePath, content }));
    added.catch(() => undefined);
    this.pending.push(added);
    return added;
  }

  /** Once every page handed over is indexed, writes the bundle to `outputPath` and stops. */
  finish(outputPath: string): Promise<SearchProcessStats> {
    this.finished ??= (async () => {
      const { api, index, pid } = await this.ready;
      try {
        const responses = await Promise.all(this.pending);
        const errors = responses.flatMap((response) => response.errors);
        if (errors.length)
          throw new SearchIndexError(`index the pages of bundle ${this.bundle.id}`, errors);
        const written = await index.writeFiles({ outputPath });
        if (written.errors.length)
          throw new SearchIndexError(`write ${outputPath}`, written.errors);
        const usage = pid === undefined ? undefined : childProcesses(PAGEFIND_PROCESS).get(pid);
        return {
          bundle: this.bundle.id,
          pages: responses.length,
          ...(usage ? { peakKb: usage.peakKb, cpuMs: usage.cpuMs } : {}),
          ms: performance.now() - this.started,
        };
      } finally {
        await api.close();
      }
    })();
    return this.finished;
  }

  /** Stops the process without writing (a build that failed). */
  async stop(): Promise<void> {
    try {
      const { api } = await this.ready;
      await api.close();
    } catch {
      // It never started; the build reports why.
    }
  }
}

/**
 * The search index of one build, split into the bundles of `plan`, fed page by page while the
 * site is being rendered: each bundle's Pagefind process indexes on a core of its own while
 * Eleventy renders on another, instead of reading every page back from disk after the build. A
 * bundle is written, and its process stopped, as soon as its last page is in, so only the bundles
 * being filled hold memory; pages rendered newest first fill one bundle after another.
 */
export class SearchIndexSession {
  /** Pages handed over and not yet indexed above which `add` asks the caller to wait. */
  static readonly BACKLOG = 256;
  private readonly bundles = new Map<string, BundleIndex>();
  private readonly byId: Map<string, SearchBundle>;
  private readonly totalPages: number;
  private readonly started = performance.now();
  private readonly writes: Array<Promise<SearchProcessStats>> = [];
  private readonly starts: StartQueue = { last: Promise.resolve() };
  private inFlight = 0;
  private room: { promise: Promise<void>; resolve: () => void } | undefined;
  private writing: Promise<SearchIndexResult> | undefined;

  /**
   * Indexes into `<siteDir>/pagefind/`, which is emptied first (a rebuild under `npm start`
   * writes into the same folder).
   */
  constructor(
    private readonly siteDir: string,
    private readonly plan: BundlePlan,
    private readonly options: {
      language?: string;
      /** Fragments per file once grouped (default `STORIES_PER_FRAGMENT_FILE`). */
      storiesPerFragmentFile?: number;
      /**
       * Stories in the whole archive, when `plan` holds only some of its bundles (a CI job that
       * builds a few): fragments are grouped, or not, as in a whole build.
       */
      totalPages?: number;
    } = {},
  ) {
    this.byId = new Map(plan.bundles.map((bundle) => [bundle.id, bundle]));
    this.totalPages =
      options.totalPages ?? plan.bundles.reduce((sum, bundle) => sum + bundle.pages, 0);
    rmSync(path.join(siteDir, "pagefind"), { recursive: true, force: true });
  }

  /** Bundles taken whole from elsewhere (the build cache): no page of theirs is expected. */
  private readonly skipped = new Set<string>();

  /** Says that `id`'s files come from elsewhere (the build cache): it gets no page and no process. */
  skip(id: string): void {
    if (this.bundles.has(id))
      throw new Error(`Bundle ${id} is being indexed: it cannot be skipped.`);
    this.skipped.add(id);
  }

  private outputOf(bundle: SearchBundle): string {
    return path.join(this.siteDir, "pagefind", bundle.dir);
  }

  /**
   * Adds one built article page; `sourcePath` is its path in the site folder, e.g.
   * `articles/…/index.html`. Returns a promise to wait for when Pagefind has fallen `BACKLOG`
   * pages behind, so that pages waiting for it do not pile up in memory.
   */
  add(sourcePath: string, content: string): Promise<void> | undefined {
    if (this.writing) {
      throw new Error(
        `${sourcePath} was rendered after the search index was written: render article pages before the other pages.`,
      );
    }
    const id = this.plan.bundleOf.get(sourcePath);
    const bundle = id === undefined ? undefined : this.byId.get(id);
    if (!bundle) {
      throw new Error(
        `${sourcePath} is an article page no search bundle expects: the bundle plan and the rendered pages disagree.`,
      );
    }
    let index = this.bundles.get(bundle.id);
    if (!index) {
      index = new BundleIndex(
        bundle,
        {
          language: this.options.language,
          vocabulary: this.plan.vocabulary ?? [],
          maxFragments: maxFragmentsOf(
            bundle.pages,
            this.totalPages,
            this.options.storiesPerFragmentFile,
          ),
        },
        this.starts,
      );
      this.bundles.set(bundle.id, index);
    }
    this.inFlight++;
    const added = index.add(sourcePath, content);
    const settled = () => {
      this.inFlight--;
      if (this.room && this.inFlight <= SearchIndexSession.BACKLOG / 2) {
        this.room.resolve();
        this.room = undefined;
      }
    };
    added.then(settled, settled);
    // Its last page: the bundle is written now, and its process freed, while others fill.
    if (index.added === bundle.pages) this.writes.push(index.finish(this.outputOf(bundle)));
    if (this.inFlight < SearchIndexSession.BACKLOG) return undefined;
    if (!this.room) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.room = { promise, resolve };
    }
    return this.room.promise;
  }

  /**
   * Once every bundle is written, checks that each got all its pages, tidies the bundles and
   * records what the processes used. No page can be added after this is called.
   */
  write(): Promise<SearchIndexResult> {
    if (!this.writing) {
      this.writing = (async () => {
        const indexed = this.plan.bundles.filter((bundle) => !this.skipped.has(bundle.id));
        for (const bundle of indexed) {
          const index = this.bundles.get(bundle.id);
          if (!index || index.added !== bundle.pages) {
            throw new SearchIndexError(`index every article`, [
              `bundle ${bundle.id} expected ${bundle.pages} article pages, was given ${index?.added ?? 0}`,
            ]);
          }
        }
        const processes = await Promise.all(this.writes);
        if (this.plan.bundles.length === 0) await writeEmptyBundle(this.siteDir, this.options);
        if (indexed.length || !this.plan.bundles.length) {
          tidyBundles(this.siteDir, { ...this.plan, bundles: indexed });
        }
        const pages = processes.reduce((sum, p) => sum + p.pages, 0);
        return {
          pages,
          bundles: indexed.length,
          outputPath: path.join(this.siteDir, "pagefind"),
          stats: {
            searchPages: pages,
            searchProcesses: processes,
            searchPeakKb: Math.max(0, ...processes.map((p) => p.peakKb ?? 0)) || undefined,
            searchCpuMs: processes.reduce((sum, p) => sum + (p.cpuMs ?? 0), 0),
            searchIndexMs: performance.now() - this.started,
          },
        };
      })();
      // `finish` reports a failure; until then it must not count as unhandled.
      this.writing.catch(() => undefined);
    }
    return this.writing;
  }

  /** Writes the index (or waits for the write already started); every process is stopped. */
  async finish(): Promise<SearchIndexResult> {
    try {
      return await this.write();
    } finally {
      await this.stop();
    }
  }

  /** Stops every Pagefind process of this session (a build that failed, or after `finish`). */
  async stop(): Promise<void> {
    await Promise.all([...this.bundles.values()].map((index) => index.stop()));
  }
}

/**
 * An archive without stories still gets a (empty) bundle, so that the search page loads and says
 * that nothing matched rather than failing.
 */
async function writeEmptyBundle(siteDir: string, options: { language?: string }): Promise<void> {
  const api = await pagefindProcess("empty");
  try {
    const created = await api.createIndex(indexOptions({ ...options, maxFragments: 1 }));
    if (!created.index) throw new SearchIndexError("start", created.errors);
    const outputPath = path.join(siteDir, "pagefind");
    const written = await created.index.writeFiles({ outputPath });
    if (written.errors.length) throw new SearchIndexError(`write ${outputPath}`, written.errors);
  } finally {
    await api.close();
  }
}

/**
 * Leaves out what the search page never loads: Pagefind's ready-made interfaces everywhere, in
 * sealed bundles the scripts, which the search page loads once from the newest bundle, and every
 * WebAssembly file but the ones the bundle's languages name (Pagefind loads `wasm.unknown` only for
 * a language without a stemmer; the index is written for the site's language).
 */
function tidyBundles(siteDir: string, plan: BundlePlan): void {
  const root = path.join(siteDir, "pagefind");
  for (const bundle of plan.bundles.length ? plan.bundles : [{ dir: "" }]) {
    const dir = path.join(root, bundle.dir);
    const wasm = wasmInUse(dir);
    for (const file of readdirSync(dir)) {
      const stemmer = WASM.exec(file)?.[1];
      const unusedWasm = stemmer !== undefined && !wasm.has(stemmer);
      if (UNUSED_UI.test(file) || (bundle.dir && RUNTIME_ONLY.test(file)) || unusedWasm)
        rmSync(path.join(dir, file));
    }
  }
}

/** Pagefind's WebAssembly, one file per stemmer: `wasm.<language>.pagefind`. */
const WASM = /^wasm\.(.+)\.pagefind$/;

/** The WebAssembly files a bundle's `pagefind-entry.json` names for its languages. */
function wasmInUse(dir: string): Set<string> {
  const entry = JSON.parse(readFileSync(path.join(dir, "pagefind-entry.json"), "utf8")) as {
    languages?: Record<string, { wasm?: string }>;
  };
  // Pagefind's own rule: a language without `wasm` loads `wasm.unknown.pagefind`.
  return new Set(
    Object.values(entry.languages ?? {}).map((language) => language.wasm ?? "unknown"),
  );
}

/**
 * Indexes the built article pages of `siteDir` again, read from disk, into the bundles of `plan`
 * (`npm start` after an edit).
 */
export async function buildSearchIndex(
  siteDir: string,
  plan: BundlePlan,
  options: { language?: string } = {},
): Promise<SearchIndexResult> {
  const session = new SearchIndexSession(siteDir, plan, options);
  try {
    for (const output of plan.bundleOf.keys()) {
      const html = readFileSync(path.join(siteDir, output), "utf8");
      await session.add(output, searchDocument(html));
    }
    return await session.finish();
  } finally {
    await session.stop();
  }
}
