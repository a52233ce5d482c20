import {
  copyFileSync,
  linkSync,
  mkdirSync,
  readdirSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
} from "node:fs";
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

/**
 * What a build folder held when it was last listed: every file (relative, with forward slashes)
 * and a time by which it held them. A folder not modified since that time still has the entries it
 * had then; a file added, removed or renamed in it changes its modification time.
 */
export interface FolderListing {
  files: Iterable<string>;
  /** Milliseconds since the epoch, early enough for any file system's timestamps to be later. */
  listedAt: number;
}

/**
 * `removeAllBut` without listing every folder: a spare build emptied of all but the pages `keep`
 * names, from what it held when it was published (`listing`). Top-level folders without a page to
 * keep go whole; in the others, only folders modified since the listing are listed, and what was
 * not in the listing is removed from them. Then the listed files not kept go, and the folders this
 * leaves empty. Checking a folder's time costs about a third of listing it, and a large archive's
 * spare has tens of thousands of folders of pages.
 */
export function removeAllButListed(
  dir: string,
  keep: (file: string) => boolean,
  listing: FolderListing,
): void {
  const listed = new Set(listing.files);
  const pageTops = new Set<string>();
  for (const file of listed) {
    const slash = file.indexOf("/");
    if (slash > 0 && keep(file)) pageTops.add(file.slice(0, slash));
  }
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (!entry.isDirectory()) {
      if (!keep(entry.name)) unlinkSync(full);
    } else if (!pageTops.has(entry.name)) rmSync(full, { recursive: true, force: true });
  }
  // Every folder of a page folder the listing had a file in, and the folders above each.
  const folders = new Set<string>();
  for (const file of listed) {
    for (let folder = path.posix.dirname(file); folder !== ".";) {
      if (folders.has(folder) || !pageTops.has(folder.split("/", 1)[0]!)) break;
      folders.add(folder);
      folder = path.posix.dirname(folder);
    }
  }
  for (const folder of folders) {
    const full = path.join(dir, folder);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs <= listing.listedAt) continue;
    for (const entry of readdirSync(full, { withFileTypes: true })) {
      const rel = `${folder}/${entry.name}`;
      if (entry.isDirectory() ? folders.has(rel) : listed.has(rel)) continue;
      rmSync(path.join(full, entry.name), { recursive: true, force: true });
    }
  }
  removeFiles(
    dir,
    [...listed].filter((file) => !keep(file) && pageTops.has(file.split("/", 1)[0]!)),
  );
}
