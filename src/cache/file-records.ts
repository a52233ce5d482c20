import { readFileSync, statSync } from "node:fs";
import { shortHash } from "../files/short-hash.ts";
import { stampOf, type FileStamp } from "../files/file-stamp.ts";
import type { FileRecord } from "./cache-state.ts";

/**
 * Published files are never trusted blindly: a build reuses a page or a search-index file of an
 * earlier build only while that file is still what the earlier build wrote. As git's index does,
 * it compares what the file system says first (inode, size, modification time), and only when
 * that differs but the size does not (a copy, a restore from CI's cache, a `touch`) reads the file
 * and compares a hash of its content. An edit in place (`>>`, which a hard-linked copy in the
 * spare shares) changes the size or the time; `sed -i` and `mv` change the inode.
 * @see https://git-scm.com/docs/racy-git
 */

export function fileRecord(stamp: FileStamp, hash: string): FileRecord {
  return [stamp.ino, stamp.size, stamp.mtimeMs, hash];
}

/**
 * The hash of `file` when it is still what `record` says was written; undefined when it changed,
 * is gone or has no record.
 */
export function verifiedHash(file: string, record: FileRecord | undefined): string | undefined {
  return verifiedFile(file, record)?.hash;
}

/** `verifiedHash`, with the stamp the file system gave the file as it was verified. */
export function verifiedFile(
  file: string,
  record: FileRecord | undefined,
): { hash: string; stamp: FileStamp } | undefined {
  if (!record) return undefined;
  const stat = statSync(file, { throwIfNoEntry: false });
  const [ino, size, mtimeMs, hash] = record;
  if (!stat?.isFile() || stat.size !== size) return undefined;
  if (stat.ino !== ino || stat.mtimeMs !== mtimeMs) {
    if (shortHash(readFileSync(file)) !== hash) return undefined;
  }
  return { hash, stamp: stampOf(stat) };
}
