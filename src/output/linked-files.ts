import { copyFileSync, linkSync, mkdirSync, readdirSync, rmdirSync, unlinkSync } from "node:fs";
import path from "node:path";

/**
 * Files shared by two build folders: the build cache keeps a page unchanged since the published
 * build by hard-linking the published file instead of writing it again. A build never writes into
 * a file it linked, so a linked file is never changed in place.
 */

/** Hard-links `from` to `to` (copies across file systems), making `to`'s folder. */
export function linkFile(from: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true });
  try {
    linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EXDEV" && code !== "EPERM") throw error;
    copyFileSync(from, to);
  }
}

/**
 * Removes files (relative to `dir`) where they exist, then the folders this left empty, unless the
 * files are about to be written again (`folders: false`).
 */
export function removeFiles(
  dir: string,
  files: Iterable<string>,
  options = { folders: true },
): void {
  const folders = new Set<string>();
  for (const file of files) {
    try {
      unlinkSync(path.join(dir, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    if (!options.folders) continue;
    for (let folder = path.dirname(file); folder !== "." && folder !== "/";) {
      if (folders.has(folder)) break;
      folders.add(folder);
      folder = path.dirname(folder);
    }
  }
  // Deepest first, so that a folder is tried after everything under it.
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(path.join(dir, folder));
    } catch {
      // Not empty (or already gone): it stays.
    }
  }
}

/**
 * Removes every file under `dir` but those `keep` names (relative, with forward slashes), and the
 * folders this leaves empty: a spare build emptied of all but the pages a build may keep, including
 * files that someone added to it by hand.
 */
export function removeAllBut(dir: string, keep: (file: string) => boolean): void {
  const walk = (folder: string, relative: string): boolean => {
    let empty = true;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (walk(full, rel)) rmdirSync(full);
        else empty = false;
      } else if (keep(rel)) empty = false;
      else unlinkSync(full);
    }
    return empty;
  };
  walk(dir, "");
}
