/** The most characters of an article's own text that an error message quotes. */
export const MAX_QUOTED = 80;

/**
 * Cuts text quoted from content to `max` characters, ending with "…". Content is untrusted and can
 * be a whole paragraph; a message quotes enough to find it.
 */
export function shortenQuote(text: string, max = MAX_QUOTED): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/** Shortens every "double-quoted" part of a message (values quoted from content) to MAX_QUOTED. */
function shortenQuotedParts(message: string): string {
  return message.replace(/"([^"\n]*)"/g, (_all, quoted: string) => `"${shortenQuote(quoted)}"`);
}

/**
 * An error in the archive's input that a person can fix: it names the file (and line or field
 * where known), says what was expected, and how to fix it.
 */
export class ContentError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly field: string | undefined;
  /** What is wrong and how to fix it, without the file, line and field. */
  readonly detail: string;

  constructor(
    file: string,
    message: string,
    options: { line?: number; field?: string; cause?: unknown } = {},
  ) {
    const where = options.line ? `${file}:${options.line}` : file;
    const field = options.field ? ` ${options.field}:` : "";
    const detail = shortenQuotedParts(message);
    super(`${where}:${field} ${detail}`, { cause: options.cause });
    this.detail = detail;
    this.name = "ContentError";
    this.file = file;
    this.line = options.line;
    this.field = options.field;
  }
}

/** Several content errors found in one pass, reported together so one build shows them all. */
export class ContentErrors extends Error {
  readonly errors: ContentError[];

  constructor(errors: ContentError[]) {
    const count = errors.length === 1 ? "1 problem" : `${errors.length} problems`;
    super(`The archive has ${count}:\n${errors.map((e) => `  - ${e.message}`).join("\n")}`);
    this.name = "ContentErrors";
    this.errors = errors;
  }
}
