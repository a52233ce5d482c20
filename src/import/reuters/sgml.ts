import { DateTime } from "luxon";
import { decodeEntities } from "../entities.ts";
import { quote } from "../quote.ts";
import { reutersPerson, reutersPlace, reutersTopic } from "./names.ts";
import type { SourceCitation } from "../sources.ts";
import { emptyTerms, type ParsedInput, type RegistryAddition, type Story } from "../types.ts";

export const REUTERS_SOURCE_ID = "reuters-21578";

/**
 * The collection as its README (sections II–IV) asks to be cited: by the name "Reuters-21578,
 * Distribution 1.0", with its copyright terms, acknowledgement and location, in its own words.
 */
export const REUTERS_SOURCE: SourceCitation = {
  id: REUTERS_SOURCE_ID,
  name: "Reuters-21578, Distribution 1.0",
  citation: [
    "Reuters-21578, Distribution 1.0.",
    "The copyright for the text of newswire articles and Reuters annotations in the Reuters-21578 collection resides with Reuters Ltd.",
    "Reuters Ltd. and Carnegie Group, Inc. have agreed to allow the free distribution of this data for research purposes only.",
    "The documents in the Reuters-21578 collection appeared on the Reuters newswire in 1987.",
    "The documents were assembled and indexed with categories by personnel from Reuters Ltd. (Sam Dobbins, Mike Topliss, Steve Weinstein) and Carnegie Group, Inc. (Peggy Andersen, Monica Cellio, Phil Hayes, Laura Knecht, Irene Nirenburg) in 1987.",
    "The Reuters-21578, Distribution 1.0 test collection is available from David D. Lewis' professional home page, currently: http://www.research.att.com/~lewis",
  ].join(" "),
};

const MONTHS: Record<string, number> = {
  JAN: 1,
  FEB: 2,
  MAR: 3,
  APR: 4,
  MAY: 5,
  JUN: 6,
  JUL: 7,
  AUG: 8,
  SEP: 9,
  OCT: 10,
  NOV: 11,
  DEC: 12,
};

/** Looks like Reuters-21578 SGML: the lewis DTD or a REUTERS element. */
export function looksLikeReutersSgml(text: string): boolean {
  const start = text.slice(0, 2000);
  return /<!DOCTYPE lewis/i.test(start) || /<REUTERS[\s>]/.test(start);
}

/**
 * Decodes the entities the collection uses (`&lt;`, `&amp;`, numeric references) and drops
 * control characters, which are wire-service markers such as `&#3;` (end of text), not text.
 */
export function decodeSgmlText(text: string): string {
  return (
    decodeEntities(text, { dropControls: true })
      // A literal "^M" is how the collection kept a carriage return inside a line.
      .replace(/\^M/g, "")
      .replace(/\p{Cc}/gu, (c) => (c === "\n" || c === "\r" || c === "\t" ? c : ""))
  );
}

/**
 * `26-FEB-1987 15:01:01.79` (with noise after it) as an ISO date-time in UTC. A garbled time
 * ("605:12:19.12" occurs once) leaves the day alone, `1987-03-31`, rather than losing the story.
 */
export function parseReutersDate(text: string): string | undefined {
  const m = /(\d{1,2})-([A-Z]{3})-(\d{4})(?:\s+(\d+):(\d+):(\d+)(?:\.(\d{1,3}))?)?/.exec(text);
  if (!m) return undefined;
  const day = { year: Number(m[3]), month: MONTHS[m[2]!], day: Number(m[1]) };
  // The collection gives no time zone; UTC keeps the stated clock time in the ISO string.
  // Without a time (luxon throws on a NaN unit) the day alone is read.
  if (m[4] !== undefined) {
    const date = DateTime.fromObject(
      {
        ...day,
        hour: Number(m[4]),
        minute: Number(m[5]),
        second: Number(m[6]),
        millisecond: m[7] ? Number(m[7].padEnd(3, "0")) : 0,
      },
      { zone: "UTC" },
    );
    if (date.isValid) return date.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZ");
  }
  const dayOnly = DateTime.fromObject(day, { zone: "UTC" });
  return dayOnly.isValid ? dayOnly.toISODate()! : undefined;
}

