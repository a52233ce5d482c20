import { datedByDateline, findDateline, findDateLine, isoDay } from "./find-date.ts";
import type { Importer } from "./importer.ts";
import { quote } from "./quote.ts";
import { isBlank, numberedLines, type NumberedLine } from "./text-lines.ts";
import { emptyTerms, type ParsedInput, type Story } from "./types.ts";

type StoryDate = Pick<Story, "date" | "dateSource" | "dateLine" | "dayWithoutYear">;

/**
 * The date of a plain-text story from where one stands: a line of its own at the top (before or
 * just under the title), else a dateline opening the text. A date in the running text is about
 * something else: an obituary's "born on 5 April 1920" is not the day it was published.
 */
function storyDate(
  head: NumberedLine | undefined,
  firstBodyLine: NumberedLine | undefined,
): StoryDate {
  const onItsOwn = head && findDateLine(head.text);
  if (onItsOwn) return { date: isoDay(onItsOwn), dateSource: "first-line", dateLine: head.line };
  const dateline = firstBodyLine && findDateline(firstBodyLine.text);
  return dateline ? datedByDateline(dateline, firstBodyLine.line) : {};
}

/**
 * Reads one story from a plain-text file: the first non-blank line is the title, the rest is
 * the body. When the body has blank lines, they separate paragraphs and the lines between them
 * are joined (hard-wrapped text); without blank lines, every line is a paragraph. A line that
 * holds only a date, before or under the title, is the story's date and not part of its text.
 */
export function parsePlainText(
  text: string,
  file: string,
  options: { topic?: string } = {},
): ParsedInput {
  const lines = numberedLines(text);
  const nonBlank = lines.filter((l) => !isBlank(l.text));
  if (nonBlank.length === 0) {
    return {
      stories: [],
      skipped: [],
      problems: [{ file, message: "is empty: expected a title on the first line, then the text." }],
    };
  }
  // A date on its own line stands before the title or just under it.
  let titleLine = nonBlank[0]!;
  let head: NumberedLine | undefined;
  if (findDateLine(titleLine.text) && nonBlank[1]) {
    head = titleLine;
    titleLine = nonBlank[1];
  } else if (nonBlank[1] && findDateLine(nonBlank[1].text)) {
    head = nonBlank[1];
  }
  const bodyLines = lines.filter((l) => l.line > titleLine.line && l !== head);
  const body = bodyLines.map((l) => l.text.trim());
  while (body.length && !body[0]) {
    body.shift();
    bodyLines.shift();
  }
  while (body.length && !body[body.length - 1]) body.pop();

  const paragraphs: string[] = [];
  if (body.some((line) => !line)) {
    let current: string[] = [];
    for (const line of [...body, ""]) {
      if (line) current.push(line);
      else if (current.length) {
        paragraphs.push(current.join(" "));
        current = [];
      }
    }
  } else {
    paragraphs.push(...body);
  }

  const title = titleLine.text.trim();
  if (paragraphs.length === 0) {
    return {
      stories: [],
      skipped: [],
      problems: [
        {
          file,
          line: titleLine.line,
          message: `the story ${quote(title)} has a title but no paragraphs: add its text below the title.`,
        },
      ],
    };
  }
  const terms = emptyTerms();
  if (options.topic) terms.topics.push({ name: options.topic });
  // The dateline opens the first paragraph; its first line is enough to read it.
  const opening = bodyLines[0] && { line: bodyLines[0].line, text: paragraphs[0]! };
  return {
    stories: [
      {
        file,
        line: titleLine.line,
        title,
        ...storyDate(head, opening),
        paragraphs,
        images: [],
        terms,
      },
    ],
    skipped: [],
    problems: [],
  };
}

/** Plain-text stories, one a file; a story in a sub-folder takes the folder as its topic. */
export const textImporter: Importer<"text"> = {
  format: "text",
  expected: "a plain-text story (.txt)",
  files: { pattern: /\.txt$/i, named: ".txt" },
  detect: { otherwise: /\.txt$/i },
  parse: (file) => parsePlainText(file.text(), file.display, { topic: file.topic }),
};
