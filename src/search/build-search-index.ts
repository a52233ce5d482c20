import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type * as PagefindApi from "pagefind";
import { childProcesses } from "./child-processes.ts";
import type { BundlePlan, SearchBundle, SearchShard } from "./bundles.ts";
import type { SearchBundleInfo, SearchIndexInfo } from "./bundle-info.ts";
import { bundleFingerprint, pagesFingerprint, searchTextHash } from "./bundle-fingerprint.ts";
import {
  DEFAULT_CHUNK_SIZE,
  FRAGMENTS_PER_PACK,
  mergeShards,
  type ShardFiles,
} from "./merge-shards.ts";
import { PAGEFIND_FORMAT_VERSION } from "./pagefind-files.ts";
import { searchDocument } from "./search-document.ts";
import type { ShardStore } from "./shard-store.ts";

export class SearchIndexError extends Error {
  constructor(step: string, errors: string[]) {
    super(`Pagefind could not ${step}:\n${errors.map((e) => `  - ${e}`).join("\n")}`);
    this.name = "SearchIndexError";
  }
}

/** Commands of Pagefind's processes, as /proc names them (`pagefind_extended`, cut to 15). */
const PAGEFIND_PROCESS = /pagefind/;

/** Pagefind processes at once: one per core of a two-core machine, while pages render too. */
const PROCESSES = 2;

/** What of a shard's Pagefind output the store keeps: the index, not Pagefind's scripts. */
const INDEX_FILE = /^(index|filter|fragment)\/|^pagefind\.[^/]+\.pf_meta$|^pagefind-entry\.json$/;

/** Pagefind's scripts the site serves from `pagefind/`, beside the bundles' folders. */
const RUNTIME_FILE = /^(pagefind\.js|pagefind-highlight\.js|wasm\.[\w-]+\.pagefind)$/;

const pagefindModule = import.meta.resolve("pagefind");

/**
 * A Pagefind Node API of its own: the package keeps one service process per loaded module, so
 * each shard loads the module under its own URL (a query string makes it a separate module
 * instance) and so gets a process of its own, which frees its memory when its shard is read.
 * @see https://pagefind.app/docs/node-api/
 */
async function pagefindProcess(key: string): Promise<typeof PagefindApi> {
  return (await import(`${pagefindModule}?shard=${encodeURIComponent(key)}`)) as typeof PagefindApi;
}

export interface SearchProcessStats {
  /** The shard's id (named `bundle` for the bench, which reads older builds' stats too). */
  bundle: string;
  pages: number;
  /** Peak resident memory and CPU time of its Pagefind process (Linux only). */
  peakKb?: number;
  cpuMs?: number;
  /** From its process's start to its files read. */
  ms: number;
}

/** What indexing measured of itself, for `npm run bench` (`npm run build -- --stats file.json`). */
export interface SearchIndexStats {
  /** From the first page to the last bundle written. */
  searchIndexMs: number;
  /** Peak resident memory of the largest Pagefind process, in KiB (Linux only). */
  searchPeakKb?: number;
  /** CPU time (user and system) of every Pagefind process, in ms (Linux only). */
  searchCpuMs: number;
  /** One entry per shard indexed, each by a Pagefind process of its own. */
  searchProcesses: SearchProcessStats[];
  /** Bundles the search page loads, merged from the shards. */
  searchBundles: number;
  /** Pages Pagefind indexed (pages of shards taken from the store are not counted). */
  searchPages: number;
  /** Time spent merging shards into bundles. */
  mergeMs: number;
}

export interface SearchIndexResult {
  /** Article pages in the index. */
  pages: number;
  bundles: number;
  outputPath: string;
  /** What the search page is told (see bundle-info.ts). */
  info: SearchIndexInfo;
  /** Shards Pagefind indexed, and shards taken from the store. */
  shardsIndexed: string[];
  shardsStored: string[];
  /** Bundles merged, and bundles the build cache linked. */
  bundlesMerged: string[];
  bundlesReused: string[];
  stats: SearchIndexStats;
}

