import { stringify } from "yaml";
import type { FrontMatterData } from "../content/schema.ts";

/** The front matter an import writes: the schema's fields, without the defaults it leaves out. */
export type ImportedFrontMatter = Pick<FrontMatterData, "title"> & {
  date: string;
  updated?: string;
  dek?: string;
  dateline?: string;
  byline?: string;
  source?: string;
  topics?: string[];
  people?: string[];
  places?: string[];
  images?: Array<{ src?: string; alt?: string; caption?: string; credit?: string }>;
  canonical?: string;
};

/**
 * Escapes what Markdown (markdown-it with HTML on) would read as markup, so that a paragraph
 * renders word for word: `<COMPANY>` stays text, `*` and `_` are not emphasis, and a paragraph
 * that starts with "1987. " or "- " is not a list.
 * @see https://spec.commonmark.org/0.31.2/#backslash-escapes
 */
export function escapeMarkdown(paragraph: string): string {
  return paragraph
    .replace(/[\\`*_[\]<~]/g, "\\$&")
    .replace(/&(?=#?\w+;)/g, "\\&")
    .replace(/^([#>+=|-])/, "\\$1")
    .replace(/^(\d+)([.)])(?=\s|$)/, "$1\\$2");
}

/** Drops what is absent: undefined values, empty strings and empty lists, also inside figures. */
function present(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(present);
  if (value && typeof value === "object") {
    const kept: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner === undefined || inner === "" || (Array.isArray(inner) && inner.length === 0))
        continue;
      kept[key] = present(inner);
    }
    return kept;
  }
  return value;
}

/**
 * An article file: YAML front matter (written by the `yaml` package), a blank line, the body:
 * plain paragraphs, escaped so that they render word for word, or a body that is Markdown
 * already (converted from a web page's or a post's HTML), as it is.
 */
export function articleMarkdown(
  front: ImportedFrontMatter,
  body: readonly string[] | { markdown: string },
): string {
  const data = present(front) as Record<string, unknown>;
  // lineWidth 0: long captions stay on one line instead of being folded.
  const yaml = stringify(data, { lineWidth: 0 });
  const text = "markdown" in body ? body.markdown.trim() : body.map(escapeMarkdown).join("\n\n");
  return `---\n${yaml}---\n\n${text}\n`;
}
