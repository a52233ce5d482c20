import { parseHTML } from "linkedom";
import { DateTime } from "luxon";
import { quote } from "../quote.ts";
import { emptyTerms, type ParsedInput, type SourceTerm, type Story } from "../types.ts";
import { decodePage } from "./decode-page.ts";
import { extractBody, type ExtractedBody } from "./extract-body.ts";
import { readFigures } from "./figures.ts";
import { cleanText } from "./metadata-text.ts";
import type { PageMetadata } from "./metadata-types.ts";
import { normalizeDate } from "./normalize-date.ts";
import { readPageMetadata } from "./page-metadata.ts";
import { savedFromUrl } from "./saved-from.ts";
import { elementStats, notAnArticle } from "./not-an-article.ts";
import { htmlToMarkdown } from "./to-markdown.ts";

/** A keyword longer than this is a sentence, not a topic. */
const MAX_TERM_LENGTH = 60;

export interface HtmlPageOptions {
  /** The page's file on disk: photo files saved beside it are looked for from here. */
  path: string;
}

/** Text compared loosely: case, quotes, dashes and white space do not count. */
function comparable(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’‛′`]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/[‐‑‒–—―]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/** The text of the body's first paragraph (or its start, when it has no `<p>`). */
function firstParagraph(bodyHtml: string): string {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${bodyHtml}</body></html>`);
  const paragraphs = [...document.querySelectorAll("p")]
    .map((p) => cleanText(p.textContent ?? ""))
    .filter(Boolean);
  return paragraphs[0] ?? cleanText(document.body.textContent ?? "");
}

/**
 * The page's description as the story's dek, unless it only repeats the headline or the start of
 * the first paragraph (many sites fill the description with the opening words, cut short).
 */
export function dekFrom(
  description: string | undefined,
  title: string,
  bodyHtml: string,
): string | undefined {
  if (!description) return undefined;
  const dek = comparable(description)
    .replace(/(?:\.\.\.|…)$/, "")
    .trim();
  if (!dek || dek === comparable(title)) return undefined;
  const opening = comparable(firstParagraph(bodyHtml));
  return opening.startsWith(dek) ? undefined : description;
}

function instant(date: string): DateTime {
  // A day alone is compared as its start in UTC; only a later day counts as an update then.
  return DateTime.fromISO(date, { zone: "UTC", setZone: true });
}

/** `modified` when it is a later moment than `published`; an unchanged date is no update. */
export function laterUpdate(
  published: string | undefined,
  modified: string | undefined,
): string | undefined {
  if (!modified || modified === published) return undefined;
  if (!published) return modified;
  const a = instant(published);
  const b = instant(modified);
  if (!a.isValid || !b.isValid) return undefined;
  // A day without a time is later only when it is a later day.
  if (modified.length === 10 || published.length === 10) {
    return b.toISODate()! > a.toISODate()! ? modified : undefined;
  }
  return b.toMillis() > a.toMillis() ? modified : undefined;
}

/** Topics named by the page: its sections, keywords and `article:tag`s, once each. */
export function pageTopics(metadata: PageMetadata): SourceTerm[] {
  const seen = new Set<string>();
  const topics: SourceTerm[] = [];
  for (const raw of [...metadata.sections, ...metadata.keywords, ...metadata.tags]) {
    const name = raw.replace(/\s+/g, " ").trim();
    const key = name.toLowerCase();
    if (!name || name.length > MAX_TERM_LENGTH || seen.has(key)) continue;
    seen.add(key);
    topics.push({ name, ifKnown: true });
  }
  return topics;
}

/** The site that published the page: its publisher, its name, or its address's host. */
function sourceOf(
  metadata: PageMetadata,
  extracted: ExtractedBody | undefined,
  address: string | undefined,
) {
  const named = metadata.publisher ?? metadata.siteName ?? extracted?.siteName;
  if (named) return named;
  if (!address) return undefined;
  try {
    return new URL(address).hostname.replace(/^www\./, "") || undefined;
  } catch {
    return undefined;
  }
}

/** The publication date from metadata, else the one the extraction found in the page's metadata. */
function publishedDate(
  metadata: PageMetadata,
  extracted: ExtractedBody | undefined,
): string | undefined {
  if (metadata.published) return metadata.published.value;
  return extracted?.publishedTime ? normalizeDate(extracted.publishedTime) : undefined;
}

const MONTH = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b/i;

/** "19 November 2019", "2019-04-10", "1:16pm": a date or time, not a name. */
function isDateOrTime(part: string): boolean {
  if (!/\d/.test(part)) return false;
  return (
    MONTH.test(part) ||
    /^\d{4}-\d{2}-\d{2}/.test(part) ||
    /^[\d\s:./-]+(?:[ap]\.?m\.?)?$/i.test(part)
  );
}

/**
 * The byline as a name: "By " dropped, and a date or time that the page printed beside the name
 * ("Jane Doe - 2019-04-10", "19 November 2019 • 1:16pm") left out.
 */
