/**
 * The build cache: what `npm run build` keeps in `<archive>/.cache/build/` so that the next build
 * re-renders only the pages whose inputs changed and re-indexes only the search bundles whose
 * stories changed. Safe to delete: without it, or with one this build cannot trust, the build is a
 * whole one.
 *
 * What it holds (`state.json`):
 * - a key over everything that can change every page: this program's code and page templates, the
 *   lock file, Node's major version, the archive's `_data/` but the registry (whose terms are part
 *   of each article's fingerprint) and the settings as resolved with the environment (PATH_PREFIX,
 *   SITE_URL, SEARCH_BUNDLE_SIZE…). Another key, another format or an unreadable file: the cache is
 *   ignored, with one line saying why.
 * - a fingerprint of each bulk page's inputs (see `PageFingerprints`), by output path;
 * - a fingerprint of each search bundle's inputs (its pages' fingerprints, the archive's vocabulary,
 *   its fragment grouping and language), by bundle id;
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
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import type { Archive } from "../collections/archive.ts";
import type { Site } from "../config/site.ts";
import type { Article } from "../content/article.ts";
import type { ParsedArticle } from "../content/load-articles.ts";
import { termKey } from "../collections/term-key.ts";
import type { TermKind } from "../registry/registry.ts";
import { SEALED_BUNDLE_FOLDER, type BundlePlan, type SearchBundle } from "../search/bundles.ts";
import { maxFragmentsOf, type SearchIndexSession } from "../search/build-search-index.ts";
import { listFilesUnder } from "../files/list-files.ts";
import { searchDocument } from "../search/search-document.ts";
import { attachedPicture } from "../images/attached-pictures.ts";
import type { PageInstance } from "../render/page-instances.ts";
import {
  claimSpare as claimSpareFolder,
  removeSpares,
  spareFolderFor,
} from "../output/output-swap.ts";

/** Changed whenever what the state means changes: an older cache is then ignored. */
export const CACHE_FORMAT = 3;

/** `<archive>/.cache/build`. */
export function buildCacheDir(root: string): string {
  return path.join(root, ".cache", "build");
}

/** Where the build keeps parsed articles (see parsed-articles.ts). */
export function parsedArticlesDir(root: string): string {
  return path.join(buildCacheDir(root), "articles");
}

const STATE = "state.json";
/** The registry's files under `_data/`. */
const REGISTRY_FILES = new Set(["people.json", "topics.json", "places.json"]);

/** A build folder and what is in it. */
interface FolderState {
  /**
   * The build folder these fingerprints describe, relative to the cache folder (in the file, so
   * that a checkout can move) and absolute once read.
   */
  output: string;
  /** Bulk page → its fingerprint. */
  pages: Record<string, string>;
  /** Article page → hash of its search text (what Pagefind was given). */
  documents: Record<string, string>;
  /** Every other file of the folder (Eleventy's pages, assets, photos, the search index…). */
  extras: string[];
}

interface CacheState extends FolderState {
  format: number;
  key: string;
  /** Bundle id → its context (`bundleContext`) and its fingerprint (`bundleFingerprint`). */
  contexts: Record<string, string>;
  bundles: Record<string, string>;
  /**
   * The build published before this one, kept as a spare (see output-swap.ts) with the same key:
   * the next build updates it in place instead of starting from an empty folder.
   */
  spare?: FolderState;
}

/** Whether `value` has the shape of a `FolderState`. */
function isFolderState(value: unknown): value is FolderState {
  const state = value as Partial<FolderState> | null;
  return (
    typeof state === "object" &&
    state !== null &&
    typeof state.output === "string" &&
    Array.isArray(state.extras) &&
    [state.pages, state.documents].every((part) => typeof part === "object" && part !== null)
  );
}

const sha = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 27);

/** Every file under `dir`, relative, sorted; an absent folder has none. */
const filesUnder = (dir: string) => (existsSync(dir) ? listFilesUnder(dir) : []);

/**
 * The key of everything that can change every page. The archive's settings are taken as the build
 * resolved them, so that the environment (PATH_PREFIX, SITE_URL) counts.
 */
