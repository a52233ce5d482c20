import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Archive } from "../collections/archive.ts";
import { buildArchive } from "../collections/archive.ts";
import {
  ArticleSwapper,
  placeInArchive,
  type SwappedArchive,
} from "../collections/swap-articles.ts";
import type { Article } from "../content/article.ts";
import { loadSite } from "../config/site.ts";
import { ARTICLES_DIR } from "../content/article-files.ts";
import { loadArticles } from "../content/load-articles.ts";
import { ArticleMemory } from "./article-memory.ts";
import { stampOf } from "../files/file-stamp.ts";
import { loadRegistry, TermResolver } from "../registry/registry.ts";
import { processArchiveImages } from "../images/process-images.ts";
import {
  loadPageModules,
  pageInstance,
  pageInstances,
  type PageInstance,
} from "../render/page-instances.ts";
import {
  covering,
  inputsComparer,
  PageFingerprints,
  type Reach,
} from "../cache/page-fingerprints.ts";
import { readArchiveInputs, type ArchiveInputs } from "../content/archive-inputs.ts";

type PageModules = Awaited<ReturnType<typeof loadPageModules>>;

export interface UpdateResult {
  /** Output files written or deleted. */
  changed: string[];
  ms: number;
  /**
   * Whether the archive was built again (a story added, removed or moved), rather than the edited
   * stories swapped into it.
   */
  rebuilt: boolean;
}

/**
 * The edits among `articles`, as read now, to the articles of `previous` (the archive's, by file)
 * that leave every story in its place (`placeInArchive`): old article → its new reading. Undefined
 * when a story was added, removed, published, unpublished or moved (another date, URL or term).
 */
function contentEdits(
  previous: ReadonlyMap<string, Article>,
  articles: readonly Article[],
): Map<Article, Article> | undefined {
  const edits = new Map<Article, Article>();
  let published = 0;
  for (const article of articles) {
    if (article.draft) continue;
    published++;
    const old = previous.get(article.file);
    if (!old) return undefined;
    if (old === article) continue;
    if (placeInArchive(old) !== placeInArchive(article)) return undefined;
    edits.set(old, article);
  }
  return published === previous.size ? edits : undefined;
}

/**
 * The site under `npm start`: after a full build, an edit to articles re-reads only the changed
 * files and re-renders only the pages whose fingerprint changed (the build cache's rule, from what
 * each template declares it reads): the pages that show a changed article (its own page, the
 * lists and feeds it is on, the articles that list it as related) plus the pages of templates that
 * declare nothing (indexes, feeds, sitemap). Other files are left as they are.
 *
 * An edit that leaves every story in its place (its text, title or photos, not its date, URL or
 * terms) swaps the new readings into the archive (`ArticleSwapper`) instead of building it again,
 * and fingerprints only the pages that covered an edited article: every page knows the articles
 * its fingerprint covers. Any other edit builds the archive again and fingerprints every page.
 */
export class IncrementalSite {
  private memory = new ArticleMemory();
  private resolver!: TermResolver;
  private site!: ReturnType<typeof loadSite>;
  private modules!: PageModules;
  /** The page instances of `archive`, kept for the next update's comparison. */
  private instances!: PageInstance[];
  /** Each page's fingerprint by output path (undefined for a template that declares no `reads`). */
  private prints = new Map<string, string | undefined>();
  /** The articles each fingerprinted page's fingerprint covers, by output path. */
  private reach = new Map<string, Reach>();
  /** Articles' fingerprints, kept while they are the same objects from one update to the next. */
  private articlePrints = new WeakMap<Article, string>();
  /** Swaps edited stories into `archive` (made again after an update that builds it). */
  private swapper: ArticleSwapper | undefined;
  /** The article files with the stamps the archive was read with. */
  private files!: ArchiveInputs;
  archive!: Archive;

  constructor(
    private readonly root: string,
    private readonly projectDir: string,
    private readonly outDir: string,
    /** Settings overrides (SITE_URL, PATH_PREFIX…, see `loadSite`). */
    private readonly env: NodeJS.ProcessEnv = {},
  ) {}