export function cleanByline(byline: string | undefined): string | undefined {
  if (!byline) return undefined;
  const parts = cleanText(byline)
    .split(/\s+[|•·–—-]\s+/)
    .map((part) => part.replace(/^by\s+/i, "").trim())
    .filter((part) => part && !isDateOrTime(part));
  const text = parts.join(" - ");
  return text && text.length <= 120 ? text : undefined;
}

/**
 * The body without its photos, which are figures of their own now: `<figure>` elements and
 * WordPress's `div.wp-caption` (an image and its caption text in a plain `<div>`), so that a
 * caption is not also a paragraph of the story.
 */
function withoutPhotos(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const element of [...document.querySelectorAll("figure, .wp-caption, picture, img")])
    element.remove();
  return document.body.innerHTML;
}

function addTallies(into: Record<string, number>, from: Record<string, number>): void {
  for (const [key, value] of Object.entries(from)) into[key] = (into[key] ?? 0) + value;
}

/**
 * Reads one saved web page (`.html`, `.htm`, `.html.gz`) as one story: its metadata first (the
 * extraction changes the document), then the article body, its figures and its Markdown. A page
 * that is not an article (a section front, an error page, a gallery) is skipped with the reason;
 * a page without a title is a problem. Dates come from the page's metadata only: an undated page
 * is left undated, for `--date` to fill in.
 */
export function parseHtmlPage(
  bytes: Uint8Array,
  display: string,
  options: HtmlPageOptions,
): ParsedInput {
  const result: ParsedInput = { stories: [], skipped: [], problems: [], tallies: {} };
  const decoded = decodePage(bytes);
  if (!decoded.ok) {
    result.problems.push({ file: display, message: decoded.problem });
    return result;
  }
  const { document } = parseHTML(decoded.text);
  // Text without a single tag gives a document without an <html> element, which linkedom cannot
  // read further (its `head` and `body` throw).
  if (!document.documentElement) {
    result.problems.push({
      file: display,
      line: 1,
      message:
        "is not a web page: it holds no HTML element. If it is a plain-text story, import it with --format text.",
    });
    return result;
  }
  const pageUrl = savedFromUrl(decoded.text);
  const metadata = readPageMetadata(document, pageUrl);
  if (metadata.unreadableJsonLd > 0) {
    addTallies(result.tallies!, {
      "structured data blocks (JSON-LD) that are not JSON, ignored": metadata.unreadableJsonLd,
    });
  }
  const baseUrl = metadata.canonical ?? pageUrl;
  const documentTitle = cleanText(document.querySelector("title")?.textContent ?? "") || undefined;
  const pageStats = document.body ? elementStats(document.body) : undefined;
  const extracted = extractBody(document, { url: baseUrl });
  const title = metadata.title?.value ?? extracted?.title;

  const reason = notAnArticle({
    metadata,
    bodyHtml: extracted?.html,
    pageStats,
    title: documentTitle ?? title,
    url: baseUrl,
  });
  if (reason) {
    result.skipped.push({ file: display, line: 1, ...(title ? { title } : {}), reason });
    return result;
  }
  if (!title) {
    result.problems.push({
      file: display,
      line: 1,
      message:
        "has no title: the page has no <title>, og:title or headline in its structured data. Add a <title> to the page and import it again.",
    });
    return result;
  }
  const body = extracted!;
  const figures = readFigures(body.html, {
    leadImage: metadata.images[0],
    pageFile: options.path,
    baseUrl,
  });
  addTallies(result.tallies!, figures.tallies);
  const markdown = htmlToMarkdown(withoutPhotos(body.html), { baseUrl });
  if (!markdown.trim()) {
    result.problems.push({
      file: display,
      line: 1,
      message: `the page ${quote(title)} has a title but no text the import could read.`,
    });
    return result;
  }
  const date = publishedDate(metadata, extracted);
  const terms = emptyTerms();
  terms.topics.push(...pageTopics(metadata));
  const byline = cleanByline(metadata.byline ?? extracted?.byline);
  const dek = dekFrom(metadata.description ?? extracted?.excerpt, title, body.html);
  const updated = laterUpdate(date, metadata.modified?.value);
  const source = sourceOf(metadata, extracted, metadata.canonical ?? pageUrl);
  const story: Story = {
    ...(metadata.canonical ? { sourceId: metadata.canonical } : {}),
    file: display,
    line: 1,
    title,
    ...(date ? { date, dateSource: "metadata" as const } : {}),
    ...(metadata.dateline ? { dateline: metadata.dateline } : {}),
    ...(byline ? { byline } : {}),
    ...(source ? { source } : {}),
    paragraphs: [],
    markdown,
    ...(dek ? { dek } : {}),
    ...(updated ? { updated } : {}),
    ...(metadata.canonical ? { canonical: metadata.canonical } : {}),
    images: figures.images,
    terms,
  };
  result.stories.push(story);
  return result;
}
