import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import type { DateTime } from "luxon";
import type { Article } from "../content/article.ts";
import { TERM_KINDS } from "../registry/registry.ts";
import type { RenderContext } from "../templates/context.ts";
import { Figure } from "../templates/Figure.tsx";
import { leadImagePath } from "../templates/lead-image.ts";
import { absoluteSiteUrl, imageMediaType } from "../templates/urls.ts";
// feedPlugin needs Eleventy collections (articles are data here); its URL rewriter is what content needs.
import { convertHtmlToAbsoluteUrls } from "@11ty/eleventy-plugin-rss";

/**
 * Entries per feed: the newest 50. Feed readers poll often and keep what they have seen, so a
 * feed carries recent news, not the archive; 50 full articles keep a feed well under a megabyte.
 */
export const FEED_ENTRY_LIMIT = 50;

export interface FeedImage {
  /** Absolute URL. */
  url: string;
  /** MIME type from the file extension, when known. */
  type?: string;
  alt?: string;
  caption?: string;
  credit?: string;
}

export interface FeedCategory {
  /** The term's id, e.g. `nato`. */
  term: string;
  label: string;
  /** Absolute URL of the term's kind index, e.g. `https://…/topics/`. */
  scheme: string;
}

export interface FeedEntry {
  /** Absolute URL of the article, also its permanent id. */
  id: string;
  url: string;
  title: string;
  /** The dek or first paragraph, as plain text. */
  summary: string;
  /** Figures and body as HTML with absolute URLs; absent from a feed of summaries. */
  contentHtml?: string;
  published: DateTime;
  /** `updated` from front matter, else the publication date. */
  updated: DateTime;
  /** The byline, else the source; empty when the article names neither. */
  authors: string[];
  categories: FeedCategory[];
  image?: FeedImage;
}

/** One feed, independent of its format: Atom and JSON Feed are both written from this. */
export interface Feed {
  title: string;
  description: string;
  language: string;
  /** Absolute URL of the feed file itself. */
  feedUrl: string;
  /** Absolute URL of the HTML page the feed follows. */
  homePageUrl: string;
  /** The archive's name, the author of last resort that Atom requires. */
  authorName: string;
  /** Newest first, at most FEED_ENTRY_LIMIT. */
  entries: FeedEntry[];
}

export interface FeedSource {
  ctx: RenderContext;
  title: string;
  description: string;
  /** Site-relative path of the feed file, e.g. `/topics/nato/feed.xml`. */
  feedPath: string;
  /** Site-relative path of the page it follows, e.g. `/topics/nato/`. */
  pagePath: string;
  /** Newest first; only the first FEED_ENTRY_LIMIT are used. */
  articles: readonly Article[];
  /**
   * `"summary"`: entries carry the dek or first paragraph and a link, not the article. A story
   * without either (a photo and its caption, say) still carries its content, so that no entry is
   * a bare headline. Defaults to `"full"`.
   */
  text?: "full" | "summary";
}

/** Builds a feed's entries; each article's content is rendered once per build, however many feeds list it. */
export async function buildFeed(source: FeedSource): Promise<Feed> {
  const { ctx } = source;
  return {
    title: source.title,
    description: source.description,
    language: ctx.site.language,
    feedUrl: ctx.absoluteUrl(source.feedPath),
    homePageUrl: ctx.absoluteUrl(source.pagePath),
    authorName: ctx.site.title,
    entries: await Promise.all(
      source.articles
        .slice(0, FEED_ENTRY_LIMIT)
        .map((article) => feedEntry(article, ctx, source.text ?? "full")),
    ),
  };
}

/** The newest `updated` among the entries; undefined for a feed without entries. */
export function feedUpdated(feed: Feed): DateTime | undefined {
  let newest: DateTime | undefined;
  for (const entry of feed.entries) {
    if (!newest || entry.updated > newest) newest = entry.updated;
  }
  return newest;
}

const contentCache = new WeakMap<Article, { base: string; html: Promise<string> }>();

/**
 * The article as a feed reader shows it: its figures (lead photo first, with caption and credit)
 * and body. Relative links and photo paths become absolute, because readers resolve them against
 * the feed's URL or not at all.
 */
export function feedContentHtml(article: Article, ctx: RenderContext): Promise<string> {
  const base = ctx.absoluteUrl(article.url);
  const cached = contentCache.get(article);
  if (cached?.base === base) return cached.html;
  const leadIndex = article.images.findIndex((image) => image.src);
  const figures = article.images
    .map((image, i) => renderToString(h(Figure, { ctx, image, lead: i === leadIndex })))
    .join("");
  const html = convertHtmlToAbsoluteUrls(`${figures}${article.html}`, base);
  contentCache.set(article, { base, html });
  return html;
}

async function feedEntry(
  article: Article,
  ctx: RenderContext,
  text: "full" | "summary",
): Promise<FeedEntry> {
  const url = ctx.absoluteUrl(article.url);
  const imagePath = leadImagePath(article);
  const author = article.byline ?? article.source;
  return {
    id: url,
    url,
    title: article.title,
    summary: article.excerpt,
    contentHtml:
      text === "summary" && article.excerpt ? undefined : await feedContentHtml(article, ctx),
    published: article.date,
    updated: article.updated ?? article.date,
    authors: author ? [author] : [],
    categories: TERM_KINDS.flatMap((kind) =>
      article[kind].map((term) => ({
        term: term.id,
        label: term.name,
        scheme: ctx.absoluteUrl(`/${kind}/`),
      })),
    ),
    image:
      imagePath && article.lead
        ? {
            url: absoluteSiteUrl(ctx, imagePath),
            type: imageMediaType(imagePath),
            alt: article.lead.alt,
            caption: article.lead.caption,
            credit: article.lead.credit,
          }
        : undefined,
  };
}