/** A page of the index as the build hands it over: its search text, or where to read it. */
export interface IndexedPage {
  /** Its `searchDocument`, when the page was rendered. */
  document?: string;
  /** Its `searchTextHash`, when known without the text. */
  hash?: string;
  /** The page's file, to read the text from when it is needed. */
  file?: string;
}

/** What a session asks of the build cache for whole bundles (see src/cache/build-cache.ts). */
export interface BundleReuse {
  /** Links the published build's copy of `bundle` into `siteDir` if it had this fingerprint. */
  reuseBundle(bundle: SearchBundle, fingerprint: string, siteDir: string): boolean;
  /** Records a bundle's fingerprint for the next build. */
  recordBundle(id: string, context: string, fingerprint: string): void;
}

export interface SessionOptions {
  /** The index's language (the site's). */
  language: string;
  /** Pagefind's output of earlier builds' shards. */
  store?: ShardStore;
  /** Index every shard, not taking any from the store (whose entries are still written). */
  fresh?: boolean;
  /** Bundles unchanged since the published build are linked from it. */
  reuse?: BundleReuse;
  /** Told each page's search text hash once it is known (the build cache records it). */
  recordHash?: (output: string, hash: string) => void;
  chunkSize?: number;
  perPack?: number;
}

/** Runs `task`s, `limit` at a time, in the order they are queued. */
class Queue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}

  get backlog(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((go) => this.waiting.push(go));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

/** A shard's pages as they arrive, then its files. */
interface ShardProgress {
  shard: SearchShard;
  pages: Map<string, IndexedPage>;
  files?: Promise<{ fingerprint: string; files: ShardFiles }>;
}

/**
 * The search index of one build, fed page by page while the site renders. Each shard's pages are
 * collected; once its last page is in, its fingerprint says whether the store has Pagefind's output
 * for it already, or a Pagefind process indexes it (two at a time, while pages render). Once every
 * shard of a bundle is in, the bundle is linked from the published build when unchanged, or merged
 * and written to `pagefind/<bundle>/` with `bundle.json`, its entry in the search page's list.
 * Pagefind's scripts go to `pagefind/` itself.
 */
export class SearchIndexSession {
  /** Shards waiting for a Pagefind process above which `add` asks the caller to wait. */
  static readonly BACKLOG = 2;
  private readonly shards = new Map<string, ShardProgress>();
  private readonly bundleOfShard = new Map<string, SearchBundle>();
  private readonly bundles = new Map<string, Promise<SearchBundleInfo>>();
  private readonly queue = new Queue(PROCESSES);
  private readonly processes: SearchProcessStats[] = [];
  private readonly running = new Set<typeof PagefindApi>();
  private readonly started = performance.now();
  private readonly merge: { chunkSize: number; perPack: number };
  private readonly result = {
    shardsIndexed: [] as string[],
    shardsStored: [] as string[],
    bundlesMerged: [] as string[],
    bundlesReused: [] as string[],
    mergeMs: 0,
  };
  private runtime: Promise<ShardFiles> | undefined;
  private stopped = false;
  private writing: Promise<SearchIndexResult> | undefined;

  constructor(
    private readonly siteDir: string,
    private readonly plan: BundlePlan,
    private readonly options: SessionOptions,
  ) {
    this.merge = {
      chunkSize: options.chunkSize ?? DEFAULT_CHUNK_SIZE,
      perPack: options.perPack ?? FRAGMENTS_PER_PACK,
    };
    for (const shard of plan.shards) this.shards.set(shard.id, { shard, pages: new Map() });
    for (const bundle of plan.bundles) {
      for (const id of bundle.shards) this.bundleOfShard.set(id, bundle);
    }
    rmSync(path.join(siteDir, "pagefind"), { recursive: true, force: true });
  }

  /**
   * Adds one article page (`output`, e.g. `articles/…/index.html`). Returns a promise to wait for
   * when shards are waiting for Pagefind, so that their pages do not pile up in memory.
   */
  add(output: string, page: IndexedPage): Promise<void> | undefined {
    if (this.writing) {
      throw new Error(
        `${output} was rendered after the search index was written: render article pages before the other pages.`,
      );
    }
    const id = this.plan.shardOf.get(output);
    const progress = id === undefined ? undefined : this.shards.get(id);
    if (!progress) {
      throw new Error(
        `${output} is an article page no search shard expects: the shard plan and the rendered pages disagree.`,
      );
    }
    progress.pages.set(output, page);
    if (progress.pages.size === progress.shard.pages) {
      progress.files = this.shardFiles(progress);
      progress.files.catch(() => undefined);
      const bundle = this.bundleOfShard.get(progress.shard.id)!;
      const shards = bundle.shards.map((shard) => this.shards.get(shard)!);
      if (shards.every((shard) => shard.files)) {
        const written = this.writeBundle(bundle, shards);
        written.catch(() => undefined);
        this.bundles.set(bundle.id, written);
      }
    }
    if (this.queue.backlog < SearchIndexSession.BACKLOG) return undefined;
    return this.queue.run(async () => undefined);
  }

  /** The shard's files: from the store when its fingerprint is there, else from Pagefind. */
  private async shardFiles(
    progress: ShardProgress,
  ): Promise<{ fingerprint: string; files: ShardFiles }> {
    const hashes = new Map<string, string>();
    for (const [output, page] of progress.pages) {
      if (page.hash === undefined) {
        page.hash = searchTextHash(documentOf(page));
        this.options.recordHash?.(output, page.hash);
      }
      hashes.set(output, page.hash);
    }
    const fingerprint = pagesFingerprint(this.options.language, hashes);
    const { store } = this.options;
    const stored = this.options.fresh ? undefined : store?.get(fingerprint);
    if (stored) {
      this.result.shardsStored.push(progress.shard.id);
      progress.pages.clear();
      return { fingerprint, files: stored };
    }
    const files = await this.queue.run(() => this.indexShard(progress));
    store?.put(fingerprint, indexFiles(files));
    this.result.shardsIndexed.push(progress.shard.id);
    return { fingerprint, files };
  }

  /** Runs Pagefind over a shard's pages, oldest first; resolves to the files it would write. */
  private async indexShard(progress: ShardProgress): Promise<ShardFiles> {
    if (this.stopped) throw new SearchIndexError("index", ["the build was stopped"]);
    const began = performance.now();
    const before = new Set(childProcesses(PAGEFIND_PROCESS).keys());
    const api = await pagefindProcess(progress.shard.id);
    this.running.add(api);
    try {
      const created = await api.createIndex({ forceLanguage: this.options.language });
      if (!created.index) {
        throw new SearchIndexError(`start for the shard ${progress.shard.id}`, created.errors);
      }
      const pid = [...childProcesses(PAGEFIND_PROCESS).keys()].find((p) => !before.has(p));
      // Oldest first, so that a page's number in the shard is its place in date order.
      const pages = [...progress.pages].sort(([a], [b]) => this.order(a) - this.order(b));
      const responses = await Promise.all(
        pages.map(([output, page]) =>
          created.index!.addHTMLFile({ sourcePath: output, content: documentOf(page) }),
        ),
      );
      progress.pages.clear();
      const errors = responses.flatMap((response) => response.errors);
      if (errors.length) {
        throw new SearchIndexError(`index the pages of shard ${progress.shard.id}`, errors);
      }
      const got = await created.index.getFiles();
      if (got.errors.length) {
        throw new SearchIndexError(`read the index of shard ${progress.shard.id}`, got.errors);
      }
      const usage = pid === undefined ? undefined : childProcesses(PAGEFIND_PROCESS).get(pid);
      this.processes.push({
        bundle: progress.shard.id,
        pages: pages.length,
        ...(usage ? { peakKb: usage.peakKb, cpuMs: usage.cpuMs } : {}),
        ms: performance.now() - began,
      });
      const files = new Map(got.files.map((file) => [file.path, file.content]));
      this.keepRuntime(files);
      return files;
    } finally {
      this.running.delete(api);
      await api.close();
    }
  }

  /** A page's place in date order, from the plan (which lists pages oldest first). */
  private order(output: string): number {
    this.places ??= new Map([...this.plan.shardOf.keys()].map((key, i) => [key, i]));
    return this.places.get(output) ?? 0;
  }
  private places: Map<string, number> | undefined;

  /** Pagefind's scripts, from the first shard indexed (and into the store for later builds). */
  private keepRuntime(files: ShardFiles): void {
    if (this.runtime) return;
    // Pagefind's WebAssembly for the index's language only (it writes `wasm.unknown` too).
    const wasm = `wasm.${this.options.language}.pagefind`;
    const runtime = new Map(
      [...files].filter(
        ([name]) => RUNTIME_FILE.test(name) && (!name.startsWith("wasm.") || name === wasm),
      ),
    );
    // Its key names Pagefind's version and the language: a file kept under it holds these bytes.
    const key = runtimeKey(this.options.language);
    if (this.options.store && !this.options.store.holds(key)) this.options.store.put(key, runtime);
    this.runtime = Promise.resolve(runtime);
  }

  /** Links the bundle when the build cache has it unchanged, or merges its shards and writes it. */
  private async writeBundle(
    bundle: SearchBundle,
    shards: readonly ShardProgress[],
  ): Promise<SearchBundleInfo> {
    const got = await Promise.all(shards.map((shard) => shard.files!));
    const fingerprint = bundleFingerprint(
      bundle.tag,
      this.merge,
      got.map((shard) => shard.fingerprint),
    );
    const dir = path.join(this.siteDir, "pagefind", bundle.dir);
    this.options.reuse?.recordBundle(bundle.id, "", fingerprint);
    if (this.options.reuse?.reuseBundle(bundle, fingerprint, this.siteDir)) {
      const info = JSON.parse(
        readFileSync(path.join(dir, BUNDLE_FILE), "utf8"),
      ) as SearchBundleInfo;
      if (info.tag === bundle.tag) {
        this.result.bundlesReused.push(bundle.id);
        return info;
      }
    }
    const began = performance.now();
    const merged = mergeShards(
      got.map((shard) => shard.files),
      {
        tag: bundle.tag,
        language: this.options.language,
        // As Pagefind's entry says, so that a bundle's own entry (which an assembling build of a
        // CI matrix reads) tells the search page what a whole build tells it.
        includeCharacters: includeCharactersOf(got[0]!.files),
        ...this.merge,
      },
    );
    rmSync(dir, { recursive: true, force: true });
    for (const [name, bytes] of merged.files) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), bytes);
    }
    const info: SearchBundleInfo = {
      dir: bundle.dir,
      from: bundle.from,
      to: bundle.to,
      pages: bundle.pages,
      tag: bundle.tag,
      meta: merged.metaHash,
      packs: merged.packs,
      lengths: merged.lengths,
    };
    writeFileSync(path.join(dir, BUNDLE_FILE), JSON.stringify(info));
    this.result.mergeMs += performance.now() - began;
    this.result.bundlesMerged.push(bundle.id);
    return info;
  }

  /**
   * Once every bundle is written, writes Pagefind's scripts and returns what the search page is
   * told. Every page of the plan must have been added; no page can be added after this is called.
   */
  finish(): Promise<SearchIndexResult> {
    this.writing ??= (async () => {
      try {
        for (const { shard, files } of this.shards.values()) {
          if (!files) {
            throw new SearchIndexError("index every article", [
              `shard ${shard.id} expected ${shard.pages} article pages, was given fewer`,
            ]);
          }
        }
        const bundles = await Promise.all(this.plan.bundles.map((b) => this.bundles.get(b.id)!));
        const runtime = await (this.runtime ?? this.storedRuntime());
        const root = path.join(this.siteDir, "pagefind");
        mkdirSync(root, { recursive: true });
        for (const [name, bytes] of runtime) writeFileSync(path.join(root, name), bytes);
        this.options.store?.prune();
        const info: SearchIndexInfo = {
          bundles,
          version: PAGEFIND_FORMAT_VERSION,
          language: this.options.language,
          includeCharacters: await this.includeCharacters(),
          perPack: this.merge.perPack,
        };
        const pages = bundles.reduce((sum, bundle) => sum + bundle.pages, 0);
        return {
          pages,
          bundles: bundles.length,
          outputPath: root,
          info,
          ...this.result,
          stats: {
            searchPages: this.processes.reduce((sum, p) => sum + p.pages, 0),
            searchProcesses: this.processes,
            searchBundles: bundles.length,
            searchPeakKb: Math.max(0, ...this.processes.map((p) => p.peakKb ?? 0)) || undefined,
            searchCpuMs: this.processes.reduce((sum, p) => sum + (p.cpuMs ?? 0), 0),
            searchIndexMs: performance.now() - this.started,
            mergeMs: this.result.mergeMs,
          },
        };
      } finally {
        await this.stop();
      }
    })();
    return this.writing;
  }

  /**
   * Pagefind's scripts when no shard was indexed: from the store, else from an index of one page
   * (Pagefind writes a language's WebAssembly only for an index with a page in it).
   */
  private async storedRuntime(): Promise<ShardFiles> {
    const stored = this.options.store?.get(runtimeKey(this.options.language));
    if (stored?.has(`wasm.${this.options.language}.pagefind`)) return stored;
    const api = await pagefindProcess("runtime");
    try {
      const created = await api.createIndex({ forceLanguage: this.options.language });
      if (!created.index) throw new SearchIndexError("start", created.errors);
      const added = await created.index.addHTMLFile({
        sourcePath: "runtime/index.html",
        content: "<html><body><main data-pagefind-body>runtime</main></body></html>",
      });
      if (added.errors.length) throw new SearchIndexError("start", added.errors);
      const got = await created.index.getFiles();
      if (got.errors.length) throw new SearchIndexError("read its scripts", got.errors);
      const files = new Map(got.files.map((file) => [file.path, file.content]));
      this.keepRuntime(files);
      return this.runtime!;
    } finally {
      await api.close();
    }
  }

  /** The characters Pagefind keeps in words, as its entry file says (alike for every shard). */
  private async includeCharacters(): Promise<string[]> {
    for (const { files } of this.shards.values()) {
      const characters = includeCharactersOf((await files)?.files);
      if (characters) return characters;
    }
    return [];
  }

  /** Stops every Pagefind process of this session (a build that failed, or after `finish`). */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.running].map((api) => api.close()));
  }
}

