/**
 * The build cache: what `npm run build` keeps in `<archive>/.cache/build/` so that the next build
 * re-renders only the pages whose inputs changed and re-indexes only the search bundles whose
 * stories changed. Safe to delete: without it, or with one this build cannot trust, the build is a
 * whole one.
 *
 * What it holds (`state.json`, see cache-state.ts):
 * - a key over everything that can change every page (cache-key.ts): this program's code and page
 *   templates, the lock file, Node's major version, the archive's `_data/` but the registry and the
 *   settings as resolved with the environment. Another key, another format or an unreadable file:
 *   the cache is ignored, with one line saying why.
 * - a fingerprint of each bulk page's inputs (page-fingerprints.ts), by output path;
 * - a fingerprint of each search bundle's inputs (its tag, how it is merged and its shards' pages'
 *   search text and language; src/search/bundle-fingerprint.ts), by bundle id;
 * - the build it describes, the published one (`_site`), with the list of its other files, the
 *   time by which that list was whole, and each reusable file (bulk pages, the search index) as it
 *   was written (see file-records.ts);
 * - the same for the build published before it, kept as a spare (`_site.builds/spare-<name>/`).
 *
 * A build updates the spare in place, when there is one: it removes the spare's files that are not
 * bulk pages (and any file someone added, found in the folders modified since the list), keeps each
 * page whose fingerprint is the same as in the spare and whose file is still as written, removes
 * the others, and fills the gaps by hard-linking the published build's copy (unchanged since the
 * published build, and still as written) or rendering the page. Without a spare it starts from an
 * empty folder and links every unchanged page. A search bundle whose fingerprint is unchanged, and
 * whose files are all still as written, is linked from the published build instead of being
 * indexed. Builds never write into a file they kept or linked (the spare's copy is removed first,
 * and Pagefind writes only the bundles it indexes), so a file shared by two builds is changed in
 * place only by someone else, which the next build notices.
 *
 * Killed builds: the spare is renamed to the build's own folder before it is changed, so a killed
 * build's half-updated folder is a leftover, removed by the next build. The state is written (to a
 * temporary file, then renamed) after the new build is published and before the build it replaced
 * becomes the spare. Killed before, the state describes the build before, whose files the new one
 * shares where they did not change: those are still found as written, the others are made again.
 */
import { readFileSync, renameSync } from "node:fs";
import path from "node:path";
import type { Archive } from "../collections/archive.ts";
import { shortHash } from "../files/short-hash.ts";
import type { FileStamp } from "../files/file-stamp.ts";
import { linkFile, removeAllBut, removeAllButListed, removeFiles } from "../output/linked-files.ts";
import {
  claimSpare as claimSpareFolder,
  removeSpares,
  spareFolderFor,
  type StepHook,
} from "../output/output-swap.ts";
import type { PageInstance } from "../render/page-instances.ts";
import { SEALED_BUNDLE_FOLDER, type SearchBundle } from "../search/bundles.ts";
import type { IndexCache } from "../search/cached-indexing.ts";
import { buildCacheDir, CACHE_FORMAT, type CacheKey } from "./cache-key.ts";
import {
  readCacheState,
  writeCacheState,
  type CacheState,
  type FileRecord,
  type FolderState,
} from "./cache-state.ts";
import { fileRecord, verifiedFile, verifiedHash } from "./file-records.ts";
import { PageFingerprints } from "./page-fingerprints.ts";

/** What the cache reused and why it was ignored, for the build's report. */
export interface CacheReport {
  /** Why nothing was reused, when nothing was. */
  ignored?: string;
  pagesRendered: number;
  pagesReused: number;
  bundlesIndexed: string[];
  bundlesReused: string[];
  /** Whether the build updated the spare build (see `claimSpare`) rather than an empty folder. */
  updatedSpare?: boolean;
  /**
   * Files of earlier builds the cache would have reused but found changed since they were written
   * (edited in place, replaced or removed): made again. Paths as the user sees them.
   */
  changedFiles: string[];
}

/** A page this build need not render: kept in the spare it updates, or linked from `file`. */
interface ReusablePage {
  file: string;
  /** The hash of the page's search text, for article pages. */
  document?: string;
  /**
   * Already in the folder being built (the spare), untouched: its stamp as verified, which the
   * build never changes (it writes no kept file), so the output's measure need not ask again.
   */
  kept?: FileStamp;
}

/** Where the search index's files are, in a build and in its state's records. */
const SEARCH_INDEX = "pagefind/";