export function globalKey(options: { projectDir: string; root: string; site: Site }): string {
  const hash = createHash("sha256");
  hash.update(`format ${CACHE_FORMAT}\nnode ${process.versions.node.split(".")[0]}\n`);
  const add = (base: string, relative: string) => {
    hash.update(`${relative}\n`);
    hash.update(readFileSync(path.join(base, relative)));
  };
  const { projectDir, root } = options;
  for (const file of ["package-lock.json", "eleventy.config.ts"]) {
    if (existsSync(path.join(projectDir, file))) add(projectDir, file);
  }
  for (const folder of ["src", "assets"]) {
    for (const file of filesUnder(path.join(projectDir, folder))) {
      add(projectDir, `${folder}/${file}`);
    }
  }
  // The registry (people, topics, places) is not in the key: the terms it gives an article are
  // part of the article's fingerprint, so a new alias re-renders only the pages that show the term.
  for (const file of filesUnder(path.join(root, "_data"))) {
    if (!REGISTRY_FILES.has(file)) add(root, `_data/${file}`);
  }
  hash.update(JSON.stringify(options.site));
  return hash.digest("hex").slice(0, 32);
}

/**
 * Fingerprints of what each bulk page shows, computed without rendering it. A page's fingerprint
 * covers its template, its output path, its pagination item and what its template reads from the
 * archive beside the item (related articles, a term's timeline and partners, names shared by
 * several terms, the number of articles). Articles are represented by a hash of every field of
 * theirs (text, dates, terms, and each figure's processed photo, which `attachPicture` keeps beside
 * the figure), so any change to an article changes every page
 * that shows it. Objects are hashed once each, however many pages share them.
 */
/** What the code derives from an article's Markdown, which the key covers: not fingerprinted. */
const DERIVED_FIELDS = ["html", "excerpt", "removedMarkup"] as const satisfies (keyof Article)[];
/** What `articleTextHash` leaves out: the derived fields, and what is not read from the file alone. */
const NOT_TEXT = [
  ...DERIVED_FIELDS,
  "textHash",
  "topics",
  "people",
  "places",
  "images",
  "lead",
] as const satisfies (keyof Article)[];

/**
 * A hash of an article's fields as read from its file (text, dates, settings), without its terms
 * and figures, which depend on the registry and the photos: what `PageFingerprints.article` would
 * otherwise serialise, body and all, on every build. The parsed-article store keeps it with the
 * article (`textHash`), so that only new and edited stories are hashed.
 */
export function articleTextHash(article: ParsedArticle | Article): string {
  const source: Record<string, unknown> = { ...article };
  for (const field of NOT_TEXT) delete source[field];
  return sha(new PageFingerprints().serialiseRecord(source));
}

export class PageFingerprints {
  private readonly memo = new WeakMap<object, string>();
  private readonly articles: Set<object>;
  private readonly archiveWide: string;

  /** Without an archive, it fingerprints values only (`articleTextHash`), not pages. */
  constructor(private readonly archive?: Archive) {
    this.articles = new Set(archive?.articles);
    // Read by the article and pair templates for every term they name.
    this.archiveWide = archive ? this.of([...archive.entities.sameNamed].sort()) : "";
  }

  /**
   * The fingerprint of one article: every field, its terms, its photos; not what is derived from
   * its Markdown by this program's code, which the key covers (its HTML, excerpt and warnings).
   * The fields read from the file count through their hash (`articleTextHash`), kept by the
   * parsed-article store.
   */
  article(article: Article): string {
    let known = this.memo.get(article);
    if (!known) {
      const { topics, people, places, images, lead } = article;
      const text = article.textHash ?? articleTextHash(article);
      known = sha(`${text} ${this.serialiseRecord({ topics, people, places, images, lead })}`);
      this.memo.set(article, known);
    }
    return known;
  }

  /** A record's serialisation, as fingerprints read it (not memoised: it is hashed by the caller). */
  serialiseRecord(record: Record<string, unknown>): string {
    return this.serialise(record, true);
  }

  /** A value's fingerprint, articles by their own. */
  of(value: unknown): string {
    return sha(this.serialise(value, false));
  }