/** `12 of 40 shards indexed by Pagefind, 28 from the store`. */
export function describeShards(result: SearchIndexResult): string {
  const shards = result.shardsIndexed.length + result.shardsStored.length;
  return `${result.shardsIndexed.length} of ${shards} shard${shards === 1 ? "" : "s"} indexed by Pagefind${result.shardsStored.length ? `, ${result.shardsStored.length} from the cache` : ""}`;
}

/** The characters Pagefind keeps in words, as a shard's entry file says, if it has one. */
function includeCharactersOf(files: ShardFiles | undefined): string[] | undefined {
  const entry = files?.get("pagefind-entry.json");
  if (!entry) return undefined;
  const parsed = JSON.parse(Buffer.from(entry).toString("utf8")) as {
    include_characters?: string[];
  };
  return parsed.include_characters ?? [];
}

/** Each bundle folder's entry in the search page's list (`SearchBundleInfo`). */
export const BUNDLE_FILE = "bundle.json";

function runtimeKey(language: string): string {
  return `runtime-${PAGEFIND_FORMAT_VERSION}-${language.replace(/[^\w-]/g, "")}-1`;
}

function indexFiles(files: ShardFiles): ShardFiles {
  return new Map([...files].filter(([name]) => INDEX_FILE.test(name)));
}

function documentOf(page: IndexedPage): string {
  if (page.document === undefined) {
    if (!page.file) throw new Error("A page handed to the search index has neither text nor file.");
    page.document = searchDocument(readFileSync(page.file, "utf8"));
  }
  return page.document;
}

/**
 * Indexes the built article pages of `siteDir` again, read from disk (`npm start` after an edit):
 * with a store, only the shards whose pages changed.
 */
export async function buildSearchIndex(
  siteDir: string,
  plan: BundlePlan,
  options: SessionOptions,
): Promise<SearchIndexResult> {
  const session = new SearchIndexSession(siteDir, plan, options);
  try {
    for (const output of plan.shardOf.keys()) {
      await session.add(output, { file: path.join(siteDir, output) });
    }
    return await session.finish();
  } finally {
    await session.stop();
  }
}
