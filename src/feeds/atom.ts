import { rfc3339 } from "./feed-date.ts";
import { feedUpdated, type Feed, type FeedEntry } from "./feed.ts";
import { ATOM_TYPE } from "./feed-links.ts";
import { escapeXml, xmlElement } from "./xml.ts";

/** A feed without entries still needs an `updated`; the epoch keeps the output reproducible. */
const NEVER = "1970-01-01T00:00:00Z";

/**
 * Writes an Atom 1.0 document. The lead photo goes in three places, for the readers that look in
 * each: the content's first figure, an enclosure link, and Media RSS with caption and credit. An
 * entry of a feed of summaries has `<summary>` and no `<content>`: Atom allows that when the entry
 * links to its page, which every entry does, and an empty `<content>` would show readers nothing.
 * @see https://www.rfc-editor.org/rfc/rfc4287
 * @see https://www.rssboard.org/media-rss#media-content
 */
export function renderAtomFeed(feed: Feed): string {
  const updated = feedUpdated(feed);
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="${escapeXml(feed.language)}">`,
    `  ${xmlElement("id", {}, feed.feedUrl)}`,
    `  ${xmlElement("title", { type: "text" }, feed.title)}`,
    feed.description ? `  ${xmlElement("subtitle", { type: "text" }, feed.description)}` : "",
    `  ${xmlElement("updated", {}, updated ? rfc3339(updated) : NEVER)}`,
    `  ${xmlElement("link", { rel: "self", type: ATOM_TYPE, href: feed.feedUrl })}`,
    `  ${xmlElement("link", { rel: "alternate", type: "text/html", href: feed.homePageUrl })}`,
    `  <author>${xmlElement("name", {}, feed.authorName)}</author>`,
    ...feed.entries.map(renderEntry),
    `</feed>`,
    ``,
  ];
  return lines.filter((line) => line !== "").join("\n");
}

function renderEntry(entry: FeedEntry): string {
  const { image } = entry;
  const parts = [
    xmlElement("id", {}, entry.id),
    xmlElement("title", { type: "text" }, entry.title),
    xmlElement("link", { rel: "alternate", type: "text/html", href: entry.url }),
    xmlElement("published", {}, rfc3339(entry.published)),
    xmlElement("updated", {}, rfc3339(entry.updated)),
    ...entry.authors.map((name) => `<author>${xmlElement("name", {}, name)}</author>`),
    ...entry.categories.map((category) => xmlElement("category", { ...category })),
    entry.summary ? xmlElement("summary", { type: "text" }, entry.summary) : "",
    entry.contentHtml === undefined
      ? ""
      : xmlElement("content", { type: "html" }, entry.contentHtml),
  ];
  if (image) {
    parts.push(xmlElement("link", { rel: "enclosure", type: image.type, href: image.url }));
    const media = [
      image.caption ? xmlElement("media:description", { type: "plain" }, image.caption) : "",
      image.credit ? xmlElement("media:credit", {}, image.credit) : "",
    ].join("");
    parts.push(
      `<media:content url="${escapeXml(image.url)}" medium="image"${image.type ? ` type="${image.type}"` : ""}>${media}</media:content>`,
    );
  }
  return `  <entry>\n${parts
    .filter(Boolean)
    .map((part) => `    ${part}`)
    .join("\n")}\n  </entry>`;
}
