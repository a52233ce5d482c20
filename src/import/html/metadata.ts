import { DateTime } from "luxon";

/** A value read from a page, and where on the page it stood (for a message that points at it). */
export interface Sourced {
  value: string;
  /** E.g. `JSON-LD datePublished`, `<meta property="article:published_time">`, `<time datetime>`. */
  from: string;
}

/** A photo the page's metadata names (its share image, the article's `image`). */
export interface MetadataImage {
  /** Absolute when the page's address is known, else as written. */
  url: string;
  caption?: string;
  credit?: string;
  alt?: string;
}

/** What a page says about itself, before its body is extracted. */
export interface PageMetadata {
  title?: Sourced;
  description?: string;
  /** `YYYY-MM-DD` or an ISO 8601 date-time with offset. */
  published?: Sourced;
  modified?: Sourced;
  /** "A", "A and B", "A, B and C". */
  byline?: string;
  /** The publisher's name from structured data. */
  publisher?: string;
  /** `og:site_name`, else the name of a JSON-LD WebSite. */
  siteName?: string;
  sections: string[];
  keywords: string[];
  /** `article:tag` values. */
  tags: string[];
  /** The lead photo first. */
  images: MetadataImage[];
  /** The article's text as the structured data gives it. */
  articleBody?: string;
  /** Absolute http(s). */
  canonical?: string;
  dateline?: string;
  /** `og:type`, lower case. */
  ogType?: string;
  /** Every `@type` in the page's JSON-LD, without a `schema:` prefix (`NewsArticle`, `WebSite`). */
  structuredTypes: string[];
  /** True when the page has an Article-like JSON-LD node. */
  hasArticleData: boolean;
  /** JSON-LD blocks that are not JSON even after light repair; they are ignored. */
  unreadableJsonLd: number;
  lang?: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asList(value: Json | undefined): Json[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

// ---------------------------------------------------------------------------------------------
// Text

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  hellip: "…",
};

/**
 * Metadata text as a reader sees it: entities decoded (JSON-LD and attributes written by a CMS are
 * often escaped twice), tags dropped, white space collapsed.
 */
export function cleanText(text: string): string {
  return text
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === "#") {
        const code =
          name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
      }
      return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, " ")
    .trim();
}

function nonEmpty(text: string | undefined | null): string | undefined {
  if (text === undefined || text === null) return undefined;
  const clean = cleanText(text);
  return clean ? clean : undefined;
}

function looksLikeUrl(text: string): boolean {
  return /^(?:https?:)?\/\//i.test(text.trim()) || /^www\./i.test(text.trim());
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: string[]): string | undefined {
  if (names.length === 0) return undefined;
  if (names.length === 1) return names[0];
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Dates

const MONTH_NAMES = [
  "jan",
  "feb",
  "mar",
  "apr",
  "may",
  "jun",
  "jul",
  "aug",
  "sep",
  "oct",
  "nov",
  "dec",
];

/** Zone abbreviations that name one offset; ambiguous ones (IST, CST in China) are not read. */
const ZONE_OFFSETS: Record<string, string> = {
  UTC: "Z",
  GMT: "Z",
  Z: "Z",
  EST: "-05:00",
  EDT: "-04:00",
  CDT: "-05:00",
  MST: "-07:00",
  MDT: "-06:00",
  PST: "-08:00",
  PDT: "-07:00",
  BST: "+01:00",
  CET: "+01:00",
  CEST: "+02:00",
};

/** A date that stands for none: year 1 or the Unix epoch, which a CMS writes for "unset". */
function isPlaceholder(iso: string): boolean {
  return (
    iso.startsWith("0") || /^1970-01-01(?:T00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?)?$/.test(iso)
  );
}

/** "+0100" → "+01:00", "Z"/"GMT" → "Z". */
function offsetOf(zone: string): string | undefined {
  const upper = zone.toUpperCase();
  if (ZONE_OFFSETS[upper]) return ZONE_OFFSETS[upper];
  const m = /^([+-]\d{2}):?(\d{2})?$/.exec(zone);
  return m ? `${m[1]}:${m[2] ?? "00"}` : undefined;
}

/** "November 19, 2019, 07:47 PM EST" (as some CMSs fill `article:published_time`). */
function englishDate(value: string): string | undefined {
  const m =
    /^(?:[a-z]+,?\s+)?([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])\.?m\.?)?(?:\s*([a-z]{1,4}))?$/i.exec(
      value,
    );
  const month = m ? MONTH_NAMES.indexOf(m[1]!.slice(0, 3).toLowerCase()) + 1 : 0;
  if (!m || month === 0) return undefined;
  const day = `${m[3]}-${String(month).padStart(2, "0")}-${m[2]!.padStart(2, "0")}`;
  const offset = m[8] ? offsetOf(m[8]) : undefined;
  if (m[4] === undefined || !offset) return validDay(day);
  let hour = Number(m[4]) % 12;
  if (m[7]?.toLowerCase() === "p") hour += 12;
  if (!m[7]) hour = Number(m[4]);
  const iso = `${day}T${String(hour).padStart(2, "0")}:${m[5]}:${m[6] ?? "00"}${offset}`;
  return DateTime.fromISO(iso, { setZone: true }).isValid ? iso : undefined;
}

