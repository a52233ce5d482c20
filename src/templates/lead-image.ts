import type { Article } from "../content/article.ts";
import { pictureOf } from "../images/attached-pictures.ts";

/**
 * Which file of the lead photo: `social`, the JPEG of about 1200 px that Open Graph and feed
 * readers expect; `thumbnail`, the smallest WebP, for search results and lists.
 */
export type LeadImageSize = "social" | "thumbnail";

/**
 * The site-relative URL of an article's processed lead photo (without the path prefix), for
 * thumbnails, Open Graph, feeds and search results; undefined when the article has no photo. One
 * place, so that every use agrees.
 */
export function leadImagePath(
  article: Article,
  size: LeadImageSize = "social",
): string | undefined {
  return article.lead ? pictureOf(article.lead)[size].url : undefined;
}
