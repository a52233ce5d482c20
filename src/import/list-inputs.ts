import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { Importer } from "./importer.ts";
import { IMPORTERS, importerFor, type ImportFormat } from "./importers.ts";
import { listInWords } from "./list-in-words.ts";
import type { InputProblem, SkippedStory } from "./types.ts";

/** One file to import. */
export interface InputFile {
  /** The path to read. */
  path: string;
  /** The path as the user gave it (the folder joined with the file), for messages. */
  display: string;
  /** The format given with --format, else detected from the file when it is read. */
  format?: ImportFormat;
  /** For a story in a sub-folder: the folder as a topic (`business/012.txt` → Business). */
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

/** "business" → "Business", "world-news" → "World News": a folder name as a topic. */
export function topicFromFolder(folder: string): string {
  return folder
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(" ");
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
      const companion = IMPORTERS.some((importer) => importer.companionFolder?.(dir, entry.name));
      if (!companion) found.push(...walk(full, hidden));
    } else if (entry.isFile() || (entry.isSymbolicLink() && isFileBehindLink(full))) {
      found.push(full);
    }
  }
  return found.sort();
}

/**
 * How a message names the files a folder is searched for: ".txt, .html, .xml or .sgm", the
 * kind that most formats read first, then in the table's order.
 */
function namedFiles(importers: readonly Importer[]): string {
  const readers = new Map<string, number>();
  for (const { files } of importers) readers.set(files.named, (readers.get(files.named) ?? 0) + 1);
  return listInWords(
    [...readers.keys()].sort((a, b) => readers.get(b)! - readers.get(a)!),
    "or",
  )!;
}

/**
 * The files to import from a file or folder, in a stable order. In a folder, the files of the
 * format given are read; without one, the files of every format, unless the folder holds files
 * of a format that claims its folder (Reuters' `.sgm`: the README and category lists beside them
 * are documentation), which are then read alone. A sub-folder that belongs to a file (the
 * `<name>_files` folder a browser saves beside `<name>.html`) is read with that file. Hidden
 * files and folders, and READMEs, licences and COPYING files among those, are skipped with the
 * reason.
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
  const alone: Importer | undefined = format
    ? importerFor(format)
    : IMPORTERS.find(
        (importer) =>
          importer.claimsFolder && all.some((file) => importer.files.pattern.test(file)),
      );
  const reads = (file: string) =>
    alone
      ? alone.files.pattern.test(file)
      : IMPORTERS.some((importer) => !importer.claimsFolder && importer.files.pattern.test(file));
  const chosen: string[] = [];
  for (const file of all.filter(reads)) {
    const reason = notAStoryByName(path.basename(file));
    if (reason) skipped.push({ file: display(file), reason });
    else chosen.push(file);
  }
  if (chosen.length === 0) {
    const named = alone?.claimsFolder ? alone.files.named : namedFiles(IMPORTERS);
    return {
      files: [],
      problems: [{ file: input, message: `holds no ${named} files to import.` }],
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
