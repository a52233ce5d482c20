import { statSync } from "node:fs";
import path from "node:path";
import { sameStamp, stampOf, type FileStamp } from "../files/file-stamp.ts";
import { listFilesIfAny } from "../files/list-files.ts";
import { ARTICLES_DIR, listMarkdownFiles } from "./article-files.ts";

/**
 * The archive's files a build reads (its articles, `_data/` and `assets/`), each with its stamp,
 * taken once at the start of a build: the up-to-date check hashes them, the parsed-article store
 * compares the articles' with the stamps it kept, and the build's record keeps them for the next
 * check (see src/cache/up-to-date.ts). One pass over the archive instead of one for each.
 *
 * A file changed after its stamp was taken may be read as changed: the stamp kept for it is then
 * the older one, which the next build finds different, so it builds again.
 */
export interface ArchiveInputs {
  /** When the stamps began to be taken: files changed since are not trusted as stamped. */
  takenMs: number;
  /** The articles' absolute paths, sorted (as `listMarkdownFiles` lists them). */
  articles: string[];
  /** Every file's stamp, by its path relative to the archive (the platform's separators). */
  stamps: Map<string, FileStamp>;
}

export function readArchiveInputs(root: string): ArchiveInputs {
  const takenMs = Date.now();
  const articles = listMarkdownFiles(path.join(root, ARTICLES_DIR));
  const others = ["_data", "assets"].flatMap((folder) =>
    listFilesIfAny(path.join(root, folder)).map((file) => path.join(root, folder, file)),
  );
  const stamps = new Map<string, FileStamp>();
  for (const file of [...articles, ...others]) {
    stamps.set(path.relative(root, file), stampOf(statSync(file)));
  }
  return { takenMs, articles, stamps };
}

/**
 * The files (absolute paths) added, removed or changed between two stampings of the archive at
 * `root`, `before` first: what a watcher that was not yet watching them would have reported.
 */
export function changedInputs(root: string, before: ArchiveInputs, after: ArchiveInputs): string[] {
  const changed: string[] = [];
  for (const [file, stamp] of after.stamps) {
    const was = before.stamps.get(file);
    if (!was || !sameStamp(was, stamp)) changed.push(path.join(root, file));
  }
  for (const file of before.stamps.keys()) {
    if (!after.stamps.has(file)) changed.push(path.join(root, file));
  }
  return changed.sort();
}