  /**
   * Starts from the archive the full build made (its photos already published), remembering each
   * article's file, by the stamp it was read with (`inputs`, the build's, when given), so that the
   * next update reads only what changed.
   */
  async start(built: Archive, inputs?: ArchiveInputs): Promise<void> {
    this.modules = await loadPageModules(path.join(this.projectDir, "src", "pages"));
    this.reset();
    this.files = this.stampArchive(inputs);
    for (const article of built.articles) {
      const file = path.join(this.root, article.file);
      const stamp = this.files.stamps.get(path.relative(this.root, file));
      this.memory.keep(article.file, stamp ?? stampOf(statSync(file)), article);
    }
    this.archive = built;
    this.swapper = new ArticleSwapper(built);
    this.instances = pageInstances(this.modules, built);
    this.fingerprint(this.instances, built);
  }

  /**
   * Records the build cache's fingerprint of each of `instances` (src/cache/page-fingerprints.ts)
   * and the articles it covers.
   */
  private fingerprint(instances: readonly PageInstance[], archive: Archive): void {
    const fingerprints = new PageFingerprints(archive, this.articlePrints, { reach: true });
    for (const instance of instances) {
      const page = fingerprints.pageReach(instance);
      this.prints.set(instance.output, page?.fingerprint);
      if (page) this.reach.set(instance.output, page.reach);
      else this.reach.delete(instance.output);
    }
  }

  /** The archive's files and their stamps: `inputs`' where given, else taken now; this one's own. */
  private stampArchive(inputs?: ArchiveInputs): ArchiveInputs {
    const taken = inputs ?? readArchiveInputs(this.root);
    return { ...taken, stamps: new Map(taken.stamps) };
  }

  /**
   * The article files once the watcher reported `files` (absolute paths) saved, added or removed:
   * only those are stamped again. The others are as the last update read them, however many.
   */
  private restamp(files: readonly string[]): ArchiveInputs {
    const folder = path.join(this.root, ARTICLES_DIR) + path.sep;
    const { stamps } = this.files;
    let sameList = true;
    for (const file of files) {
      if (!file.startsWith(folder) || !file.endsWith(".md")) continue;
      const relative = path.relative(this.root, file);
      const stat = statSync(file, { throwIfNoEntry: false });
      const had = stamps.has(relative);
      if (stat?.isFile()) stamps.set(relative, stampOf(stat));
      else stamps.delete(relative);
      if (had !== stamps.has(relative)) sameList = false;
    }
    if (!sameList) {
      const articles = [...stamps.keys()]
        .map((file) => path.join(this.root, file))
        .filter((file) => file.startsWith(folder))
        .sort();
      this.files = { ...this.files, articles };
    }
    return this.files;
  }

  private reset(): void {
    this.site = loadSite(this.root, this.env);
    this.resolver = new TermResolver(loadRegistry(this.root));
    this.memory = new ArticleMemory();
  }

  /**
   * Applies edits to articles. Throws ContentErrors (and changes nothing) when content is invalid.
   * `files`, the article files the watcher reported, are read again whatever their stamp says:
   * one saved while the archive was being read may carry the stamp this kept with its older text.
   */
  async updateArticles(files?: readonly string[]): Promise<UpdateResult> {
    const started = performance.now();
    for (const file of files ?? []) {
      this.memory.forget(path.relative(this.root, file).split(path.sep).join("/"));
    }
    const before = this.archive;
    const previous = new Map(before.articles.map((a) => [a.file, a]));
    this.files = files ? this.restamp(files) : this.stampArchive();
    const articles = loadArticles(this.root, this.site, this.resolver, this.memory, this.files);
    this.memory.forgetUnread();
    const edits = contentEdits(previous, articles);
    if (edits?.size === 0) return { changed: [], ms: performance.now() - started, rebuilt: false };
    const swapped = edits && (this.swapper ??= new ArticleSwapper(before)).swap(edits);
    if (swapped) {
      // First: a page's fingerprint covers its photos' processed files. The swapper goes on from
      // the swapped archive: should this fail, it is made again for the archive kept.
      await processArchiveImages(swapped.archive, {
        root: this.root,
        outputDir: this.outDir,
      }).catch((error: unknown) => {
        this.swapper = undefined;
        throw error;
      });
      const pages = this.contentUpdate(new Set(edits.keys()), swapped);
      if (pages) {
        const changed = await this.render(pages, []);
        return { changed, ms: performance.now() - started, rebuilt: false };
      }
    }
    this.swapper = undefined;
    const next = buildArchive(articles, this.site);
    await processArchiveImages(next, { root: this.root, outputDir: this.outDir });
    const changed = await this.render(...this.moved(before, next));
    return { changed, ms: performance.now() - started, rebuilt: true };
  }

