import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Archive } from "../collections/archive.ts";
import type { RelatedArticle } from "../collections/related.ts";
import { buildArchive } from "../collections/archive.ts";
import type { Article } from "../content/article.ts";
import { loadSite } from "../config/site.ts";
import { loadArticles } from "../content/load-articles.ts";
import { ArticleMemory } from "./article-memory.ts";
import { stampOf } from "../files/file-stamp.ts";
import { loadRegistry, TermResolver } from "../registry/registry.ts";
import { processArchiveImages } from "../images/process-images.ts";
import { loadPageModules, pageInstances, type PageInstance } from "../render/page-instances.ts";
import { articleTerms } from "../collections/term-key.ts";
import { PageFingerprints } from "../cache/page-fingerprints.ts";
import type { ArchiveInputs } from "../content/archive-inputs.ts";

type PageModules = Awaited<ReturnType<typeof loadPageModules>>;

export interface UpdateResult {
  /** Output files written or deleted. */
  changed: string[];
  ms: number;
}

const tagsAndDate = (article: Article) =>
  `${article.date.toMillis()} ${articleTerms(article)
    .map((term) => `${term.kind}:${term.id}`)
    .join(" ")} ${article.draft}`;

/**
 * Related articles depend only on tags and dates. When an edit changed neither (a typo, a new
 * paragraph), the previous lists stay right once they point at the re-read articles, which saves
 * recomputing them for the whole archive.
 */
function reusableRelated(
  before: Archive,
  previous: Map<string, Article>,
  articles: readonly Article[],
): Map<Article, RelatedArticle[]> | undefined {
  const published = articles.filter((article) => !article.draft);
  if (published.length !== before.articles.length) return undefined;
  const replaced = new Map<Article, Article>();
  for (const article of published) {
    const old = previous.get(article.file);
    if (!old) return undefined;
    if (old !== article) {
      if (tagsAndDate(old) !== tagsAndDate(article)) return undefined;
      replaced.set(old, article);
    }
  }
  const swap = (article: Article) => replaced.get(article) ?? article;
  const related = new Map<Article, RelatedArticle[]>();
  for (const [article, list] of before.entities.related) {
    related.set(
      swap(article),
      list.map((entry) => ({ ...entry, article: swap(entry.article) })),
    );
  }
  return related;
}

/**
 * The site under `npm start`: after a full build, an edit to articles re-reads only the changed
 * files, rebuilds the archive model, and re-renders only the pages that show a changed article
 * (its own page, the lists and feeds it is on, the articles that list it as related) plus the
 * pages every article touches (indexes, feeds, sitemap). Other files are left as they are.
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
  /** Articles' fingerprints, kept while they are the same objects from one update to the next. */
  private articlePrints = new WeakMap<Article, string>();
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
    for (const article of built.articles) {
      const file = path.join(this.root, article.file);
      const stamp = inputs?.stamps.get(path.relative(this.root, file));
      this.memory.keep(article.file, stamp ?? stampOf(statSync(file)), article);
    }
    this.archive = built;
    this.instances = pageInstances(this.modules, built);
    this.prints = this.fingerprints(this.instances, built);
  }

  /** The build cache's fingerprint of each page (src/cache/page-fingerprints.ts). */
  private fingerprints(
    instances: PageInstance[],
    archive: Archive,
  ): Map<string, string | undefined> {
    const fingerprints = new PageFingerprints(archive, this.articlePrints);
    return new Map(instances.map((instance) => [instance.output, fingerprints.page(instance)]));
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
  async updateArticles(files: readonly string[] = []): Promise<UpdateResult> {
    const started = performance.now();
    for (const file of files) {
      this.memory.forget(path.relative(this.root, file).split(path.sep).join("/"));
    }
    const before = this.archive;
    const previous = new Map(before.articles.map((a) => [a.file, a]));
    const articles = loadArticles(this.root, this.site, this.resolver, this.memory);
    this.memory.forgetUnread();
    const next = buildArchive(articles, this.site, {
      related: reusableRelated(before, previous, articles),
    });
    await processArchiveImages(next, { root: this.root, outputDir: this.outDir });
    const current = new Map(next.articles.map((a) => [a.file, a]));
    const touched = new Set<Article>();
    for (const [file, article] of current) if (previous.get(file) !== article) touched.add(article);
    for (const [file, article] of previous) if (current.get(file) !== article) touched.add(article);
    this.archive = next;
    const oldInstances = this.instances;
    const newInstances = pageInstances(this.modules, next);
    this.instances = newInstances;
    if (touched.size === 0) return { changed: [], ms: performance.now() - started };

    // A page is rendered again when its fingerprint changed (the build cache's rule, from what
    // its template declares it reads), or, for a template that declares nothing, whenever an
    // article changed; a page no longer made is deleted.
    const oldPrints = this.prints;
    this.prints = this.fingerprints(newInstances, next);
    const outputs = new Set<string>();
    for (const instance of newInstances) {
      const print = this.prints.get(instance.output);
      if (print === undefined || print !== oldPrints.get(instance.output)) {
        outputs.add(instance.output);
      }
    }
    for (const instance of oldInstances) {
      if (!this.prints.has(instance.output)) outputs.add(instance.output);
    }
    const changed: string[] = [];
    const byOutput = new Map(newInstances.map((instance) => [instance.output, instance]));
    for (const output of outputs) {
      const file = path.join(this.outDir, output);
      const instance = byOutput.get(output);
      if (!instance) {
        if (existsSync(file)) rmSync(file);
        changed.push(output);
        continue;
      }
      const html = await instance.render();
      if (existsSync(file) && readFileSync(file, "utf8") === html) continue;
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, html);
      changed.push(output);
    }
    return { changed, ms: performance.now() - started };
  }
}