  private serialise(value: unknown, top: boolean): string {
    if (value === null || typeof value !== "object") {
      return value === undefined ? "u" : JSON.stringify(value);
    }
    if (!top && this.articles.has(value)) return `A${this.article(value as Article)}`;
    const memoised = !top && this.memo.get(value);
    if (memoised) return `#${memoised}`;
    let text: string;
    if (Array.isArray(value)) text = `[${value.map((v) => this.serialise(v, false)).join(",")}]`;
    else if (value instanceof Map) {
      text = `M{${[...value].map(([k, v]) => `${this.serialise(k, false)}:${this.serialise(v, false)}`).join(",")}}`;
    } else if (value instanceof Set) {
      text = `S[${[...value].map((v) => this.serialise(v, false)).join(",")}]`;
    } else if (DateTime.isDateTime(value)) {
      // The instant, the zone and the locale: everything a page can show of it, cheaper than ISO.
      text = `D${value.toMillis()} ${value.zoneName} ${value.locale}`;
    } else if (typeof (value as { toJSON?: unknown }).toJSON === "function") {
      text = JSON.stringify(value);
    } else {
      // A figure's processed photo (its files' names and sizes) is attached beside it, not in it.
      const picture = attachedPicture(value);
      // A key whose value is undefined is no key: the two read the same in a template, and an
      // article from the parsed-article store has lost such keys on its way through JSON.
      const record = value as Record<string, unknown>;
      text = `{${picture ? `"@picture":${this.serialise(picture, false)},` : ""}${Object.keys(value)
        .filter((k) => record[k] !== undefined)
        .sort()
        .map(
          (k) =>
            `${JSON.stringify(k)}:${this.serialise((value as Record<string, unknown>)[k], false)}`,
        )
        .join(",")}}`;
    }
    if (top) return text;
    // Small values are cheaper to spell out than to hash.
    if (text.length < 64) return text;
    const hashed = sha(text);
    this.memo.set(value, hashed);
    return `#${hashed}`;
  }

  /**
   * A bulk page's fingerprint, or undefined for a template this does not know (always rendered).
   * What each template reads from the archive beside its item is listed here, by template.
   */
  page(instance: PageInstance): string | undefined {
    const extra = this.readsBeside(instance);
    if (extra === undefined) return undefined;
    return this.of([instance.template, instance.output, instance.item, extra]);
  }

  private readsBeside(instance: PageInstance): unknown {
    const archive = this.archive;
    if (!archive) return undefined;
    const item = instance.item as Record<string, unknown>;
    switch (instance.template) {
      case "article.11ty.tsx": {
        // The page lists each related article and the terms it shares, not its score (which
        // moves with the archive's size and would make every page look changed).
        const related = archive.entities.related.get(item as unknown as Article) ?? [];
        return [related.map(({ article, shared }) => [article, shared]), this.archiveWide];
      }
      case "term.11ty.tsx": {
        // Only the front page reads the term's insights; a numbered page reads its own item.
        if (item.pageNumber !== 0) return [];
        const term = item.term as { kind: TermKind; id: string };
        return [archive.entities.insights.get(termKey(term.kind, term.id)) ?? null];
      }
      case "pair.11ty.tsx":
        return [this.archiveWide];
      case "home.11ty.tsx":
        // The front page counts the archive; a numbered page lists its own articles only.
        return item.pageNumber === 0 ? [archive.articles.length] : [];
      case "archive-month.11ty.tsx":
      case "feed-term.11ty.tsx":
        return [];
      default:
        return undefined;
    }
  }
}

/**
 * What decides a bundle's files besides its pages: its days and size, the language, the words every
 * bundle knows (the plan's vocabulary) and its number of fragment files.
 */
export function bundleContext(
  bundle: SearchBundle,
  context: { language: string; vocabulary: string; totalPages: number },
): string {
  const maxFragments = maxFragmentsOf(bundle.pages, context.totalPages);
  return sha(JSON.stringify([bundle, context.language, context.vocabulary, maxFragments]));
}

/** A bundle's fingerprint: its context and the search text of each of its pages. */
export function bundleFingerprint(context: string, documents: Map<string, string>): string {
  const hash = createHash("sha256").update(`${context}\n`);
  for (const output of [...documents.keys()].sort()) {
    hash.update(`${output} ${documents.get(output)}\n`);
  }
  return hash.digest("hex").slice(0, 32);
}

/** Hard-links `from` to `to` (copies across file systems), making `to`'s folder. */
function linkFile(from: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true });
  try {
    linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EXDEV" && code !== "EPERM") throw error;
    copyFileSync(from, to);
  }
}

/**
 * Removes files (relative to `dir`) where they exist, then the folders this left empty, unless the
 * files are about to be written again (`folders: false`).
 */
