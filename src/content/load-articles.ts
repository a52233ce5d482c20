import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { frontMatterSchema } from "./schema.ts";
import { parseFrontMatter } from "./front-matter.ts";
import { ContentError, ContentErrors } from "../errors/content-errors.ts";
import { formatZodIssue } from "../errors/zod-issues.ts";
import { parseArticleDate, yearMonth } from "./dates.ts";
import { renderArticleBody } from "./markdown.ts";
import { stripMarkup } from "../security/sanitize.ts";
import { slugifyName } from "../registry/fold.ts";
import { TERM_KINDS, TermResolver } from "../registry/registry.ts";
import type { Article } from "./article.ts";
import type { FrontMatterData } from "./schema.ts";
import type { Site } from "../config/site.ts";
import { stampOf, type FileStamp } from "../files/file-stamp.ts";

export { ARTICLES_DIR, listMarkdownFiles } from "./article-files.ts";
import { ARTICLES_DIR, listMarkdownFiles } from "./article-files.ts";
import type { ArchiveInputs } from "./archive-inputs.ts";

/** Checks that an image path stays under `assets/` and names an existing file. */
function checkPhoto(root: string, src: string, file: string, field: string): void {
  const assets = path.join(root, "assets");
  const target = path.resolve(assets, src);
  if (path.isAbsolute(src) || !target.startsWith(assets + path.sep)) {
    throw new ContentError(
      file,
      `"${src}" leaves the assets/ folder: give a path under assets/, such as photos/2024/11/photo.jpg.`,
      { field },
    );
  }
  if (!existsSync(target) || !statSync(target).isFile()) {
    throw new ContentError(
      file,
      `the photo "${src}" does not exist: expected a file at assets/${src}. Add the file or fix the path.`,
      { field },
    );
  }
}

/**
 * An article as its file alone makes it: validated, dated and rendered, its terms still the names
 * the file gives (resolved against the registry by `completeArticle`). It depends on the file, the
 * site's settings and this program's code only, so a build may keep it between runs (see
 * `ArticleStore`).
 */
export type ParsedArticle = Omit<Article, "topics" | "people" | "places"> &
  Pick<FrontMatterData, "topics" | "people" | "places">;

/** Reads, validates and renders one article. Throws a ContentError naming the file and field. */
export function readArticle(
  root: string,
  absolute: string,
  site: Site,
  resolver: TermResolver,
): Article {
  return completeArticle(root, parseArticle(root, absolute, site), resolver);
}

/** Reads (unless given its text), validates and renders one article's file, leaving its terms as named. */
export function parseArticle(
  root: string,
  absolute: string,
  site: Site,
  source = readFileSync(absolute, "utf8"),
): ParsedArticle {
  const file = path.relative(root, absolute).split(path.sep).join("/");
  const front = parseFrontMatter(source, file);
  const parsed = frontMatterSchema.safeParse(front.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const { field, message } = formatZodIssue(issue);
    throw new ContentError(file, message, { field, line: front.lineOf(issue.path) });
  }
  const data = parsed.data;
  const dates = (["date", "updated"] as const).map((field) => {
    const value = data[field];
    if (value === undefined) return undefined;
    const result = parseArticleDate(value, site.timeZone);
    if (!result.ok)
      throw new ContentError(file, result.reason, { field, line: front.lineOf([field]) });
    return result.date;
  });
  const date = dates[0]!;
  const slug = slugifyName(path.basename(file, ".md"));
  const body = renderArticleBody(front.body, { embedHosts: site.embedHosts });
  // The body's first line in the file, so that warnings point at the file's own lines.
  const bodyLine = source.slice(0, source.length - front.body.length).split("\n").length;
  const removedMarkup = body.removed.map(
    ({ line, what }) => `${file}:${bodyLine + line - 1}: removed ${what}`,
  );
  // Captions, credits, alt text and the dek are shown as text: markup in them is removed.
  const plain = (value: string | undefined, field: (string | number)[]) => {
    if (value === undefined) return value;
    const { text, removed } = stripMarkup(value);
    const line = front.lineOf(field) ?? 1;
    for (const what of removed)
      removedMarkup.push(`${file}:${line}: ${field.join(".")}: removed ${what}`);
    return text;
  };
  data.dek = plain(data.dek, ["dek"]);
  data.images = data.images.map((image, i) => ({
    ...image,
    alt: plain(image.alt, ["images", i, "alt"]),
    caption: plain(image.caption, ["images", i, "caption"]),
    credit: plain(image.credit, ["images", i, "credit"]),
  }));
  const { year, month } = yearMonth(date);
  const lead = data.images.find((image): image is Article["lead"] & object => Boolean(image.src));
  return {
    ...data,
    file,
    slug,
    url: `/articles/${year}/${month}/${slug}/`,
    date,
    updated: dates[1],
    excerpt: data.dek ?? body.firstParagraph,
    lead,
    body: front.body,
    html: body.html,
    removedMarkup,
  };
}