/** One build's use of the cache: open it, ask what to reuse, save it once the build is published. */
export class BuildCache implements IndexCache {
  private readonly pageFingerprints = new Map<string, string>();
  private readonly bundleFingerprints = new Map<string, string>();
  private readonly contexts = new Map<string, string>();
  private readonly documents = new Map<string, string>();
  /** Output path → how to have the page without rendering it. */
  private readonly reusable = new Map<string, ReusablePage>();
  /** Output path → the hash of the content this build has there (rendered, kept or linked). */
  private readonly hashes = new Map<string, string>();
  private readonly previous: CacheState | undefined;
  /** The spare this build updates (`claimSpare`): where it is now, where it was, what it held. */
  private spare: { dir: string; name: string; state: FolderState } | undefined;
  /** Every bulk page this build has in its folder, rendered, kept or linked, in order. */
  private readonly pages: string[] = [];
  /** Output path → its place in `report.changedFiles`. */
  private readonly changedOutputs = new Map<string, number>();
  /** The published build's search-index files by bundle folder ("" for the newest), once asked. */
  private bundleFiles: Map<string, string[]> | undefined;
  readonly report: CacheReport = {
    pagesRendered: 0,
    pagesReused: 0,
    bundlesIndexed: [],
    bundlesReused: [],
    changedFiles: [],
  };

  private constructor(
    private readonly dir: string,
    private readonly key: CacheKey,
    previous: CacheState | undefined,
    ignored: string | undefined,
    readonly fingerprints: PageFingerprints,
    private readonly onStep: StepHook | undefined,
  ) {
    this.previous = previous;
    this.report.ignored = ignored;
  }

  /**
   * Reads the cache of `root`. A cache that cannot be trusted is ignored (`report.ignored` says
   * why); its files are replaced when this build is saved.
   */
  static open(options: {
    root: string;
    archive: Archive;
    /** `cacheKey` of this build. */
    key: CacheKey;
    /** Reuse nothing (`--no-cache`), but keep the cache for the next build. */
    fresh?: boolean;
    /** The fault-injection tests' hook (see `BuildStep`). */
    onStep?: StepHook;
  }): BuildCache {
    const dir = buildCacheDir(options.root);
    const { key, onStep } = options;
    const fingerprints = new PageFingerprints(options.archive);
    const make = (state?: CacheState, ignored?: string) =>
      new BuildCache(dir, key, state, ignored, fingerprints, onStep);
    if (options.fresh) return make(undefined, "--no-cache");
    const read = readCacheState(dir, key);
    return "ignored" in read ? make(undefined, read.ignored) : make(read.state);
  }

  /**
   * The folder to build in: the spare build the cache describes, when there is one for `outDir`,
   * claimed (see src/output/output-swap.ts) and emptied of everything but its bulk pages, which
   * `judgePages` then keeps, replaces or removes one by one. Undefined when there is none: build in
   * a new folder. Unchanged pages then cost nothing at all, where a new folder needs a folder and a
   * link for each.
   */
  claimSpare(outDir: string): string | undefined {
    const spare = this.previous?.spare;
    const dir = spare && claimSpareFolder(outDir, spare.output);
    if (!spare || !dir) return undefined;
    this.onStep?.("spare-claimed");
    // Everything not a bulk page is written again by the build (Eleventy's pages, photos, the
    // search bundles, which are linked from the published build or indexed); a file someone added
    // to the spare goes too.
    const isPage = (file: string) => spare.pages[file] !== undefined;
    if (typeof spare.listedAt === "number") {
      const files = [...Object.keys(spare.pages), ...spare.extras];
      removeAllButListed(dir, isPage, { files, listedAt: spare.listedAt });
    } else removeAllBut(dir, isPage);
    this.onStep?.("spare-emptied");
    this.spare = { dir, name: spare.output, state: spare };
    this.report.updatedSpare = true;
    return dir;
  }

  /**
   * Notes a reusable file found changed since it was written: it is made again. A page changed in
   * the published build and the spare alike (one file, hard-linked) is named once, as published.
   */
  private changed(folder: string, file: string): void {
    const shown = path.relative(process.cwd(), path.join(folder, file));
    const first = this.changedOutputs.get(file);
    if (first === undefined) this.report.changedFiles.push(shown);
    else this.report.changedFiles[first] = shown;
    this.changedOutputs.set(file, first ?? this.report.changedFiles.length - 1);
  }