function removeFiles(dir: string, files: Iterable<string>, options = { folders: true }): void {
  const folders = new Set<string>();
  for (const file of files) {
    try {
      unlinkSync(path.join(dir, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    if (!options.folders) continue;
    for (let folder = path.dirname(file); folder !== "." && folder !== "/";) {
      if (folders.has(folder)) break;
      folders.add(folder);
      folder = path.dirname(folder);
    }
  }
  // Deepest first, so that a folder is tried after everything under it.
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(path.join(dir, folder));
    } catch {
      // Not empty (or already gone): it stays.
    }
  }
}

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
export class BuildCache {
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
    const file = path.join(dir, STATE);
    if (options.fresh) return new BuildCache(dir, key, undefined, "--no-cache", fingerprints);
    if (!existsSync(file)) {
      return new BuildCache(dir, key, undefined, "no build cache yet", fingerprints);
    }
    let state: CacheState;
    try {
      state = JSON.parse(readFileSync(file, "utf8")) as CacheState;
    } catch (error) {
      return new BuildCache(
        dir,
        key,
        undefined,
        `the build cache ${path.relative(process.cwd(), file)} is unreadable (${(error as Error).message})`,
        fingerprints,
      );
    }
    const why =
      state.format !== CACHE_FORMAT
        ? "the build cache is from another version"
        : state.key !== key
          ? "code, templates, settings, registry or environment changed since the cached build"
          : !isFolderState(state) ||
              [state.contexts, state.bundles].some(
                (part) => typeof part !== "object" || part === null,
              )
            ? "the build cache is unreadable (parts of it are missing)"
            : !existsSync(path.join(path.resolve(dir, state.output), "index.html"))
              ? "the cached build's output is gone"
              : undefined;
    if (why) return new BuildCache(dir, key, undefined, why, fingerprints);
    state.output = path.resolve(dir, state.output);
    if (isFolderState(state.spare)) state.spare.output = path.resolve(dir, state.spare.output);
    else delete state.spare;
    return new BuildCache(dir, key, state, undefined, fingerprints);
  }

  /**
   * The folder to build in: the spare build the cache describes, when there is one for `outDir`,
   * claimed (see output-swap.ts) and emptied of everything but its bulk pages, which `judgePages`
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
    this.linkBundle(from, path.join(siteDir, "pagefind", bundle.dir), bundle.dir === "");
    return true;
  }

  /** The cached build's bundle context (see `bundleContext`), to tell early that a bundle changed. */
  previousContext(id: string): string | undefined {
    return this.previous?.contexts[id];
  }

  /** The hash of an article page's search text in the published build. */
  previousDocument(output: string): string | undefined {
    return this.previous?.documents[output];
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

  /** A bundle's files; the newest bundle's folder also holds the sealed ones, which are not its own. */
  private linkBundle(from: string, to: string, newest: boolean): void {
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      if (newest && entry.isDirectory() && SEALED_BUNDLE_FOLDER.test(entry.name)) continue;
      const source = path.join(from, entry.name);
      if (entry.isDirectory()) {
        for (const file of filesUnder(source)) {
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
    rmSync(path.join(this.dir, STATE), { force: true });
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

  /**
   * Records this build, published at `output`, for the next one: written to a temporary file and
   * renamed, so that a killed build leaves the previous state or this one, never half of one.
   */
  save(output: string, files: readonly string[], spare?: FolderState): void {
    mkdirSync(this.dir, { recursive: true });
    const relative = (folder: string) => path.relative(this.dir, folder);
    const state: CacheState = {
      format: CACHE_FORMAT,
      key: this.key,
      output: relative(output),
      pages: Object.fromEntries(this.pageFingerprints),
      documents: Object.fromEntries(this.documents),
      extras: files.filter((file) => !this.pageFingerprints.has(file)),
      contexts: Object.fromEntries(this.contexts),
      bundles: Object.fromEntries(this.bundleFingerprints),
      ...(spare
        ? {
            spare: {
              output: relative(spare.output),
              pages: spare.pages,
              documents: spare.documents,
              extras: spare.extras,
            },
          }
        : {}),
    };
    const temporary = path.join(this.dir, `${STATE}.${process.pid}`);
    writeFileSync(temporary, JSON.stringify(state));
    renameSync(temporary, path.join(this.dir, STATE));
  }
}

/**
 * Forgets the cached build, for whatever changes the published output in place (`npm start`
 * after an edit): the next build then builds everything.
 */
export function forgetBuildCache(root: string): void {
  rmSync(path.join(buildCacheDir(root), STATE), { force: true });
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

/** What one bundle of a cached build has been given so far. */
interface BundleProgress {
  bundle: SearchBundle;
  context: string;
  /** Output → hash of the search text, for every page received. */
  documents: Map<string, string>;
  /** Pages held back while the bundle may still be reused: the text, or the linked file. */
  held: Array<{ output: string; document?: string; file?: string }>;
  mode: "undecided" | "indexing" | "reused";
}

/**
 * Indexing with the build cache. A bundle is reused when every one of its pages hands Pagefind the
 * same text as in the cached build (and its days, size, vocabulary and fragment count are the same),
 * which a change elsewhere on an article page (its related articles, say) does not affect. Pages are
 * held back until their bundle is decided: at the first page whose text changed, the bundle's
 * Pagefind process starts with the pages held; once the last page is in and none changed, the cached
 * bundle is linked and Pagefind never starts.
 */
export class CachedIndexing {
  private readonly progress = new Map<string, BundleProgress>();

  constructor(
    private readonly cache: BuildCache,
    private readonly plan: BundlePlan,
    private readonly session: SearchIndexSession,
    private readonly siteDir: string,
    language: string,
  ) {
    const vocabulary = sha((plan.vocabulary ?? []).join(" "));
    const totalPages = plan.bundleOf.size;
    for (const bundle of plan.bundles) {
      const context = bundleContext(bundle, { language, vocabulary, totalPages });
      const mode = cache.previousContext(bundle.id) === context ? "undecided" : "indexing";
      if (mode === "indexing") cache.report.bundlesIndexed.push(bundle.id);
      this.progress.set(bundle.id, { bundle, context, documents: new Map(), held: [], mode });
    }
  }

  /** A rendered article page's search text. */
  rendered(output: string, document: string): Promise<void> | undefined {
    return this.receive(output, sha(document), { output, document });
  }

  /** An article page linked from the cached build: its text is the cached build's. */
  linked(output: string, file: string): Promise<void> | undefined {
    const known = this.cache.reusedDocument(output);
    if (known !== undefined) return this.receive(output, known, { output, file });
    const document = searchDocument(readFileSync(file, "utf8"));
    return this.receive(output, sha(document), { output, document });
  }

  private receive(
    output: string,
    hash: string,
    page: { output: string; document?: string; file?: string },
  ): Promise<void> | undefined {
    const id = this.plan.bundleOf.get(output);
    const progress = id === undefined ? undefined : this.progress.get(id);
    // Not in any bundle: the session reports the mismatch, as without the cache.
    if (!progress) return this.session.add(output, page.document ?? "");
    progress.documents.set(output, hash);
    this.cache.recordDocument(output, hash);
    let wait: Promise<void> | undefined;
    if (progress.mode === "indexing") wait = this.add(page);
    else {
      progress.held.push(page);
      if (hash !== this.cache.previousDocument(output)) wait = this.startIndexing(progress);
    }
    if (progress.documents.size === progress.bundle.pages) {
      const fingerprint = bundleFingerprint(progress.context, progress.documents);
      this.cache.recordBundle(progress.bundle.id, progress.context, fingerprint);
      if (progress.mode === "undecided") {
        if (this.cache.reuseBundle(progress.bundle, fingerprint, this.siteDir)) {
          progress.mode = "reused";
          progress.held = [];
          this.session.skip(progress.bundle.id);
          this.cache.report.bundlesReused.push(progress.bundle.id);
        } else wait = this.startIndexing(progress);
      }
    }
    return wait;
  }

  /** Starts the bundle's Pagefind process with the pages held back. */
  private startIndexing(progress: BundleProgress): Promise<void> | undefined {
    progress.mode = "indexing";
    this.cache.report.bundlesIndexed.push(progress.bundle.id);
    const held = progress.held;
    progress.held = [];
    const waits = held.map((page) => this.add(page)).filter(Boolean);
    return waits.length ? Promise.all(waits).then(() => undefined) : undefined;
  }

  private add(page: { output: string; document?: string; file?: string }) {
    const document = page.document ?? searchDocument(readFileSync(page.file!, "utf8"));
    return this.session.add(page.output, document);
  }
}
