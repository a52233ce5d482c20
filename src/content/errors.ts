/**
 * An error in the archive's input that a person can fix: it names the file (and line or field
 * where known), says what was expected, and how to fix it.
 */
export class ContentError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly field: string | undefined;

  constructor(
    file: string,
    message: string,
    options: { line?: number; field?: string; cause?: unknown } = {},
  ) {
    const where = options.line ? `${file}:${options.line}` : file;
    const field = options.field ? ` ${options.field}:` : "";
    super(`${where}:${field} ${message}`, { cause: options.cause });
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
