import { datedByDateline, findCaptionDate, findDateline, isoDay } from "./find-date.ts";
import type { Importer } from "./importer.ts";
import { quote } from "./quote.ts";
import { isBlank, numberedLines, type NumberedLine } from "./text-lines.ts";
import { emptyTerms, type ParsedInput, type Story, type StoryImage } from "./types.ts";

/** A separator between stories: a line of nothing but non-breaking spaces (and spaces). */
const SEPARATOR = /^[ \t]*\u00a0[\u00a0 \t]*$/;
/** The image-credit marker the scraper leaves after a photo's caption. */
const IMAGE_CREDIT_MARKER = "TT";
/** A trailing agency credit in a caption: "… 13 November 2024. (EPA)". One letter, as in "(L)", is not one. */
const TRAILING_CREDIT = /\s*\(([A-Z][A-Za-z0-9.&/' -]*[A-Za-z0-9.])\)\s*$/;

/** Looks like a scraped dump: separator lines or an image-credit marker line. */
export function looksLikeSeedDump(text: string): boolean {
  return numberedLines(text).some(
    ({ text: line }) => SEPARATOR.test(line) || line.trim() === IMAGE_CREDIT_MARKER,
  );
}

/** Splits a caption's trailing "(EPA)" off as the photo credit. */
export function splitCaptionCredit(caption: string): StoryImage {
  const credit = TRAILING_CREDIT.exec(caption);
  if (!credit) return { caption };
  return { caption: caption.slice(0, credit.index).trimEnd(), credit: credit[1]! };
}

function parseStory(lines: NumberedLine[], file: string): Story | string {
  const texts = lines.map((l) => l.text.trim());
  const title = texts[0]!;
  const count = new Map<string, number>();
  for (const text of texts) count.set(text, (count.get(text) ?? 0) + 1);

  // The scraper repeats the title and the caption block before the body; a caption is a line
  // that repeats, or one that stands just before the image-credit marker.
  const captions: string[] = [];
  let i = 1;
  for (; i < texts.length; i++) {
    const text = texts[i]!;
    if (text === title || text === IMAGE_CREDIT_MARKER) continue;
    if ((count.get(text) ?? 0) > 1 || texts[i + 1] === IMAGE_CREDIT_MARKER) {
      if (!captions.includes(text)) captions.push(text);
      continue;
    }
    break;
  }
  const paragraphs = texts
    .slice(i)
    .filter((text) => text !== title && text !== IMAGE_CREDIT_MARKER && !captions.includes(text));
  if (paragraphs.length === 0) {
    return `the story ${quote(title)} has a title but no paragraphs: add its text, or remove it from the dump.`;
  }
  const images = captions.map(splitCaptionCredit);
  return {
    file,
    line: lines[0]!.line,
    title,
    ...storyDate(lines, paragraphs[0]!, captions),
    paragraphs,
    images,
    terms: emptyTerms(),
  };
}

/**
 * A dump's story is dated by a dateline opening its text, else by the day its agency photo was
 * taken, which the caption writes at its end ("…, Brussels, Belgium, 13 November 2024."). The
 * title and the running text are not read for dates.
 */
function storyDate(
  lines: NumberedLine[],
  opening: string,
  captions: string[],
): Pick<Story, "date" | "dateSource" | "dateLine" | "dayWithoutYear"> {
  const lineOf = (text: string) => lines.find((l) => l.text.trim() === text)?.line;
  const dateline = findDateline(opening);
  if (dateline) return datedByDateline(dateline, lineOf(opening));
  for (const caption of captions) {
    const day = findCaptionDate(splitCaptionCredit(caption).caption);
    if (day) return { date: isoDay(day), dateSource: "caption", dateLine: lineOf(caption) };
  }
  return {};
}

/**
 * Reads a scraped dump of several stories. Stories are split at separator lines; within a
 * story the first line is the title, repeated title and caption lines are collapsed, the
 * image-credit marker is dropped, and every other non-blank line is a paragraph, word for word,
 * whether the dump separates paragraphs with blank lines or not.
 */
export function parseSeedDump(text: string, file: string): ParsedInput {
  const result: ParsedInput = { stories: [], skipped: [], problems: [] };
  let chunk: NumberedLine[] = [];
  const flush = () => {
    if (chunk.length > 0) {
      const story = parseStory(chunk, file);
      if (typeof story === "string") {
        result.problems.push({ file, line: chunk[0]!.line, message: story });
      } else {
        result.stories.push(story);
      }
    }
    chunk = [];
  };
  for (const line of numberedLines(text)) {
    if (SEPARATOR.test(line.text)) flush();
    else if (!isBlank(line.text)) chunk.push(line);
  }
  flush();
  if (result.stories.length === 0 && result.problems.length === 0) {
    result.problems.push({ file, message: "holds no story: the file is empty." });
  }
  return result;
}

/** Scraped dumps: several stories in one text file, between separator lines. */
export const seedImporter: Importer<"seed"> = {
  format: "seed",
  expected: "a scraped dump",
  files: { pattern: /\.txt$/i, named: ".txt" },
  detect: { shaped: looksLikeSeedDump },
  parse: (file) => parseSeedDump(file.text(), file.display),
};
