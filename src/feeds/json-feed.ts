import { rfc3339 } from "./feed-date.ts";
import type { Feed } from "./feed.ts";

/** The parts of JSON Feed 1.1 this archive writes. @see https://www.jsonfeed.org/version/1.1/ */
export interface JsonFeed {
  version: "https://jsonfeed.org/version/1.1";
  title: string;
  home_page_url: string;
  feed_url: string;
  description?: string;
  language: string;
  authors: Array<{ name: string }>;
  items: JsonFeedItem[];
}

export interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  /** JSON Feed 1.1 asks for `content_html` or `content_text`: the summary stands in for the text. */
  content_html?: string;
  content_text?: string;
  summary?: string;
  image?: string;
  date_published: string;
  date_modified: string;
  authors?: Array<{ name: string }>;
  tags?: string[];
}

export function toJsonFeed(feed: Feed): JsonFeed {
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title,
    home_page_url: feed.homePageUrl,
    feed_url: feed.feedUrl,
    description: feed.description || undefined,
    language: feed.language,
    authors: [{ name: feed.authorName }],
    items: feed.entries.map((entry) => ({
      id: entry.id,
      url: entry.url,
      title: entry.title,
      content_html: entry.contentHtml,
      content_text: entry.contentHtml === undefined ? entry.summary : undefined,
      summary: entry.summary || undefined,
      image: entry.image?.url,
      date_published: rfc3339(entry.published),
      date_modified: rfc3339(entry.updated),
      authors: entry.authors.length ? entry.authors.map((name) => ({ name })) : undefined,
      tags: entry.categories.length ? entry.categories.map((c) => c.label) : undefined,
    })),
  };
}

export function renderJsonFeed(feed: Feed): string {
  return `${JSON.stringify(toJsonFeed(feed), null, 2)}\n`;
}
