import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { topicFromFolder } from "./plain-text.ts";
import { looksLikeReutersSgml } from "./reuters-sgml.ts";
import { looksLikeSeedDump } from "./seed-dump.ts";
import { looksLikeWordpressExport } from "./wordpress/wxr.ts";
import type { ImportFormat, InputProblem, SkippedStory } from "./types.ts";

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
  /** Found in a folder rather than named by the user: an empty or binary one is skipped, not failed. */
  inFolder?: boolean;
}

/** Files that come with a corpus but are not stories: `README.TXT`, `LICENSE`, `COPYING.md`. */
const NOT_A_STORY = /^(?:readme|licen[cs]e|copying)(?:\.[^.]*)?$/i;

/** Why a file found in a folder is not a story, judged by its name; undefined when it may be one. */
export function notAStoryByName(name: string): string | undefined {
  if (name.startsWith(".")) return "hidden (its name starts with a dot): not a story.";
  if (NOT_A_STORY.test(name)) {
    return "documentation that comes with a corpus (README, LICENSE, COPYING): not a story.";
  }
  return undefined;
}

/** Why the bytes of a file found in a folder are not a story; undefined when they may be one. */
export function notAStoryByContent(bytes: Uint8Array): string | undefined {
  if (!bytes.some((byte) => byte > 0x20)) return "empty: not a story.";
  // Git's test for a binary file: a NUL byte among the first 8,000.
  if (bytes.subarray(0, 8000).includes(0)) return "binary (it holds NUL bytes): not a story.";
  return undefined;
}

/** A saved web page by its name: `.html`, `.htm`, `.xhtml`, each maybe gzipped (`.html.gz`). */
export const HTML_FILE = /\.(?:x?html?|shtml)(?:\.gz)?$/i;

/** The start of an HTML document: a doctype or an `<html>` element, after a BOM and comments. */
export function looksLikeHtml(text: string): boolean {
  const head = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .trimStart();
  return /^<!doctype html/i.test(head) || /^<html[\s>]/i.test(head);
}

/**
 * The format of a file from its name and text: Reuters SGML (`.sgm`, the lewis DTD), a WordPress
 * export (WXR: RSS with WordPress's export namespace), a saved web page (`.html`, or a doctype),
 * a scraped dump (separator lines of non-breaking spaces, the `TT` marker) or a plain-text story
 * (`.txt`). Undefined when it is none of these, e.g. a binary file.
 */
export function detectFormat(fileName: string, text: string): ImportFormat | undefined {
  if (looksLikeReutersSgml(text)) return "reuters";
  if (looksLikeWordpressExport(text)) return "wordpress";
  if (HTML_FILE.test(fileName) || looksLikeHtml(text)) return "html";
  if (text.includes("\u0000")) return undefined;
  if (looksLikeSeedDump(text)) return "seed";
  if (/\.txt$/i.test(fileName)) return "text";
  return undefined;
}

/**
 * The folder of files a browser's "Save page as" writes beside `<name>.html`: `<name>_files`.
 * Its pages (saved frames, adverts) are not stories; its photos are read with the page.
 */
function isSavedPageFolder(dir: string, name: string): boolean {
  const match = /^(.+)_files$/.exec(name);
  if (!match) return false;
  const page = match[1]!;
  return [".html", ".htm", ".xhtml", ".shtml"].some(
    (extension) =>
      existsSync(path.join(dir, page + extension)) ||
      existsSync(path.join(dir, `${page + extension}.gz`)),
  );
}

/** Whether a symbolic link leads to a file: a mirror may link its pages rather than copy them. */
function isFileBehindLink(link: string): boolean {
  try {
    return statSync(link).isFile();
  } catch {
    return false;
  }
}

/** The files under `dir`, sorted; hidden files and folders are not entered but reported. */
function walk(dir: string, hidden: string[]): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.name.startsWith(".")) hidden.push(full);
    else if (entry.isDirectory()) {
      if (!isSavedPageFolder(dir, entry.name)) found.push(...walk(full, hidden));
    } else if (entry.isFile() || (entry.isSymbolicLink() && isFileBehindLink(full))) {
      found.push(full);
    }
  }
  return found.sort();
}

/** The files of a folder that `format` reads (any format: stories in text, pages, exports). */
function readsFile(name: string, format: ImportFormat | undefined): boolean {
  if (format === "html") return HTML_FILE.test(name);
  if (format === "wordpress") return /\.xml$/i.test(name);
  if (format === "seed" || format === "text") return /\.txt$/i.test(name);
  return /\.txt$/i.test(name) || HTML_FILE.test(name) || /\.xml$/i.test(name);
}

/**
 * The files to import from a file or folder, in a stable order. In a folder, `.sgm` files are
 * read when the format is `reuters` or when the folder holds any (the README and category lists
 * beside them are documentation, not stories); otherwise `.txt` files, saved pages (`.html`,
 * `.htm`, gzipped or not) and `.xml` exports are, or only those of the format given. The
 * `<name>_files` folder a browser saves beside `<name>.html` is read with that page. Hidden files and
 * folders, and READMEs, licences and COPYING files among those, are skipped with the reason.
 */
export function listInputFiles(
  input: string,
  format?: ImportFormat,
): { files: InputFile[]; problems: InputProblem[]; skipped: SkippedStory[] } {
  if (!existsSync(input)) {
    return {
      files: [],
      problems: [{ file: input, message: "does not exist: give a file or folder to import." }],
      skipped: [],
    };
  }
  if (!statSync(input).isDirectory())
    return { files: [{ path: input, display: input, format }], problems: [], skipped: [] };
  const hidden: string[] = [];
  const all = walk(input, hidden);
  const display = (file: string) => path.join(input, path.relative(input, file));
  const skipped: SkippedStory[] = hidden.map((file) => ({
    file: display(file),
    reason: notAStoryByName(path.basename(file))!,
  }));
  const sgml = all.filter((file) => /\.sgm$/i.test(file));
  const reuters = format === "reuters" || (format === undefined && sgml.length > 0);
  const chosen: string[] = [];
  for (const file of reuters ? sgml : all.filter((name) => readsFile(name, format))) {
    const reason = notAStoryByName(path.basename(file));
    if (reason) skipped.push({ file: display(file), reason });
    else chosen.push(file);
  }
  if (chosen.length === 0) {
    return {
      files: [],
      problems: [
        {
          file: input,
          message: `holds no ${reuters ? ".sgm" : ".txt, .html, .xml or .sgm"} files to import.`,
        },
      ],
      skipped,
    };
  }
  return {
    files: chosen.map((file) => {
      const folder = path.dirname(path.relative(input, file));
      return {
        path: file,
        display: display(file),
        format,
        topic: folder !== "." ? topicFromFolder(path.basename(folder)) : undefined,
        inFolder: true,
      };
    }),
    problems: [],
    skipped,
  };
}
