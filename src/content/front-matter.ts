import yaml from "js-yaml";
import { LineCounter, parseDocument, isCollection, isNode, isScalar, visit } from "yaml";
import { ContentError } from "../errors/content-errors.ts";

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
    throw new ContentError(
      file,
      "expected front matter between `---` lines at the top of the file.",
      {
        line: 1,
      },
    );
  }
  const rest = source.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) {
    throw new ContentError(
      file,
      "the front matter has no closing `---` line: add one after the last field.",
      {
        line: 1,
      },
    );
  }
  const yamlText = rest.slice(0, closing.index);
  const body = rest.slice(closing.index + closing[0].length).replace(/^\r?\n/, "");
  // js-yaml reads front matter several times faster than `yaml`; its core schema keeps
  // timestamps as strings. `yaml`'s document model is built only to point an error at a line.
  let data: unknown;
  try {
    data = yaml.load(yamlText, { schema: yaml.CORE_SCHEMA, filename: file }) ?? {};
  } catch (error) {
    const mark = (error as { mark?: { line: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error as Error).message;
    const line = openingLine(yamlText) ?? (mark ? mark.line + 1 : undefined);
    throw new ContentError(
      file,
      `the front matter is not valid YAML (${reason}). Check quoting and indentation; text with a colon needs quotes.`,
      { line: line === undefined ? undefined : line + 1, cause: error },
    );
  }
  let lineOfPath: ((path: readonly PropertyKey[]) => number | undefined) | undefined;
  return {
    data,
    body,
    lineOf(path) {
      lineOfPath ??= lineFinder(yamlText);
      return lineOfPath(path);
    },
  };
}

const CLOSERS: Record<string, string | undefined> = { '"': '"', "'": "'", "[": "]", "{": "}" };

/**
 * The line (of the YAML text, from 1) where an unclosed quote or bracket opened, when that is the
 * error. js-yaml, like `yaml`, reports such an error where it ran out of text, often the last line.
 * @see https://eemeli.org/yaml/#errors
 */
function openingLine(yamlText: string): number | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter });
  const error = doc.errors[0];
  if (!error) return undefined;
  let start: number | undefined;
  // Nodes are visited outside in, so the last one that holds the error is the innermost.
  visit(doc, {
    Node(_key, node) {
      if (!node.range || node.range[0] > error.pos[0] || error.pos[0] > node.range[2]) return;
      const quoted =
        isScalar(node) && (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE");
      if (!quoted && !(isCollection(node) && node.flow)) return;
      const source = yamlText.slice(node.range[0], node.range[1]).trimEnd();
      const closer = CLOSERS[source.charAt(0)];
      if (closer && (source.length < 2 || !source.endsWith(closer))) start = node.range[0];
    },
  });
  return start === undefined ? undefined : lineCounter.linePos(start).line;
}

/** Maps a field path to the file line its value starts on (line 1 is the opening `---`). */
function lineFinder(yamlText: string): (path: readonly PropertyKey[]) => number | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter });
  const toFileLine = (offset: number) => lineCounter.linePos(offset).line + 1;
  return (path) => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) return toFileLine(node.range[0]);
    }
    return 2;
  };
}
