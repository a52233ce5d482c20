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
 * - the folder of the build it describes, the published one (`_site.builds/<id>/`), with the list
 *   of its other files;
 * - the same for the build published before it, kept as a spare (`_site.builds/spare-<id>/`).
 *
 * A build updates the spare in place, when there is one: it removes the spare's files that are not
 * bulk pages, keeps each page whose fingerprint is the same as in the spare, removes the others,
 * and fills the gaps by hard-linking the published build's copy (unchanged since the published
 * build) or rendering the page. Without a spare it starts from an empty folder and links every
 * unchanged page. A search bundle whose fingerprint is unchanged is linked from the published build
 * instead of being indexed. Builds never write into a file they kept or linked (the spare's copy is
 * removed first, and Pagefind writes only the bundles it indexes), so a file shared by two builds
 * is never changed in place.
 *
 * Killed builds: the spare is renamed to the build's own folder before it is changed, so a killed
 * build's half-updated folder is a leftover, removed by the next build. The state is written (to a
 * temporary file, then renamed) after the new build is published and before the build it replaced
 * becomes the spare, so it always names a complete, published folder; a folder it names that has
 * since gone is not used.
 */
import { existsSync, readdirSync, realpathSync, renameSync } from "node:fs";
import path from "node:path";
import type { Archive } from "../collections/archive.ts";
import { listFilesIfAny } from "../files/list-files.ts";
import { linkFile, removeFiles } from "../output/linked-files.ts";
import {
  claimSpare as claimSpareFolder,
  removeSpares,
  spareFolderFor,
} from "../output/output-swap.ts";
import type { PageInstance } from "../render/page-instances.ts";
import type { SearchBundle } from "../search/bundles.ts";
import type { IndexCache } from "../search/cached-indexing.ts";
import { buildCacheDir, CACHE_FORMAT, globalKey } from "./cache-key.ts";
import {
  forgetCacheState,
  readCacheState,
  writeCacheState,
  type CacheState,
  type FolderState,
} from "./cache-state.ts";
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
}

/** A page this build need not render: kept in the spare it updates, or linked from `file`. */
interface ReusablePage {
  file: string;
  /** The hash of the page's search text, for article pages. */
  document?: string;
  /** Already in the folder being built (the spare), untouched. */
  kept: boolean;
}

/** One build's use of the cache: open it, ask what to reuse, save it once the build is published. */
export class BuildCache implements IndexCache {
  private readonly pageFingerprints = new Map<string, string>();
  private readonly bundleFingerprints = new Map<string, string>();
  private readonly contexts = new Map<string, string>();
  private readonly documents = new Map<string, string>();
  /** Output path → how to have the page without rendering it. */
  private readonly reusable = new Map<string, ReusablePage>();
  private readonly previous: CacheState | undefined;
  /** The spare this build updates (`claimSpare`), and what it held. */
  private spare: { dir: string; state: FolderState } | undefined;
  readonly report: CacheReport = {
    pagesRendered: 0,
    pagesReused: 0,
    bundlesIndexed: [],
    bundlesReused: [],
  };