/**
 * Gives a parsed article its terms from the registry and checks that its photos exist: what
 * depends on more than the file. The parsed article itself becomes the article.
 */
export function completeArticle(
  root: string,
  parsed: ParsedArticle,
  resolver: TermResolver,
): Article {
  const { file } = parsed;
  const terms = Object.fromEntries(
    TERM_KINDS.map((kind) => {
      const seen = new Set<string>();
      const list = parsed[kind]
        .map((name, i) => resolver.resolve(kind, name, file, `${kind}[${i}]`))
        .filter((term) => !seen.has(term.id) && seen.add(term.id));
      return [kind, list];
    }),
  ) as Pick<Article, "topics" | "people" | "places">;
  parsed.images.forEach((image, i) => {
    if (image.src) checkPhoto(root, image.src, file, `images[${i}].src`);
  });
  // The parsed article becomes the article, not a copy: one from the parsed-article store reads
  // its body only when asked for, which a copy would read at once.
  return Object.assign(parsed, terms) as unknown as Article;
}

export interface LoadedArticles {
  articles: Article[];
  resolver: TermResolver;
}

/** How to read one article: parse its file, then give the parsed article its terms and photos. */
export interface ArticleReader {
  /** The file's text. */
  source(): string;
  /** Parses the file: its text when given, else read now. */
  parse(source?: string): ParsedArticle;
  complete(parsed: ParsedArticle): Article;
}

/**
 * Articles kept from an earlier reading, by file: `npm start` keeps them in memory between the
 * updates of an edit (src/dev/article-memory.ts), `npm run build` keeps them parsed on disk between
 * builds (the build cache's parsed-article store). A kept article is used only while its file is
 * unchanged (see `FileStamp`).
 */
export interface ArticleStore {
  /** The article of `file` (relative to the archive), as kept, or read with `read` and kept. */
  article(file: string, stamp: FileStamp, read: ArticleReader): Article;
}

/**
 * Reads every article under `<root>/content/articles`, those unchanged since `store` kept them
 * from the store (stamped as `inputs` stamped them, when given, else now). All problems are collected and thrown together as ContentErrors, so one run
 * shows every file that needs fixing.
 */
export function loadArticles(
  root: string,
  site: Site,
  resolver: TermResolver,
  store?: ArticleStore,
  inputs?: ArchiveInputs,
): Article[] {
  const errors: ContentError[] = [];
  const articles: Article[] = [];
  const byUrl = new Map<string, Article>();
  for (const absolute of inputs?.articles ?? listMarkdownFiles(path.join(root, ARTICLES_DIR))) {
    try {
      const read: ArticleReader = {
        source: () => readFileSync(absolute, "utf8"),
        parse: (source) => parseArticle(root, absolute, site, source),
        complete: (parsed) => completeArticle(root, parsed, resolver),
      };
      // Once: path.relative is a good part of an update under npm start, over 19,000 stories.
      const relative = path.relative(root, absolute);
      const file = path.sep === "/" ? relative : relative.split(path.sep).join("/");
      const article = store
        ? store.article(file, inputs?.stamps.get(relative) ?? stampOf(statSync(absolute)), read)
        : read.complete(read.parse());
      const other = byUrl.get(article.url);
      if (other) {
        throw new ContentError(
          article.file,
          `has the same URL ${article.url} as ${other.file}: rename one of the files or correct its date.`,
        );
      }
      byUrl.set(article.url, article);
      articles.push(article);
    } catch (error) {
      if (error instanceof ContentError) errors.push(error);
      else throw error;
    }
  }
  if (errors.length) throw new ContentErrors(errors);
  return articles;
}