/**
 * A date as the import writes it, or undefined for one that cannot be read without guessing:
 * `YYYY-MM-DD` as is; an ISO 8601 date-time with offset as is (a space before the time becomes
 * `T`, `+0100` becomes `+01:00`, a trailing `GMT` becomes `Z`); an RFC 2822 date-time (`Tue, 5 Mar
 * 2024 10:00:00 GMT`) or an English one with a US or European zone ("November 19, 2019, 07:47 PM
 * EST") as ISO with its offset. A date-time without an offset gives its day only: its clock time
 * is in a time zone the page does not name. Year 1 and the Unix epoch are placeholders, not dates.
 */
export function normalizeDate(text: string): string | undefined {
  const value = text.trim();
  const date = readDate(value);
  return date && !isPlaceholder(date) ? date : undefined;
}

function readDate(value: string): string | undefined {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) ?? /^(\d{4})\/(\d{2})\/(\d{2})$/.exec(value);
  if (day) return validDay(`${day[1]}-${day[2]}-${day[3]}`);
  const m =
    /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?|GMT|UTC)?$/i.exec(
      value,
    );
  if (m) {
    const [, date, time, zone] = m;
    const offset = zone ? offsetOf(zone) : undefined;
    if (!offset) return validDay(date!);
    const iso = `${date}T${time!.replace(",", ".")}${offset}`;
    return DateTime.fromISO(iso, { setZone: true }).isValid ? iso : undefined;
  }
  const rfc = DateTime.fromRFC2822(value.replace(/\bUTC\b/, "GMT"), { setZone: true });
  if (rfc.isValid) return rfc.toISO({ suppressMilliseconds: true }) ?? undefined;
  const http = DateTime.fromHTTP(value, { setZone: true });
  if (http.isValid) return http.toISO({ suppressMilliseconds: true }) ?? undefined;
  return englishDate(value);
}

function validDay(day: string): string | undefined {
  return DateTime.fromISO(day).isValid ? day : undefined;
}

// ---------------------------------------------------------------------------------------------
// JSON-LD

/**
 * JSON-LD as sites write it: wrapped in comments or CDATA, with raw line breaks inside strings or
 * trailing commas.
 */
function parseJsonLd(text: string): Json | undefined {
  const body = text
    .trim()
    .replace(/^(?:\s*(?:<!--|\/\/\s*<!\[CDATA\[|\/\*\s*<!\[CDATA\[\s*\*\/))+/, "")
    .replace(/(?:\s*(?:-->|\/\/\s*\]\]>|\/\*\s*\]\]>\s*\*\/))+\s*$/, "")
    .trim();
  if (!body) return undefined;
  try {
    return JSON.parse(body) as Json;
  } catch {
    // Control characters are not allowed in JSON strings; outside them they are only white space.
  }
  // Trailing commas ("Science", ]) are the other common slip.
  try {
    return JSON.parse(body.replace(/\p{Cc}+/gu, " ").replace(/,(\s*[}\]])/g, "$1")) as Json;
  } catch {
    return undefined;
  }
}

