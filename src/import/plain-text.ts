import { findDateInText } from "./find-date.ts";
import { quote } from "./quote.ts";
import { isBlank, numberedLines } from "./text-lines.ts";
import { emptyTerms, type ParsedInput } from "./types.ts";

/** "business" → "Business", "world-news" → "World News": a folder name as a topic. */
export function topicFromFolder(folder: string): string {
  return folder
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(" ");
}

/**
 * Reads one story from a plain-text file: the first non-blank line is the title, the rest is
 * the body. When the body has blank lines, they separate paragraphs and the lines between them
 * are joined (hard-wrapped text); without blank lines, every line is a paragraph.
 */
export function parsePlainText(
  text: string,
  file: string,
  options: { topic?: string } = {},
): ParsedInput {
  const lines = numberedLines(text);
  const start = lines.findIndex((l) => !isBlank(l.text));
  if (start < 0) {
    return {
      stories: [],
      skipped: [],
      problems: [{ file, message: "is empty: expected a title on the first line, then the text." }],
    };
  }
  const titleLine = lines[start]!;
  const body = lines.slice(start + 1).map((l) => l.text.trim());
  while (body.length && !body[0]) body.shift();
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
  return {
    stories: [
      {
        file,
        line: titleLine.line,
        title,
        date: [title, ...paragraphs].map(findDateInText).find((date) => date !== undefined),
        paragraphs,
        images: [],
        terms,
      },
    ],
    skipped: [],
    problems: [],
  };
}