  private constructor(
    private readonly dir: string,
    private readonly key: string,
    previous: CacheState | undefined,
    ignored: string | undefined,
    readonly fingerprints: PageFingerprints,
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
    projectDir: string;
    archive: Archive;
    /** Reuse nothing (`--no-cache`), but keep the cache for the next build. */
    fresh?: boolean;
    /** `globalKey`, when the build has it already. */
    key?: string;
  }): BuildCache {
    const dir = buildCacheDir(options.root);
    const key = options.key ?? globalKey({ ...options, site: options.archive.site });
    const fingerprints = new PageFingerprints(options.archive);
    if (options.fresh) return new BuildCache(dir, key, undefined, "--no-cache", fingerprints);
    const read = readCacheState(dir, key);
    if ("ignored" in read) return new BuildCache(dir, key, undefined, read.ignored, fingerprints);
    return new BuildCache(dir, key, read.state, undefined, fingerprints);
  }

  /**
   * The folder to build in: the spare build the cache describes, when there is one for `outDir`,
   * claimed (see src/output/output-swap.ts) and emptied of everything but its bulk pages, which `judgePages`
   * then keeps, replaces or removes one by one. Undefined when there is none: build in a new folder.
   * Unchanged pages then cost nothing at all, where a new folder needs a folder and a link for each.
   */
  claimSpare(outDir: string): string | undefined {
    const spare = this.previous?.spare;
    const dir = spare && claimSpareFolder(outDir, spare.output);
    if (!spare || !dir) return undefined;
    // Everything not a bulk page is written again by the build (Eleventy's pages, photos, the
    // search bundles, which are linked from the published build or indexed).
    removeFiles(dir, spare.extras);
    this.spare = { dir, state: spare };
    this.report.updatedSpare = true;
    return dir;
  }

  /**
   * Fingerprints every bulk page, before any is written, and decides for each: kept as it is in the
   * spare being updated, linked from the published build, or rendered (the spare's copy removed).
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
        const document = spare.state.documents[output];
        this.reusable.set(output, { file: path.join(spare.dir, output), document, kept: true });
        continue;
      }
      // Linked or written anew: never into the spare's copy, which may be the published file.
      if (spare && inSpare !== undefined) removeFiles(spare.dir, [output], { folders: false });
      if (previous && previous.pages[output] === fingerprint) {
        const file = path.join(previous.output, output);
        this.reusable.set(output, { file, document: previous.documents[output], kept: false });
      }
    }
    if (spare) {
      const gone = Object.keys(spare.state.pages).filter(
        (page) => !this.pageFingerprints.has(page),
      );
      removeFiles(spare.dir, gone);
    }
  }

  /**
   * Has the page in `siteDir` without rendering it when its inputs are unchanged (kept or linked
   * from the published build) and returns that file; undefined when the page must be rendered.
   */
  reusePage(output: string, siteDir: string): string | undefined {
    const page = this.reusable.get(output);
    if (page && (page.kept || this.link(page.file, path.join(siteDir, output)))) {
      this.report.pagesReused++;
      return page.file;
    }
    this.report.pagesRendered++;
    return undefined;
  }

  /** Links a published page; false when the published build no longer has it (it is rendered). */
  private link(from: string, to: string): boolean {
    try {
      linkFile(from, to);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT" && !existsSync(from)) return false;
      throw error;
    }
  }

  /**
   * Links the cached build's copy of a bundle into `siteDir` when the cached build had this bundle
   * with this fingerprint; returns whether it did.
   */
  reuseBundle(bundle: SearchBundle, fingerprint: string, siteDir: string): boolean {
    const from = this.previous && path.join(this.previous.output, "pagefind", bundle.dir);
    if (
      !from ||
      this.previous?.bundles[bundle.id] !== fingerprint ||
      !existsSync(path.join(from, "pagefind-entry.json"))
    ) {
      return false;
    }
    this.linkBundle(from, path.join(siteDir, "pagefind", bundle.dir));
    return true;
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

  /** A bundle's files: every bundle has a folder of its own. */
  private linkBundle(from: string, to: string): void {
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      const source = path.join(from, entry.name);
      if (entry.isDirectory()) {
        for (const file of listFilesIfAny(source)) {
          linkFile(path.join(source, file), path.join(to, entry.name, file));
        }
      } else linkFile(source, path.join(to, entry.name));
    }
  }

  /**
   * Checks the finished folder's files (relative paths) against what was kept: a page kept in the
   * spare must be there. A spare that lost files was changed behind the cache's back; the cache is
   * then forgotten and the build fails, saying so.
   */
  verify(files: readonly string[]): void {
    if (!this.spare) return;
    const present = new Set(files);
    const missing = [...this.reusable]
      .filter(([output, page]) => page.kept && !present.has(output))
      .map(([output]) => output);
    if (!missing.length) return;
    forgetCacheState(this.dir);
    throw new Error(
      `The build cache's spare build ${path.relative(process.cwd(), this.spare.dir)} lacked ${missing.length} page(s) it listed, such as ${missing[0]}: something changed it. The cache is now forgotten; build again (npm run build) for a whole build. Nothing was published.`,
    );
  }

  /**
   * Once the build in `output` (whose files are `files`) is published: records it for the next
   * build and keeps the build it replaced (`replaced`, the one this cache described) as the spare
   * that build will update. Other spares of `outDir` are removed. Resolves to whether `replaced`
   * was kept.
   */
  async published(
    outDir: string,
    output: string,
    files: readonly string[],
    replaced: string | undefined,
  ): Promise<boolean> {
    const previous = this.previous;
    const same = (a: string, b: string) => existsSync(a) && realpathSync(a) === realpathSync(b);
    const keep =
      previous && replaced && same(previous.output, replaced)
        ? spareFolderFor(outDir, replaced)
        : undefined;
    // The state names the spare before it exists: killed in between, the spare is merely missing.
    this.save(output, files, keep && previous ? { ...previous, output: keep } : undefined);
    let kept = false;
    if (keep && replaced) {
      try {
        renameSync(replaced, keep);
        kept = true;
      } catch {
        // It stays the previous build, removed as usual; the next build starts from a new folder.
      }
    }
    await removeSpares(outDir, kept ? keep : undefined);
    return kept;
  }

  /** Records this build, published at `output`, for the next one (see cache-state.ts). */
  save(output: string, files: readonly string[], spare?: FolderState): void {
    writeCacheState(this.dir, {
      format: CACHE_FORMAT,
      key: this.key,
      output,
      pages: Object.fromEntries(this.pageFingerprints),
      documents: Object.fromEntries(this.documents),
      extras: files.filter((file) => !this.pageFingerprints.has(file)),
      contexts: Object.fromEntries(this.contexts),
      bundles: Object.fromEntries(this.bundleFingerprints),
      ...(spare ? { spare } : {}),
    });
  }
}

/** One line: what the cache saved this build, or why it was not used. */
export function describeCacheReport(report: CacheReport): string {
  const pages = report.pagesRendered + report.pagesReused;
  const bundles = report.bundlesIndexed.length + report.bundlesReused.length;
  const reused = `reused ${report.pagesReused} of ${pages} pages and ${report.bundlesReused.length} of ${bundles} search bundles`;
  return report.ignored
    ? `[cache] Built everything: ${report.ignored}. The next build reuses what did not change.`
    : `[cache] ${reused}${report.bundlesIndexed.length ? `; indexed ${report.bundlesIndexed.join(", ")}` : ""}.`;
}