/** `"schema:NewsArticle"`, `"http://schema.org/NewsArticle"` → `"NewsArticle"`. */
function typeName(type: string): string {
  return type.replace(/^.*[/:#]/, "");
}

function typesOf(node: JsonObject): string[] {
  return asList(node["@type"])
    .filter((t): t is string => typeof t === "string")
    .map(typeName);
}

/** NewsArticle, ReportageNewsArticle, BlogPosting, Report…: the types of an article's data. */
export function isArticleType(type: string): boolean {
  return /Article$|^BlogPosting$|^LiveBlogPosting$|^Report$|^SocialMediaPosting$/.test(type);
}

/** The structured data of a page: its nodes (in `@graph`s and arrays too) and their `@id`s. */
interface StructuredData {
  nodes: JsonObject[];
  byId: Map<string, JsonObject>;
  unreadable: number;
}

function readStructuredData(document: Document): StructuredData {
  const data: StructuredData = { nodes: [], byId: new Map(), unreadable: 0 };
  const visit = (value: Json | undefined, depth: number) => {
    if (depth > 6) return;
    for (const item of asList(value)) {
      if (!isObject(item)) continue;
      if (item["@graph"] !== undefined) visit(item["@graph"], depth + 1);
      if (item["@type"] !== undefined) data.nodes.push(item);
      const id = item["@id"];
      if (typeof id === "string" && Object.keys(item).length > 1 && !data.byId.has(id))
        data.byId.set(id, item);
      // A WebPage whose main entity is the article holds it inline.
      if (isObject(item.mainEntity) || Array.isArray(item.mainEntity))
        visit(item.mainEntity, depth + 1);
    }
  };
  for (const script of document.querySelectorAll("script")) {
    const type = (script.getAttribute("type") ?? "").trim().toLowerCase();
    if (type !== "application/ld+json") continue;
    const parsed = parseJsonLd(script.textContent ?? "");
    if (parsed === undefined) {
      if ((script.textContent ?? "").trim()) data.unreadable++;
      continue;
    }
    visit(parsed, 0);
  }
  return data;
}

/** A node given by reference (`{"@id": "#author"}`) as the node itself, when the page has it. */
function resolve(data: StructuredData, value: Json): Json {
  if (isObject(value) && typeof value["@id"] === "string" && Object.keys(value).length === 1) {
    return data.byId.get(value["@id"]) ?? value;
  }
  return value;
}

/** A text property: a string, a number, `{"@value": …}`, or the first of a list. */
function textOf(value: Json | undefined): string | undefined {
  for (const item of asList(value)) {
    if (typeof item === "string" || typeof item === "number") {
      const text = nonEmpty(String(item));
      if (text) return text;
    }
    if (
      isObject(item) &&
      (typeof item["@value"] === "string" || typeof item["@value"] === "number")
    ) {
      const text = nonEmpty(String(item["@value"]));
      if (text) return text;
    }
  }
  return undefined;
}

/** "By Jane Doe" → "Jane Doe"; a URL is not a name. */
function personName(text: string | undefined): string | undefined {
  const name = text?.replace(/^by\s+/i, "").trim();
  return name && !looksLikeUrl(name) ? name : undefined;
}

/** Names of people or organisations: strings, Person/Organization nodes, lists of either. */
function namesOf(data: StructuredData, value: Json | undefined): string[] {
  const names: string[] = [];
  for (const raw of asList(value)) {
    const item = resolve(data, raw);
    if (typeof item === "string") {
      const name = personName(nonEmpty(item));
      if (name) names.push(name);
    } else if (isObject(item)) {
      const given = [textOf(item.givenName), textOf(item.familyName)].filter(Boolean).join(" ");
      const name = personName(textOf(item.name) ?? (given || undefined));
      if (name) names.push(name);
    }
  }
  return unique(names);
}

/** `keywords` as a comma-separated string or a list; `articleSection` likewise. */
function listOf(value: Json | undefined): string[] {
  const items: string[] = [];
  for (const item of asList(value)) {
    if (typeof item === "string") items.push(...item.split(","));
    else if (isObject(item)) {
      const name = textOf(item.name);
      if (name) items.push(name);
    }
  }
  return unique(items.map(cleanText).filter(Boolean));
}

function absoluteHttpUrl(url: string | undefined, base: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const resolved = base ? new URL(url.trim(), base) : new URL(url.trim());
    return resolved.protocol === "http:" || resolved.protocol === "https:"
      ? resolved.href
      : undefined;
  } catch {
    return undefined;
  }
}

/** An image URL resolved against the page when it can be; kept as written otherwise. */
function imageUrl(url: string, base: string | undefined): string {
  return absoluteHttpUrl(url, base) ?? url.trim();
}

function imagesOf(
  data: StructuredData,
  value: Json | undefined,
  base: string | undefined,
): MetadataImage[] {
  const images: MetadataImage[] = [];
  for (const raw of asList(value)) {
    const item = resolve(data, raw);
    if (typeof item === "string") {
      if (item.trim()) images.push({ url: imageUrl(item, base) });
    } else if (isObject(item)) {
      const url = textOf(item.url) ?? textOf(item.contentUrl);
      if (!url) continue;
      const credit =
        textOf(item.creditText) ??
        joinNames(namesOf(data, item.copyrightHolder)) ??
        joinNames(namesOf(data, item.author)) ??
        joinNames(namesOf(data, item.creator));
      images.push({
        url: imageUrl(url, base),
        caption: textOf(item.caption) ?? textOf(item.description),
        credit,
      });
    }
  }
  return images;
}

/** A place's name: a string, or a Place node's `name`. */
function placeOf(data: StructuredData, value: Json | undefined): string | undefined {
  for (const raw of asList(value)) {
    const item = resolve(data, raw);
    if (typeof item === "string") return nonEmpty(item);
    if (isObject(item)) {
      const name = textOf(item.name);
      if (name) return name;
    }
  }
  return undefined;
}

/** The page's article node: the first Article-like node with a headline or body, else the first. */
function articleNode(data: StructuredData): JsonObject | undefined {
  const articles = data.nodes.filter((node) => typesOf(node).some(isArticleType));
  return (
    articles.find((node) => node.headline !== undefined || node.articleBody !== undefined) ??
    articles[0]
  );
}

// ---------------------------------------------------------------------------------------------
// Meta tags

/** Every `<meta>` content by its lower-cased `property`, `name` or `itemprop`, in page order. */
function readMetaTags(document: Document): Map<string, string[]> {
  const tags = new Map<string, string[]>();
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

function describeMeta(key: string): string {
  if (/^(og|article|twitter|fb):/.test(key)) return `<meta property="${key}">`;
  return `<meta name="${key}">`;
}

function firstMeta(tags: Map<string, string[]>, keys: string[]): Sourced | undefined {
  for (const key of keys) {
    for (const content of tags.get(key) ?? []) {
      const value = nonEmpty(content);
      if (value) return { value, from: describeMeta(key) };
    }
  }
  return undefined;
}

function firstMetaDate(tags: Map<string, string[]>, keys: string[]): Sourced | undefined {
  for (const key of keys) {
    for (const content of tags.get(key) ?? []) {
      const value = normalizeDate(content);
      if (value) return { value, from: describeMeta(key) };
    }
  }
  return undefined;
}

const PUBLISHED_META = [
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

const MODIFIED_META = [
  "article:modified_time",
  "og:article:modified_time",
  "og:updated_time",
  "datemodified",
  "article.updated",
  "dcterms.modified",
  "dc.date.modified",
  "last-modified",
];

const AUTHOR_META = [
  "author",
  "article:author",
  "parsely-author",
  "sailthru.author",
  "dc.creator",
  "dcterms.creator",
];

// ---------------------------------------------------------------------------------------------
// Elements

/**
 * The `datetime` of a `<time>` element in the article itself (never in the site's header, whose
 * date is the day the page was fetched): one marked as the publication date first
 * (`itemprop="datePublished"`, `pubdate`, a class with "publish"), then the first in the
 * article's header, then the first in the article.
 */
function timeElementDate(document: Document, kind: "published" | "modified"): Sourced | undefined {
  const marked =
    kind === "published"
      ? [
          '[itemprop="datePublished"]',
          "time[pubdate]",
          'time[class*="publish"]',
          '[class*="publish"] time[datetime]',
          "abbr.published[title]",
        ]
      : ['[itemprop="dateModified"]', 'time[class*="updated"]', 'time[class*="modified"]'];
  for (const selector of marked) {
    for (const element of document.querySelectorAll(selector)) {
      const attribute =
        element.getAttribute("datetime") ??
        element.getAttribute("content") ??
        element.getAttribute("title");
      const value = normalizeDate(attribute ?? "");
      if (value) return { value, from: `<time datetime> (${selector})` };
    }
  }
  if (kind === "modified") return undefined;
  const article = document.querySelector("article");
  if (!article) return undefined;
  for (const selector of ["header time[datetime]", "time[datetime]"]) {
    for (const element of article.querySelectorAll(selector)) {
      const value = normalizeDate(element.getAttribute("datetime") ?? "");
      if (value) return { value, from: "<time datetime> in the article" };
    }
  }
  return undefined;
}

/**
 * The address a browser saved the page from: "Save page as" writes
 * `<!-- saved from url=(0042)https://… -->` at the top, SingleFile `url: https://…` in its comment.
 */
export function savedFromUrl(html: string): string | undefined {
  const head = html.slice(0, 4096);
  const m =
    /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(head) ??
    /<!--\s*Page saved with SingleFile[\s\S]*?\burl:\s*(\S+)/i.exec(head);
  return absoluteHttpUrl(m?.[1], undefined);
}

/** The address in the comment a browser wrote before the page's `<html>` (see savedFromUrl). */
function savedFromComment(document: Document): string | undefined {
  for (const node of document.childNodes) {
    if (node.nodeType === 8) {
      const url = savedFromUrl(`<!--${node.textContent ?? ""}-->`);
      if (url) return url;
    }
  }
  return undefined;
}

/**
 * A title without the site's name: "Harbour bakery doubles exports | The Gazette" → "Harbour bakery
 * doubles exports" when the site is called "The Gazette". A part that is not the site's name is
 * kept: it may be the headline's own.
 */
export function stripSiteName(title: string, siteNames: string[]): string {
  const names = siteNames.map((name) => name.toLowerCase().trim()).filter(Boolean);
  if (names.length === 0) return title;
  const separators = /\s+[|\-–—:·•»]\s+/;
  const parts = title.split(separators);
  if (parts.length < 2) return title;
  const last = parts[parts.length - 1]!.toLowerCase().trim();
  if (names.includes(last)) {
    const m = [...title.matchAll(new RegExp(separators.source, "g"))].pop()!;
    return title.slice(0, m.index).trim();
  }
  const first = parts[0]!.toLowerCase().trim();
  if (names.includes(first)) {
    const m = separators.exec(title)!;
    return title.slice(m.index + m[0].length).trim();
  }
  return title;
}

// ---------------------------------------------------------------------------------------------

/** The site's name: `og:site_name`, else `application-name`, else a JSON-LD WebSite's name. */
function siteNameOf(tags: Map<string, string[]>, data: StructuredData): string | undefined {
  const meta = firstMeta(tags, ["og:site_name", "application-name"]);
  if (meta) return meta.value;
  const site = data.nodes.find((node) => typesOf(node).includes("WebSite"));
  return site ? textOf(site.name) : undefined;
}

/**
 * A headline from structured data is sometimes cut to 110 characters ("…"); the full one from
 * `og:title` is then better.
 */
function fullerTitle(headline: Sourced | undefined, og: Sourced | undefined): Sourced | undefined {
  if (!headline) return og;
  const stem = /(?:…|\.\.\.)$/.exec(headline.value)
    ? headline.value.replace(/(?:…|\.\.\.)$/, "").trim()
    : undefined;
  if (stem && og && og.value.startsWith(stem) && og.value.length > stem.length) return og;
  return headline;
}

function titleOf(
  document: Document,
  tags: Map<string, string[]>,
  article: JsonObject | undefined,
  siteNames: string[],
): Sourced | undefined {
  const strip = (found: Sourced | undefined) =>
    found && { value: stripSiteName(found.value, siteNames), from: found.from };
  const headline = article && textOf(article.headline ?? article.name);
  const fromData = headline ? { value: headline, from: "JSON-LD headline" } : undefined;
  const og = strip(firstMeta(tags, ["og:title"]));
  const chosen =
    fullerTitle(strip(fromData), og) ??
    strip(
      firstMeta(tags, ["twitter:title", "title", "headline", "parsely-title", "sailthru.title"]),
    );
  if (chosen?.value) return chosen;
  const element = nonEmpty(document.querySelector("title")?.textContent);
  return element ? strip({ value: element, from: "<title>" }) : undefined;
}

function canonicalOf(
  document: Document,
  tags: Map<string, string[]>,
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

function metaImages(tags: Map<string, string[]>, base: string | undefined): MetadataImage[] {
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
      firstMetaDate(tags, PUBLISHED_META) ??
      timeElementDate(document, "published"),
    modified:
      dataDate(data, article, "dateModified") ??
      firstMetaDate(tags, MODIFIED_META) ??
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