  /**
   * Fingerprints every bulk page, before any is written, and decides for each: kept as it is in the
   * spare being updated, linked from the published build, or rendered (the spare's copy removed).
   * A page is kept or linked only while its file is still as written (see file-records.ts).
   */
  judgePages(instances: Iterable<PageInstance>): void {
    const spare = this.spare;
    const previous = this.previous;
    for (const instance of instances) {
      const { output } = instance;
      const fingerprint = this.fingerprints.page(instance);
      if (fingerprint === undefined) continue;
      this.pageFingerprints.set(output, fingerprint);
      const inSpare = spare?.state.pages[output];
      if (spare && inSpare === fingerprint) {
        const file = path.join(spare.dir, output);
        const verified = verifiedFile(file, spare.state.files[output]);
        if (verified) {
          const document = spare.state.documents[output];
          this.reusable.set(output, { file, document, kept: verified.stamp });
          this.hashes.set(output, verified.hash);
          continue;
        }
        this.changed(spare.name, output);
      }
      // Linked or written anew: never into the spare's copy, which may be the published file.
      if (spare && inSpare !== undefined) removeFiles(spare.dir, [output], { folders: false });
      if (previous && previous.pages[output] === fingerprint) {
        const file = path.join(previous.output, output);
        const hash = verifiedHash(file, previous.files[output]);
        if (hash) {
          this.reusable.set(output, { file, document: previous.documents[output] });
          this.hashes.set(output, hash);
        } else this.changed(previous.output, output);
      }
    }
    if (spare) {
      const gone = Object.keys(spare.state.pages).filter(
        (page) => !this.pageFingerprints.has(page),
      );
      removeFiles(spare.dir, gone);
    }
    this.onStep?.("pages-judged");
  }

  /**
   * Has the page in `siteDir` without rendering it when its inputs are unchanged (kept or linked
   * from the published build) and returns that file; undefined when the page must be rendered.
   */
  reusePage(output: string, siteDir: string): string | undefined {
    this.pages.push(output);
    const page = this.reusable.get(output);
    if (page && (page.kept || this.link(page.file, path.join(siteDir, output)))) {
      this.report.pagesReused++;
      return page.file;
    }
    this.hashes.delete(output);
    this.report.pagesRendered++;
    return undefined;
  }

  /** Records a rendered page's content, as the file it is written to will hold it. */
  rendered(output: string, html: string): void {
    if (this.pageFingerprints.has(output)) this.hashes.set(output, shortHash(html));
  }

  /** Links a published page; false when the published build no longer has it (it is rendered). */
  private link(from: string, to: string): boolean {
    try {
      linkFile(from, to);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw error;
    }
  }

  /**
   * Links the cached build's copy of a bundle into `siteDir` when the cached build had this bundle
   * with this fingerprint and every one of its files is still as written; returns whether it did.
   */
  reuseBundle(bundle: SearchBundle, fingerprint: string, siteDir: string): boolean {
    const previous = this.previous;
    if (!previous || previous.bundles[bundle.id] !== fingerprint) return false;
    const files = this.publishedBundleFiles().get(bundle.dir) ?? [];
    const entry = `${SEARCH_INDEX}${bundle.dir}pagefind-entry.json`;
    if (!files.includes(entry)) return false;
    const hashes = new Map<string, string>();
    for (const file of files) {
      const hash = verifiedHash(path.join(previous.output, file), previous.files[file]);
      if (!hash) {
        this.changed(previous.output, file);
        return false;
      }
      hashes.set(file, hash);
    }
    for (const [file, hash] of hashes) {
      linkFile(path.join(previous.output, file), path.join(siteDir, file));
      this.hashes.set(file, hash);
    }
    return true;
  }

  /**
   * The published build's search-index files, by bundle folder (`SearchBundle.dir`, e.g.
   * `1987-03-03/`); Pagefind's scripts, at the index's root, are no bundle's ("").
   */
  private publishedBundleFiles(): Map<string, string[]> {
    if (this.bundleFiles) return this.bundleFiles;
    const byBundle = new Map<string, string[]>();
    for (const file of Object.keys(this.previous?.files ?? {})) {
      if (!file.startsWith(SEARCH_INDEX)) continue;
      const [first, ...rest] = file.slice(SEARCH_INDEX.length).split("/");
      const folder = rest.length && SEALED_BUNDLE_FOLDER.test(first!) ? `${first}/` : "";
      let list = byBundle.get(folder);
      if (!list) byBundle.set(folder, (list = []));
      list.push(file);
    }
    return (this.bundleFiles = byBundle);
  }

