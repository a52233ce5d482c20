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
 * - the folder of the build it describes, the published one (`_site.builds/<id>/`).
 *
 * A page whose fingerprint is unchanged is hard-linked from that folder into the new build instead
 * of being rendered; a bundle whose fingerprint is unchanged is linked the same way instead of being
 * indexed. Builds never write into a file they linked (each page is either linked or written, and
 * Pagefind writes only the bundles it indexes), so a linked file is never changed in place.
 *
 * Killed builds: the state is written (to a temporary file, then renamed) after the new build is
 * published and before the previous build's folder is removed, so it always names a complete,
 * published folder. If that folder has since been removed, nothing is reused.
 */
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import type { Archive } from "../collections/archive.ts";
import type { Article } from "../content/article.ts";
import { termKey } from "../collections/term-key.ts";
import type { TermKind } from "../registry/registry.ts";
import { SEALED_BUNDLE_FOLDER, type BundlePlan, type SearchBundle } from "../search/bundles.ts";
import { maxFragmentsOf, type SearchIndexSession } from "../search/build-search-index.ts";
import { listFilesUnder } from "../search/list-files.ts";
import { searchDocument } from "../search/search-document.ts";
import { attachedPicture } from "../images/attached-pictures.ts";
import type { PageInstance } from "./page-instances.ts";

/** Changed whenever what the state means changes: an older cache is then ignored. */
export const CACHE_FORMAT = 1;

/** `<archive>/.cache/build`. */
export function buildCacheDir(root: string): string {
  return path.join(root, ".cache", "build");
}

const STATE = "state.json";
/** The registry's files under `_data/`. */
const REGISTRY_FILES = new Set(["people.json", "topics.json", "places.json"]);

interface CacheState {
  format: number;
  key: string;
  /**
   * The published build folder these fingerprints describe, relative to the cache folder (in the
   * file, so that a checkout can move) and absolute once read.
   */
  output: string;
  pages: Record<string, string>;
  /** Article page → hash of its search text (what Pagefind was given). */
  documents: Record<string, string>;
  /** Bundle id → its context (`bundleContext`) and its fingerprint (`bundleFingerprint`). */
  contexts: Record<string, string>;
  bundles: Record<string, string>;
}

const sha = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 27);

/** Every file under `dir`, relative, sorted; an absent folder has none. */
const filesUnder = (dir: string) => (existsSync(dir) ? listFilesUnder(dir) : []);

/**
 * The key of everything that can change every page. The archive's settings are taken as the build
 * resolved them, so that the environment (PATH_PREFIX, SITE_URL) counts.
 */
