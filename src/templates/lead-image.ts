import type { Article } from "../content/article.ts";

/**
 * The site-relative URL of an article's lead photo, for thumbnails, Open Graph, feeds and search
 * results; undefined when the article has no photo. One place, so that every use agrees.
 */
export function leadImagePath(article: Article): string | undefined {
  return article.lead ? `/assets/${article.lead.src}` : undefined;
}
