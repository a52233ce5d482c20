import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { topicFromFolder } from "./plain-text.ts";
import { looksLikeReutersSgml } from "./reuters-sgml.ts";
import { looksLikeSeedDump } from "./seed-dump.ts";
import type { ImportFormat, InputProblem } from "./types.ts";

/** One file to import. */
export interface InputFile {
  /** The path to read. */
  path: string;
  /** The path as the user gave it (the folder joined with the file), for messages. */
  display: string;
  /** The format given with --format, else detected from the file when it is read. */
  format?: ImportFormat;
  /** For a plain-text story in a sub-folder: the folder as a topic (`business/012.txt` → Business). */
  topic?: string;
}

/**
 * The format of a file from its name and text: Reuters SGML (`.sgm`, the lewis DTD), a scraped
 * dump (separator lines of non-breaking spaces, the `TT` marker) or a plain-text story (`.txt`).
 * Undefined when it is none of these, e.g. a binary file.
 */
export function detectFormat(fileName: string, text: string): ImportFormat | undefined {
  if (looksLikeReutersSgml(text)) return "reuters";
  if (text.includes("\u0000")) return undefined;
  if (looksLikeSeedDump(text)) return "seed";
  if (/\.txt$/i.test(fileName)) return "text";
  return undefined;
}

function walk(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...walk(full));
    else if (entry.isFile()) found.push(full);
  }
  return found.sort();
}

/**
 * The files to import from a file or folder, in a stable order. In a folder, `.sgm` files are
 * read when the format is `reuters` or when the folder holds any (the README and category lists
 * beside them are documentation, not stories); otherwise `.txt` files are.
 */
export function listInputFiles(
  input: string,
  format?: ImportFormat,
): { files: InputFile[]; problems: InputProblem[] } {
  if (!existsSync(input)) {
    return {
      files: [],
      problems: [{ file: input, message: "does not exist: give a file or folder to import." }],
    };
  }
  if (!statSync(input).isDirectory())
    return { files: [{ path: input, display: input, format }], problems: [] };
  const all = walk(input);
  const sgml = all.filter((file) => /\.sgm$/i.test(file));
  const reuters = format === "reuters" || (format === undefined && sgml.length > 0);
  const chosen = reuters ? sgml : all.filter((file) => /\.txt$/i.test(file));
  if (chosen.length === 0) {
    return {
      files: [],
      problems: [
        {
          file: input,
          message: `holds no ${reuters ? ".sgm" : ".txt or .sgm"} files to import.`,
        },
      ],
    };
  }
  return {
    files: chosen.map((file) => {
      const relative = path.relative(input, file);
      const folder = path.dirname(relative);
      return {
        path: file,
        display: path.join(input, relative),
        format,
        topic: folder !== "." ? topicFromFolder(path.basename(folder)) : undefined,
      };
    }),
    problems: [],
  };
}
