import {
  articleNode,
  asList,
  isObject,
  readStructuredData,
  textOf,
  typesOf,
  type JsonObject,
  type StructuredData,
} from "./json-ld.ts";
import { imagesOf, listOf, namesOf, placeOf } from "./json-ld-properties.ts";
import {
  AUTHOR_META,
  firstMeta,
  metaImages,
  MODIFIED_META,
  PUBLISHED_META,
  readMetaTags,
  type MetaTags,
} from "./meta-tags.ts";
import { cleanText, joinNames, nonEmpty, personName, unique } from "./metadata-text.ts";
import type { PageMetadata, Sourced } from "./metadata-types.ts";
import { normalizeDate } from "./normalize-date.ts";
import { siteNameOf, titleOf } from "./page-title.ts";
import { absoluteHttpUrl } from "./page-url.ts";
import { savedFromComment } from "./saved-from.ts";
import { timeElementDate } from "./time-elements.ts";

/** The page's own address: `<link rel="canonical">`, `og:url`, then the article's `url` or `mainEntityOfPage`. */
function canonicalOf(
  document: Document,
  tags: MetaTags,
  article: JsonObject | undefined,
  base: string | undefined,
): string | undefined {
  const candidates: (string | undefined)[] = [];
  for (const link of document.querySelectorAll("link[rel]")) {
    const rel = (link.getAttribute("rel") ?? "").toLowerCase().split(/\s+/);
    if (rel.includes("canonical")) candidates.push(link.getAttribute("href") ?? undefined);
  }
  candidates.push(...(tags.get("og:url") ?? []));
  if (article) {
    candidates.push(textOf(article.url));
    const page = article.mainEntityOfPage;
    candidates.push(isObject(page) ? (textOf(page["@id"]) ?? textOf(page.url)) : textOf(page));
  }
  for (const candidate of candidates) {
    const url = absoluteHttpUrl(candidate, base);
    if (url) return url;
  }
  return undefined;
}

/** Nodes whose dates are the page's when it has no article node: Yoast's WebPage, a fact check. */
const PAGE_TYPES = ["WebPage", "ItemPage", "ClaimReview"];

/** A date from the article's JSON-LD, else from the page's (see PAGE_TYPES). */
function dataDate(
  data: StructuredData,
  article: JsonObject | undefined,
  key: "datePublished" | "dateModified",
): Sourced | undefined {
  const page = data.nodes.find((node) => typesOf(node).some((t) => PAGE_TYPES.includes(t)));
  for (const node of [article, page]) {
    if (!node) continue;
    for (const item of asList(node[key])) {
      const text = textOf(item);
      const value = text && normalizeDate(text);
      if (value)
        return { value, from: `JSON-LD ${node === article ? "" : `${typesOf(node)[0]} `}${key}` };
    }
  }
  return undefined;
}

/** Same photo: the same address, ignoring the query (size and crop parameters). */
function sameImage(a: string, b: string): boolean {
  return a.replace(/[?#].*$/, "") === b.replace(/[?#].*$/, "");
}

/**
 * What a page says about itself, from the places that say it on purpose: its structured data
 * (JSON-LD) first, then OpenGraph and `article:*` tags, then other `<meta>` tags, then `<time>`
 * elements in the article, then `<title>`. Nothing is read from the running text: a date there is
 * about something else. `pageUrl` is where the page was saved from (relative addresses are
 * resolved against it); without it, the page's own comment from the browser that saved it is used.
 */
export function readPageMetadata(document: Document, pageUrl?: string): PageMetadata {
  const data = readStructuredData(document);
  const tags = readMetaTags(document);
  const article = articleNode(data);
  const baseElement = document.querySelector("base[href]")?.getAttribute("href") ?? undefined;
  const base = pageUrl ?? savedFromComment(document) ?? absoluteHttpUrl(baseElement, undefined);

  const publisherNames = article ? namesOf(data, article.publisher) : [];
  const publisher = publisherNames[0];
  const siteName = siteNameOf(tags, data);
  const siteNames = [siteName, publisher].filter((name): name is string => Boolean(name));

  const dataAuthors = article ? namesOf(data, article.author ?? article.creator) : [];
  const metaAuthors = AUTHOR_META.flatMap((key) =>
    (tags.get(key) ?? []).map((c) => personName(nonEmpty(c))),
  ).filter((name): name is string => Boolean(name));
  const byline = joinNames(dataAuthors) ?? metaAuthors[0];

  const sections = unique([
    ...(article ? listOf(article.articleSection) : []),
    ...(tags.get("article:section") ?? []).map(cleanText),
    ...(tags.get("parsely-section") ?? []).map(cleanText),
  ]).filter(Boolean);
  const keywords = unique(
    [
      ...(article ? listOf(article.keywords) : []),
      ...["keywords", "news_keywords", "parsely-tags"].flatMap((key) =>
        (tags.get(key) ?? []).flatMap((c) => c.split(",")),
      ),
    ].map(cleanText),
  ).filter(Boolean);
  const tagList = unique((tags.get("article:tag") ?? []).map(cleanText)).filter(Boolean);

  const images = article ? imagesOf(data, article.image ?? article.thumbnailUrl, base) : [];
  for (const image of metaImages(tags, base)) {
    const same = images.find((known) => sameImage(known.url, image.url));
    if (same) same.alt ??= image.alt;
    else images.push(image);
  }

  const description =
    (article && textOf(article.description)) ??
    firstMeta(tags, ["og:description", "description", "twitter:description"])?.value;

  const metadata: PageMetadata = {
    title: titleOf(document, tags, article, siteNames),
    description,
    published:
      dataDate(data, article, "datePublished") ??
      firstMeta(tags, PUBLISHED_META, normalizeDate) ??
      timeElementDate(document, "published"),
    modified:
      dataDate(data, article, "dateModified") ??
      firstMeta(tags, MODIFIED_META, normalizeDate) ??
      timeElementDate(document, "modified"),
    byline,
    publisher,
    siteName,
    sections,
    keywords,
    tags: tagList,
    images,
    articleBody:
      article && typeof article.articleBody === "string"
        ? article.articleBody.trim() || undefined
        : undefined,
    canonical: canonicalOf(document, tags, article, base),
    dateline:
      article &&
      (textOf(article.dateline) ??
        placeOf(data, article.locationCreated) ??
        placeOf(data, article.contentLocation)),
    ogType: firstMeta(tags, ["og:type"])?.value.toLowerCase(),
    structuredTypes: unique(data.nodes.flatMap(typesOf)),
    hasArticleData: article !== undefined,
    unreadableJsonLd: data.unreadable,
    lang: nonEmpty(document.documentElement?.getAttribute("lang")),
  };
  return metadata;
}
