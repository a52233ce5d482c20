import { parseHTML } from "linkedom";
import { quote } from "../quote.ts";
import type { PageMetadata } from "./metadata-types.ts";

/** Less text than this is not an article: a teaser, a stub, a caption. */
export const MIN_ARTICLE_TEXT = 250;

/** The page's own type in structured data says it lists other pages. */
const LIST_TYPES = ["CollectionPage", "ItemList", "WebSite", "SearchResultsPage", "ProfilePage"];
const GALLERY_TYPES = ["ImageGallery", "MediaGallery", "VideoGallery"];

const ERROR_TITLE =
  /^(?:error\s*)?(?:4\d\d|5\d\d)\b|\b(?:page|article|content|file)\s+(?:was\s+)?not\s+found\b|^not found$|\baccess denied\b|^forbidden$|\b(?:page|article) (?:doesn[’']t|does not|no longer) exist|\binternal server error\b|\bservice unavailable\b|\bpage (?:is )?unavailable\b/i;

const LOGIN_OR_PAYWALL =
  /\b(?:sign in|log ?in|subscribe)\b.{0,40}\b(?:to (?:continue|read|access|view)|for (?:full )?access)\b|\bsubscribers? only\b|\bthis (?:article|content) is (?:only )?(?:available|for) (?:to )?subscribers\b|\balready a subscriber\b/i;

const INDEX_PATH =
  /\/(?:tags?|topics?|categor(?:y|ies)|sections?|authors?|archives?|labels?)(?:\/|$)/i;
const SEARCH_PATH = /\/search(?:\/|$)|[?&](?:q|query|s|search)=/i;

/** The text, links and images of an extracted body, which say what kind of page it was. */
export interface BodyStats {
  textLength: number;
  links: number;
  /** Characters of text inside links. */
  linkTextLength: number;
  images: number;
}

function collapsed(text: string | null | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

export function bodyStats(html: string): BodyStats {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`);
  return elementStats(document.body);
}

/**
 * The stats of a whole page's body, navigation and footers included, for when extraction finds
 * no article in it. Read from a copy: the page itself is extracted afterwards.
 */
export function elementStats(root: Element): BodyStats {
  const copy = root.cloneNode(true) as Element;
  for (const element of copy.querySelectorAll("script, style, noscript, template"))
    element.remove();
  const links = [...copy.querySelectorAll("a[href]")];
  return {
    textLength: collapsed(copy.textContent).length,
    links: links.length,
    linkTextLength: links.reduce((sum, link) => sum + collapsed(link.textContent).length, 0),
    images: copy.querySelectorAll("img").length,
  };
}

export interface PageKindInput {
  metadata: PageMetadata;
  /** The extracted body's HTML; undefined when extraction found no article body at all. */
  bodyHtml?: string;
  /** The whole page's stats (see elementStats), which say what it is when there is no body. */
  pageStats?: BodyStats;
  /** The page's title as the import reads it, or its `<title>`. */
  title?: string;
  /** The page's address (canonical, or where it was saved from), when known. */
  url?: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** "og:type website, CollectionPage in its structured data": what the page says it is. */
function declared(metadata: PageMetadata): string[] {
  const said: string[] = [];
  if (metadata.ogType) said.push(`og:type ${metadata.ogType}`);
  const types = metadata.structuredTypes.filter((t) =>
    [...LIST_TYPES, ...GALLERY_TYPES].includes(t),
  );
  if (types.length && !metadata.hasArticleData)
    said.push(`${types.join(", ")} in its structured data`);
  return said;
}

function pathOf(url: string | undefined): string {
  if (!url) return "";
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return "";
  }
}

/** The kind of page a short or link-heavy body belongs to, named from what the page says. */
function kindOfListPage(metadata: PageMetadata, stats: BodyStats, path: string): string {
  const types = metadata.structuredTypes;
  if (types.includes("SearchResultsPage") || SEARCH_PATH.test(path)) return "search results";
  if (
    types.some((t) => GALLERY_TYPES.includes(t)) ||
    (stats.images >= 3 && stats.textLength < MIN_ARTICLE_TEXT)
  ) {
    return "a photo gallery without text";
  }
  if (INDEX_PATH.test(path)) return "a tag or topic index";
  if (metadata.hasArticleData || metadata.ogType === "article") return "too little text";
  return "a section front";
}

/**
 * Why a saved page is not an article, or undefined when it is one. What the page says it is
 * (`og:type`, its structured data's types, an error title) names the kind; the body decides: a
 * page with little text, or whose text is mostly links, is a front, an index, a gallery or a stub
 * even when it calls itself an article, and a page with an article's text is kept even when its
 * `og:type` says "website" (many sites set that on every page).
 */
export function notAnArticle(input: PageKindInput): string | undefined {
  const { metadata, bodyHtml, title } = input;
  const path = pathOf(input.url ?? metadata.canonical);
  const stats = bodyHtml === undefined ? input.pageStats : bodyStats(bodyHtml);
  const counts =
    stats && `${plural(stats.links, "link")} and ${plural(stats.textLength, "character")} of text`;
  const noBody = bodyHtml === undefined;
  const short = noBody || !stats || stats.textLength < MIN_ARTICLE_TEXT;
  if (title && ERROR_TITLE.test(title) && (short || !metadata.hasArticleData)) {
    return `not an article: an error page (title ${quote(title)}${counts ? `, ${counts}` : ""})`;
  }
  const evidence = parenthesised([...declared(metadata), ...(counts ? [counts] : [])]);
  if (!stats) return `not an article: no article text found${evidence}`;
  if (!metadata.hasArticleData && metadata.structuredTypes.includes("SearchResultsPage")) {
    return `not an article: search results${evidence}`;
  }
  const linkShare = stats.textLength ? stats.linkTextLength / stats.textLength : 0;
  const mostlyLinks = metadata.hasArticleData
    ? stats.links >= 10 && linkShare > 0.6
    : stats.links >= 5 && linkShare > 0.5;
  if (!short && !mostlyLinks) return undefined;
  // A page with text but no body the extraction could find is not known to be a list page.
  if (noBody && !mostlyLinks && stats.textLength >= MIN_ARTICLE_TEXT) {
    return `not an article: no article text found${evidence}`;
  }
  const text = `${title ?? ""} ${bodyHtml === undefined ? "" : collapsedText(bodyHtml)}`;
  if (!mostlyLinks && LOGIN_OR_PAYWALL.test(text)) {
    return `not an article: a login or paywall page${evidence}`;
  }
  return `not an article: ${kindOfListPage(metadata, stats, path)}${evidence}`;
}

function collapsedText(html: string): string {
  return collapsed(html.replace(/<[^>]*>/g, " "));
}

function parenthesised(parts: string[]): string {
  return parts.length ? ` (${parts.join(", ")})` : "";
}
