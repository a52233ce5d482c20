import type { Stats } from "node:fs";

/**
 * What the file system says of a file that changes when the file does, as git's index keeps it:
 * inode, size, modification time and change time. A move (`mv`), a copy over it or `sed -i` gives
 * another inode; an edit in place another size or time, and another change time even when the
 * modification time is put back (`touch -r`, `utimes`).
 * @see https://git-scm.com/docs/racy-git
 */
export interface FileStamp {
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

export function stampOf(stat: Stats): FileStamp {
  return { ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs };
}

/** Whether two stamps are of the same file, unchanged. */
export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}