/** "FORT LAUDERDALE, Fla." → "Fort Lauderdale, Fla.": wire capitals in title case, abbreviations kept. */
export function readablePlaceName(text: string): string {
  return text.replace(/\b[A-Z][A-Z']+\b/g, (word) => word[0] + word.slice(1).toLowerCase());
}

/** "    COMMACK, N.Y., Feb 26 - " → "Commack, N.Y." */
export function parseDateline(text: string): string | undefined {
  const place = text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/,?\s*\b[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*-?\s*$/, "")
    .replace(/\s*-\s*$/, "")
    .trim();
  return place ? readablePlaceName(place) : undefined;
}

/** The signature on the last line of a story: "Reuter", "REUTER", "Reuter...", alone or after the text. */
const SIGNATURE = /(^|\s)reuter\b\W*$/i;

/**
 * The body's paragraphs. Lines are hard-wrapped at about 65 characters and a paragraph starts on
 * a line indented with spaces (a blank line also ends one), so lines are joined until the next
 * indented or blank line. The trailing "Reuter" signature is not body text.
 */
export function reutersParagraphs(body: string): string[] {
  const lines = decodeSgmlText(body).split(/\r\n|\r|\n/);
  while (lines.length && !lines[lines.length - 1]!.trim()) lines.pop();
  const last = lines.length - 1;
  if (last >= 0) {
    const m = SIGNATURE.exec(lines[last]!);
    if (m) lines[last] = lines[last]!.slice(0, m.index);
  }
  const paragraphs: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) paragraphs.push(current.join(" "));
    current = [];
  };
  for (const line of lines) {
    const text = line.trim();
    if (!text) {
      flush();
      continue;
    }
    if (/^\s/.test(line)) flush();
    current.push(text);
  }
  flush();
  return paragraphs;
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < end; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

const openingTags = new Map<string, RegExp>();

/** The content of the first `<name …>…</name>` in `doc`; SGML here has no nesting of one name. */
function element(doc: string, name: string): string | undefined {
  let tag = openingTags.get(name);
  if (!tag) {
    tag = new RegExp(`<${name}(?:\\s[^>]*)?>`);
    openingTags.set(name, tag);
  }
  const open = tag.exec(doc);
  if (!open) return undefined;
  const contentStart = open.index + open[0].length;
  const close = doc.indexOf(`</${name}>`, contentStart);
  return close < 0 ? undefined : doc.slice(contentStart, close);
}

function codes(doc: string, name: string): string[] {
  const list = element(doc, name) ?? "";
  return [...list.matchAll(/<D>([^<]*)<\/D>/g)].map((m) => m[1]!.trim()).filter(Boolean);
}

function terms(list: string[], toEntry: (code: string) => RegistryAddition) {
  return list.map((code) => {
    const addition = toEntry(code);
    return { name: addition.name, addition };
  });
}

export interface ReutersParseOptions {
  /** Stop after this many stories with a body (the first ones in file order). */
  limit?: number;
}

/**
 * Reads one reut2-*.sgm file (already decoded as latin-1). Every story with a BODY becomes a
 * Story with its date, dateline, byline, title, paragraphs, and topics, places and people from
 * its category tags; stories without a body (TYPE="BRIEF" or "UNPROC") are skipped. A story that
 * cannot be read is reported with its line and the rest of the file is still read.
 */
export function parseReutersSgml(
  text: string,
  file: string,
  options: ReutersParseOptions = {},
): ParsedInput {
  const result: ParsedInput = { stories: [], skipped: [], problems: [] };
  let line = 1;
  let counted = 0;
  const lineAt = (index: number) => {
    for (let i = counted; i < index; i++) if (text.charCodeAt(i) === 10) line++;
    counted = Math.max(counted, index);
    return line;
  };
  const opening = /<REUTERS\b([^>]*)>/g;
  let match = opening.exec(text);
  if (!match) {
    result.problems.push({
      file,
      message:
        "holds no <REUTERS> element: expected Reuters-21578 SGML (reut2-*.sgm), or give another --format.",
    });
  }
  while (match) {
    if (options.limit !== undefined && result.stories.length >= options.limit) break;
    const start = match.index;
    const startLine = lineAt(start);
    const next = opening.exec(text);
    const end = text.indexOf("</REUTERS>", start);
    if (end < 0 || (next && end > next.index)) {
      result.problems.push({
        file,
        line: startLine,
        message: `the <REUTERS> element that starts here is not closed: expected </REUTERS> before ${next ? "the next <REUTERS>" : "the end of the file"}.`,
      });
      match = next;
      continue;
    }
    const doc = text.slice(start, end);
    const newId = /\bNEWID="(\d+)"/.exec(match[1]!)?.[1];
    const rawTitle = element(doc, "TITLE");
    const title = rawTitle ? decodeSgmlText(rawTitle).replace(/\s+/g, " ").trim() : undefined;
    const fail = (message: string) =>
      result.problems.push({
        file,
        line: startLine,
        message: `${title ? `${quote(title)}: ` : ""}${message}`,
      });
    const textElement = element(doc, "TEXT");
    const body = textElement === undefined ? undefined : element(textElement, "BODY");
    if (!newId) fail('the <REUTERS> tag has no NEWID="…" attribute.');
    else if (textElement === undefined) fail("has no <TEXT>…</TEXT> element.");
    else if (body === undefined || !body.trim()) {
      result.skipped.push({
        file,
        line: startLine,
        title,
        reason: "no body (a brief or unprocessed story)",
      });
    } else {
      const date = parseReutersDate(element(doc, "DATE") ?? "");
      const paragraphs = reutersParagraphs(body);
      if (!date) fail("has no <DATE> such as 26-FEB-1987 15:01:01.79.");
      else if (paragraphs.length === 0) fail("has an empty <BODY>.");
      else {
        const dateline = element(textElement, "DATELINE");
        const author = element(textElement, "AUTHOR");
        const story: Story = {
          sourceId: `${REUTERS_SOURCE_ID}:${newId}`,
          file,
          line: startLine,
          title: title || paragraphs[0]!.split(" ").slice(0, 10).join(" "),
          date,
          // The collection's own <DATE> metadata: the day it was on the wire, not one in the text.
          dateSource: "metadata",
          dateLine: startLine + countNewlines(doc, doc.indexOf("<DATE>")),
          dateline: dateline ? parseDateline(decodeSgmlText(dateline)) : undefined,
          byline: author
            ? decodeSgmlText(author)
                .replace(/\s+/g, " ")
                .trim()
                .replace(/^by\s+/i, "")
            : undefined,
          source: "Reuters",
          paragraphs,
          images: [],
          terms: {
            ...emptyTerms(),
            topics: terms(codes(doc, "TOPICS"), reutersTopic),
            places: terms(codes(doc, "PLACES"), reutersPlace),
            people: terms(codes(doc, "PEOPLE"), reutersPerson),
          },
        };
        result.stories.push(story);
      }
    }
    match = next;
  }
  return result;
}
