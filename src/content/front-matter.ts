import { LineCounter, parseDocument, isNode, type Document } from "yaml";
import { ContentError } from "./errors.ts";

export interface FrontMatter {
  /** The parsed YAML, plain JavaScript values. */
  data: unknown;
  /** The Markdown after the closing `---`. */
  body: string;
  /** The line of the file on which a field's value starts, for error messages. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^---[ \t]*$/m;

/**
 * Splits a Markdown file into YAML front matter and body. YAML timestamps stay strings (YAML 1.2
 * core schema) so that dates are read by luxon in the site's time zone, not by `new Date`.
 */
export function parseFrontMatter(source: string, file: string): FrontMatter {
  const opening = OPENING.exec(source);
  if (!opening) {
    throw new ContentError(file, "expected front matter between `---` lines at the top of the file.", {
      line: 1,
    });
  }
  const rest = source.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) {
    throw new ContentError(file, "the front matter has no closing `---` line: add one after the last field.", {
      line: 1,
    });
  }
  const yamlText = rest.slice(0, closing.index);
  const body = rest.slice(closing.index + closing[0].length).replace(/^\r?\n/, "");
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  // Line 1 is the opening `---`, so YAML line n is file line n + 1.
  const toFileLine = (offset: number) => lineCounter.linePos(offset).line + 1;
  const problem = doc.errors[0];
  if (problem) {
    throw new ContentError(
      file,
      `the front matter is not valid YAML (${problem.message.split("\n")[0]}). Check quoting and indentation; text with a colon needs quotes.`,
      { line: toFileLine(problem.pos[0]), cause: problem },
    );
  }
  const data = doc.toJS() ?? {};
  return {
    data,
    body,
    lineOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = path.length === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
        if (isNode(node) && node.range) return toFileLine(node.range[0]);
      }
      return 2;
    },
  };
}
