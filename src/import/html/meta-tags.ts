import type { MetadataImage, Sourced } from "./metadata-types.ts";
import { nonEmpty } from "./metadata-text.ts";
import { imageUrl } from "./page-url.ts";

/** The contents of a page's `<meta>` tags, by the tag's name. */
export type MetaTags = Map<string, string[]>;

/** Every `<meta>` content by its lower-cased `property`, `name` or `itemprop`, in page order. */
export function readMetaTags(document: Document): MetaTags {
  const tags: MetaTags = new Map();
  for (const meta of document.querySelectorAll("meta")) {
    const content = meta.getAttribute("content");
    if (content === null) continue;
    for (const attribute of ["property", "name", "itemprop"]) {
      const key = meta.getAttribute(attribute)?.trim().toLowerCase();
      if (!key) continue;
      const list = tags.get(key) ?? [];
      list.push(content);
      tags.set(key, list);
    }
  }
  return tags;
}

/** How a message names the tag: `<meta property="og:title">`, `<meta name="author">`. */
function describeMeta(key: string): string {
  if (/^(og|article|twitter|fb):/.test(key)) return `<meta property="${key}">`;
  return `<meta name="${key}">`;
}

/** The first content among `keys`' tags, in that order, that `read` accepts, and the tag it was in. */
export function firstMeta(
  tags: MetaTags,
  keys: readonly string[],
  read: (content: string) => string | undefined = nonEmpty,
): Sourced | undefined {
  for (const key of keys) {
    for (const content of tags.get(key) ?? []) {
      const value = read(content);
      if (value) return { value, from: describeMeta(key) };
    }
  }
  return undefined;
}

/** The tags that give the publication date, in the order they are trusted. */
export const PUBLISHED_META = [
  "article:published_time",
  "og:article:published_time",
  "article:published",
  "datepublished",
  "parsely-pub-date",
  "sailthru.date",
  "pubdate",
  "publishdate",
  "publish-date",
  "publish_date",
  "article.published",
  "dc.date.issued",
  "dcterms.issued",
  "dc.date",
  "dcterms.date",
  "dcterms.created",
  "date",
];

/** The tags that give the last update, in the order they are trusted. */
export const MODIFIED_META = [
  "article:modified_time",
  "og:article:modified_time",
  "og:updated_time",
  "datemodified",
  "article.updated",
  "dcterms.modified",
  "dc.date.modified",
  "last-modified",
];

/** The tags that name the author. */
export const AUTHOR_META = [
  "author",
  "article:author",
  "parsely-author",
  "sailthru.author",
  "dc.creator",
  "dcterms.creator",
];

/** The share image of `og:image` or `twitter:image`, with its alt text. */
export function metaImages(tags: MetaTags, base: string | undefined): MetadataImage[] {
  const url = firstMeta(tags, [
    "og:image:secure_url",
    "og:image",
    "og:image:url",
    "twitter:image",
    "twitter:image:src",
  ]);
  if (!url) return [];
  const alt = firstMeta(tags, ["og:image:alt", "twitter:image:alt"])?.value;
  return [{ url: imageUrl(url.value, base), ...(alt ? { alt } : {}) }];
}
