import { stringify } from "yaml";
import type { FrontMatterData } from "../content/schema.ts";

/** The front matter an import writes: the schema's fields, without the defaults it leaves out. */
export type ImportedFrontMatter = Pick<FrontMatterData, "title"> & {
  date: string;
  dateline?: string;
  byline?: string;
  source?: string;
  topics?: string[];
  people?: string[];
  places?: string[];
  images?: Array<{ caption: string; credit?: string }>;
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

/** An article file: YAML front matter (written by the `yaml` package), a blank line, the paragraphs. */
export function articleMarkdown(front: ImportedFrontMatter, paragraphs: readonly string[]): string {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(front)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    data[key] = value;
  }
  // lineWidth 0: long captions stay on one line instead of being folded.
  const yaml = stringify(data, { lineWidth: 0 });
  return `---\n${yaml}---\n\n${paragraphs.map(escapeMarkdown).join("\n\n")}\n`;
}
