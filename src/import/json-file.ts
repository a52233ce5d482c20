import { existsSync, readFileSync } from "node:fs";
import { writeFileAtomic } from "../files/atomic-write.ts";

type JsonEntry = Record<string, string | string[] | undefined>;

const PRINT_WIDTH = 100;

/**
 * One object of a JSON list, laid out the way Prettier lays it out (an object per entry, a short
 * list of strings on one line), so that appending to a formatted registry keeps it formatted.
 */
export function formatJsonEntry(entry: JsonEntry): string {
  const fields = Object.entries(entry).flatMap(([key, value]) => {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) return [];
    const name = `    ${JSON.stringify(key)}: `;
    if (!Array.isArray(value)) return [`${name}${JSON.stringify(value)}`];
    const inline = `${name}[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
    if (inline.length + 1 <= PRINT_WIDTH) return [inline];
    return [`${name}[\n${value.map((v) => `      ${JSON.stringify(v)}`).join(",\n")}\n    ]`];
  });
  return `  {\n${fields.join(",\n")}\n  }`;
}

export function formatJsonList(entries: readonly JsonEntry[]): string {
  return entries.length ? `[\n${entries.map(formatJsonEntry).join(",\n")}\n]\n` : "[]\n";
}

/** Reads a JSON file that holds a list; a missing file is an empty list. */
export function readJsonList(file: string): { text: string; list: unknown[] } {
  if (!existsSync(file)) return { text: "", list: [] };
  const text = readFileSync(file, "utf8");
  const list: unknown = JSON.parse(text);
  if (!Array.isArray(list)) throw new Error(`${file} is not a JSON list`);
  return { text, list };
}

/**
 * Appends entries to a JSON list file without rewriting the entries already there, so that
 * hand-made formatting and order survive an import.
 */
export function appendToJsonList(file: string, entries: readonly JsonEntry[]): void {
  if (entries.length === 0) return;
  const { text, list } = readJsonList(file);
  if (list.length === 0) {
    writeFileAtomic(file, formatJsonList(entries));
    return;
  }
  // Valid JSON holding a non-empty list ends with its closing bracket.
  const trimmed = text.trimEnd();
  const before = trimmed.slice(0, trimmed.lastIndexOf("]")).trimEnd();
  writeFileAtomic(file, `${before},\n${entries.map(formatJsonEntry).join(",\n")}\n]\n`);
}
