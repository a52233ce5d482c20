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

type PageModules = Awaited<ReturnType<typeof loadPageModules>>;

export interface UpdateResult {
  /** Output files written or deleted. */
  changed: string[];
  ms: number;
}

/**
 * The articles a page lists: a paginated page's own items, else (feeds, year pages) the whole
 * list it summarises.
 */
function listedArticles(item: unknown): readonly unknown[] {
  if (!item || typeof item !== "object") return [];
  const page = item as {
    items?: unknown[];
    articles?: unknown[];
    months?: Array<{ articles: unknown[] }>;
  };
  if (page.items) return page.items;
  return [...(page.articles ?? []), ...(page.months ?? []).flatMap((month) => month.articles)];
}

/** The front page of a term shows its timeline and partners, which follow its articles' dates and tags. */
function termOfFrontPage(item: unknown): string | undefined {
  const page = item as { entry?: unknown; term?: { kind: string; id: string } } | undefined;
  return page?.entry && page.term ? `${page.term.kind}:${page.term.id}` : undefined;
}

/**
 * Whether a page of a list lists other articles, or links to other pages, than the page of the same
 * address did: a list gains a page, or a story moves between pages, without any of them changing.
 */
function listMoved(item: unknown, before: unknown): boolean {
  type Listed = {
    items?: unknown[];
    newerUrl?: string;
    olderUrl?: string;
    nextUrl?: string;
    totalPages?: number;
  };
  const page = item as Listed | undefined;
  if (!page?.items) return false;
  const old = before as Listed | undefined;
  if (!old?.items) return true;
  return (
    page.items.length !== old.items.length ||
    page.items.some((article, i) => article !== old.items![i]) ||
    page.newerUrl !== old.newerUrl ||
    page.olderUrl !== old.olderUrl ||
    page.nextUrl !== old.nextUrl ||
    page.totalPages !== old.totalPages
  );
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
   * article's file so that the next update reads only what changed.
   */
  async start(built: Archive): Promise<void> {
    this.modules = await loadPageModules(path.join(this.projectDir, "src", "pages"));
    this.reset();
    for (const article of built.articles) {
      this.memory.keep(
        article.file,
        stampOf(statSync(path.join(this.root, article.file))),
        article,
      );
    }
    this.archive = built;
    this.instances = pageInstances(this.modules, built);
  }

  private reset(): void {
    this.site = loadSite(this.root, this.env);
    this.resolver = new TermResolver(loadRegistry(this.root));
    this.memory = new ArticleMemory();
  }

  /** Applies edits to articles. Throws ContentErrors (and changes nothing) when content is invalid. */
  async updateArticles(): Promise<UpdateResult> {
    const started = performance.now();
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

    const touchedTerms = new Set(
      [...touched].flatMap((article) =>
        articleTerms(article).map((term) => `${term.kind}:${term.id}`),
      ),
    );
    const affected = (instances: PageInstance[], archive: Archive) => {
      const outputs = new Set<string>();
      for (const instance of instances) {
        const item = instance.item;
        const related =
          item && typeof item === "object" && "url" in item
            ? archive.entities.related.get(item as Article)
            : undefined;
        if (
          item === undefined ||
          typeof item === "string" ||
          instance.template.startsWith("sitemap") ||
          touched.has(item as Article) ||
          touchedTerms.has(termOfFrontPage(item) ?? "") ||
          listedArticles(item).some((a) => touched.has(a as Article)) ||
          related?.some((r) => touched.has(r.article))
        ) {
          outputs.add(instance.output);
        }
      }
      return outputs;
    };
    const outputs = new Set([...affected(oldInstances, before), ...affected(newInstances, next)]);
    const listedBefore = new Map(oldInstances.map((instance) => [instance.output, instance.item]));
    for (const instance of newInstances) {
      if (listMoved(instance.item, listedBefore.get(instance.output))) outputs.add(instance.output);
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