  /**
   * Goes on to `next`, the archive built again: each page whose inputs are not the same as before
   * (`inputsComparer`: unchanged stories are the same objects in both archives) is fingerprinted
   * again, the others keep their fingerprint and reach. Returns the pages whose fingerprint
   * changed or that have none, to render, and the output paths no longer made.
   */
  private moved(before: Archive, next: Archive): [PageInstance[], string[]] {
    const old = new Map(this.instances.map((instance) => [instance.output, instance]));
    const same = inputsComparer(new Set([...before.articles, ...next.articles]));
    this.archive = next;
    this.instances = pageInstances(this.modules, next);
    const moved = this.instances.filter((instance) => {
      const was = old.get(instance.output);
      old.delete(instance.output);
      return (
        !was?.reads ||
        !instance.reads ||
        was.template !== instance.template ||
        !same(was.item, instance.item) ||
        !same(was.reads.value, instance.reads.value)
      );
    });
    const gone = [...old.keys()];
    for (const output of gone) {
      this.prints.delete(output);
      this.reach.delete(output);
    }
    return [this.refingerprint(moved, next), gone];
  }

  /**
   * Fingerprints `pages` of `archive` again (see `fingerprint`); returns those whose fingerprint
   * changed or that have none, to render.
   */
  private refingerprint(pages: PageInstance[], archive: Archive): PageInstance[] {
    const oldPrints = new Map(pages.map((page) => [page.output, this.prints.get(page.output)]));
    this.fingerprint(pages, archive);
    return pages.filter((page) => {
      const print = this.prints.get(page.output);
      return print === undefined || print !== oldPrints.get(page.output);
    });
  }

  /**
   * Goes on to `swapped`, the archive with edits that moved no story: each page whose fingerprint
   * covered an `edited` article, and each page of a template that declares nothing, is made again
   * from the new archive and fingerprinted; the others stay as they are. Returns the pages whose
   * fingerprint changed or that have none, to render; undefined (nothing changed) should a page
   * come out with another output path, which a swap in place never makes, or hold a value the
   * swapper could not copy: build the archive again.
   */
  private contentUpdate(
    edited: ReadonlySet<Article>,
    swapped: SwappedArchive,
  ): PageInstance[] | undefined {
    const covers = covering(edited);
    const instances: PageInstance[] = [];
    const again: PageInstance[] = [];
    for (const instance of this.instances) {
      const reach = this.reach.get(instance.output);
      if (reach && !covers(reach)) {
        instances.push(instance);
        continue;
      }
      const module = this.modules.get(instance.template)!;
      const item = swapped.swapped(instance.item);
      const page = pageInstance(instance.template, module, swapped.archive, item);
      if (page.output !== instance.output) return undefined;
      instances.push(page);
      again.push(page);
    }
    // An item held a value the swapper could not copy: it may hold an old reading.
    if (this.swapper?.declined) return undefined;
    this.archive = swapped.archive;
    this.instances = instances;
    return this.refingerprint(again, swapped.archive);
  }

  /**
   * Renders `pages` and deletes the `gone` ones; returns the output files written or deleted. The
   * pages of templates that declare what they read come first: they are the edited stories' own
   * pages and lists, where the writer looks, while indexes, feeds and the sitemap take longest.
   */
  private async render(pages: readonly PageInstance[], gone: readonly string[]): Promise<string[]> {
    const changed: string[] = [];
    pages = [...pages.filter((page) => page.reads), ...pages.filter((page) => !page.reads)];
    for (const output of gone) {
      const file = path.join(this.outDir, output);
      if (existsSync(file)) rmSync(file);
      changed.push(output);
    }
    for (const page of pages) {
      const file = path.join(this.outDir, page.output);
      const html = await page.render();
      if (existsSync(file) && readFileSync(file, "utf8") === html) continue;
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, html);
      changed.push(page.output);
    }
    return changed;
  }
}