  /** The stamp of a page kept in the spare, as `judgePages` verified it; undefined for others. */
  keptStamp(output: string): FileStamp | undefined {
    return this.reusable.get(output)?.kept;
  }

  /** The hash of the search text of a page `reusePage` reused, kept or linked. */
  reusedDocument(output: string): string | undefined {
    return this.reusable.get(output)?.document;
  }

  /** Records, for the next build, an article page's search text hash and a bundle's fingerprint. */
  recordDocument(output: string, hash: string): void {
    this.documents.set(output, hash);
  }

  recordBundle(id: string, context: string, fingerprint: string): void {
    this.contexts.set(id, context);
    this.bundleFingerprints.set(id, fingerprint);
  }

  /** The bulk pages this build has in its folder: each page `reusePage` was asked about. */
  get pagesInBuild(): readonly string[] {
    return this.pages;
  }

  /**
   * Once the build made in the folder named `build` is published as `outDir` (its files and their
   * stamps in `files`): records it for the next build, and keeps the output it replaced (now at
   * `replaced`, the build this cache described) as the spare that build will update. Other spares
   * of `outDir` are removed. Resolves to whether `replaced` was kept.
   */
  async published(
    outDir: string,
    build: string,
    files: ReadonlyMap<string, FileStamp>,
    replaced: string | undefined,
    listedAt: number,
  ): Promise<boolean> {
    const previous = this.previous;
    const keep =
      previous && replaced && path.resolve(previous.output) === path.resolve(outDir)
        ? spareFolderFor(outDir, previous.build)
        : undefined;
    // The state names the spare before it exists: killed in between, the spare is merely missing.
    const spare = keep && previous ? { ...previous, output: keep } : undefined;
    this.save(outDir, build, files, listedAt, spare);
    this.onStep?.("state-saved");
    let kept = false;
    if (keep && replaced) {
      try {
        renameSync(replaced, keep);
        kept = true;
        this.onStep?.("spare-kept");
      } catch {
        // It stays the previous build, removed as usual; the next build starts from a new folder.
      }
    }
    await removeSpares(outDir, kept ? keep : undefined);
    return kept;
  }

  /** Records this build, published at `output`, for the next one (see cache-state.ts). */
  save(
    output: string,
    build: string,
    files: ReadonlyMap<string, FileStamp>,
    listedAt: number,
    spare?: FolderState,
  ): void {
    const records: Record<string, FileRecord> = {};
    const extras: string[] = [];
    for (const [file, stamp] of files) {
      if (!this.pageFingerprints.has(file)) extras.push(file);
      if (!this.pageFingerprints.has(file) && !file.startsWith(SEARCH_INDEX)) continue;
      // Indexed by Pagefind in this build (or a page written by something else): read once here.
      const hash = this.hashes.get(file) ?? shortHash(readFileSync(path.join(output, file)));
      records[file] = fileRecord(stamp, hash);
    }
    writeCacheState(
      this.dir,
      {
        format: CACHE_FORMAT,
        key: this.key.key,
        keyParts: this.key.parts,
        build,
        output,
        pages: Object.fromEntries(this.pageFingerprints),
        documents: Object.fromEntries(this.documents),
        extras,
        files: records,
        listedAt,
        contexts: Object.fromEntries(this.contexts),
        bundles: Object.fromEntries(this.bundleFingerprints),
        ...(spare ? { spare } : {}),
      },
      { beforeRename: () => this.onStep?.("state-temp-written") },
    );
  }
}

/** One line: what the cache saved this build, or why it was not used. */
export function describeCacheReport(report: CacheReport): string {
  const pages = report.pagesRendered + report.pagesReused;
  const bundles = report.bundlesIndexed.length + report.bundlesReused.length;
  const reused = `reused ${report.pagesReused} of ${pages} pages and ${report.bundlesReused.length} of ${bundles} search bundles`;
  const changed = report.changedFiles.length
    ? `; made again ${report.changedFiles.length} file(s) changed since they were written, such as ${report.changedFiles[0]}`
    : "";
  return report.ignored
    ? `[cache] Built everything: ${report.ignored}. The next build reuses what did not change.`
    : `[cache] ${reused}${report.bundlesIndexed.length ? `; indexed ${report.bundlesIndexed.join(", ")}` : ""}${changed}.`;
}