export function globalKey(options: { projectDir: string; root: string; archive: Archive }): string {
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
  hash.update(JSON.stringify(options.archive.site));
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
export class PageFingerprints {
  private readonly memo = new WeakMap<object, string>();
  private readonly articles: Set<object>;
  private readonly archiveWide: string;

  constructor(private readonly archive: Archive) {
    this.articles = new Set(archive.articles);
    // Read by the article and pair templates for every term they name.
    this.archiveWide = this.of([...archive.entities.sameNamed].sort());
  }

  /** The fingerprint of one article: every field, its terms, its photos. */
  article(article: Article): string {
    let known = this.memo.get(article);
    if (!known) {
      known = sha(this.serialise(article, true));
      this.memo.set(article, known);
    }
    return known;
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
    } else if (typeof (value as { toJSON?: unknown }).toJSON === "function") {
      // Luxon's DateTime: its ISO text with the offset.
      text = JSON.stringify(value);
    } else {
      // A figure's processed photo (its files' names and sizes) is attached beside it, not in it.
      const picture = attachedPicture(value);
      text = `{${picture ? `"@picture":${this.serialise(picture, false)},` : ""}${Object.keys(value)
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
    const { archive } = this;
    const item = instance.item as Record<string, unknown>;
    switch (instance.template) {
      case "article.11ty.tsx": {
        // The page lists each related article and the terms it shares, not its score (which
        // moves with the archive's size and would make every page look changed).
        const related = archive.entities.related.get(item as unknown as Article) ?? [];
        return [related.map(({ article, shared }) => [article, shared]), this.archiveWide];
      }
      case "term.11ty.tsx": {
        const term = item.term as { kind: TermKind; id: string };
        return [archive.entities.insights.get(termKey(term.kind, term.id)) ?? null];
      }
      case "pair.11ty.tsx":
        return [this.archiveWide];
      case "home.11ty.tsx":
        return [archive.articles.length];
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

/** What the cache reused and why it was ignored, for the build's report. */
export interface CacheReport {
  /** Why nothing was reused, when nothing was. */
  ignored?: string;
  pagesRendered: number;
  pagesReused: number;
  bundlesIndexed: string[];
  bundlesReused: string[];
}

/** One build's use of the cache: open it, ask what to reuse, save it once the build is published. */
export class BuildCache {
  private readonly pageFingerprints = new Map<string, string>();
  private readonly bundleFingerprints = new Map<string, string>();
  private readonly contexts = new Map<string, string>();
  private readonly documents = new Map<string, string>();
  /** Output path → the previous build's file, for pages that need no rendering. */
  private readonly reusable = new Map<string, string>();
  private readonly previous: CacheState | undefined;
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
  }): BuildCache {
    const dir = buildCacheDir(options.root);
    const key = globalKey(options);
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
    if (typeof state.output === "string") state.output = path.resolve(dir, state.output);
    const why =
      state.format !== CACHE_FORMAT
        ? "the build cache is from another version"
        : state.key !== key
          ? "code, templates, settings, registry or environment changed since the cached build"
          : typeof state.output !== "string" ||
              !existsSync(path.join(state.output, "index.html")) ||
              [state.pages, state.documents, state.contexts, state.bundles].some(
                (part) => typeof part !== "object" || part === null,
              )
            ? "the cached build's output is gone"
            : undefined;
    return new BuildCache(dir, key, why ? undefined : state, why, fingerprints);
  }

  /**
   * Fingerprints every bulk page, before any is written: pages whose inputs are unchanged since the
   * cached build, and whose file it still has, will be linked instead of rendered.
   */
  judgePages(instances: Iterable<PageInstance>): void {
    for (const instance of instances) {
      const fingerprint = this.fingerprints.page(instance);
      if (fingerprint === undefined) continue;
      this.pageFingerprints.set(instance.output, fingerprint);
      if (!this.previous || this.previous.pages[instance.output] !== fingerprint) continue;
      const file = path.join(this.previous.output, instance.output);
      if (existsSync(file)) this.reusable.set(instance.output, file);
    }
  }

  /**
   * Links the previous build's copy of a page into `siteDir` when its inputs are unchanged and
   * returns that copy's path; undefined when the page must be rendered.
   */
  reusePage(output: string, siteDir: string): string | undefined {
    const from = this.reusable.get(output);
    if (from === undefined) {
      this.report.pagesRendered++;
      return undefined;
    }
    linkFile(from, path.join(siteDir, output));
    this.report.pagesReused++;
    return from;
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

  /** The hash of an article page's search text in the cached build. */
  previousDocument(output: string): string | undefined {
    return this.previous?.documents[output];
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
   * Records this build, published at `output`, for the next one: written to a temporary file and
   * renamed, so that a killed build leaves the previous state or this one, never half of one.
   */
  save(output: string): void {
    mkdirSync(this.dir, { recursive: true });
    const state: CacheState = {
      format: CACHE_FORMAT,
      key: this.key,
      output: path.relative(this.dir, output),
      pages: Object.fromEntries(this.pageFingerprints),
      documents: Object.fromEntries(this.documents),
      contexts: Object.fromEntries(this.contexts),
      bundles: Object.fromEntries(this.bundleFingerprints),
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
    const known = this.cache.previousDocument(output);
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
