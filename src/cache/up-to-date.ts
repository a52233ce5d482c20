import { createHash } from "node:crypto";
import { existsSync, realpathSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import type { ArchiveInputs } from "../content/archive-inputs.ts";
import { readCheckedFile, writeCheckedFile } from "../files/checked-file.ts";
import type { FileStamp } from "../files/file-stamp.ts";
import { measureOutput } from "../output/host-limits.ts";
import { buildCacheDir } from "./cache-key.ts";

/**
 * A build with nothing to do. Each build that published with the cache records what it was made
 * from and what it published: the cache key, the archive's files (articles, `_data/`, `assets/`)
 * each by inode, size and times, as git's index tells a file, and the published folder's files by
 * inode, size and modification time. The next build checks those first: when none changed, the
 * published site is what a build would make, and the build stops there, without reading a story.
 * Anything else (an edited story, a new photo, a page edited in `_site`, another key) makes an
 * ordinary build, which handles it; that build removes the record before it changes anything.
 */
const RECORD = "published.json";

interface Record {
  version: 1;
  key: string;
  /** When the build that wrote the record stamped the archive's files: files changed since are never trusted. */
  startedMs: number;
  inputs: string;
  /** The cache's own files the build left, which must be as it left them (its state). */
  guards: Array<[file: string, stamp: string]>;
  /** The published folder (the real one `_site` links to) and a hash of its files' stamps. */
  output: { dir: string; files: string };
  /** What the build reported of itself, for a build that finds nothing to do to report again. */
  summary: unknown;
}

function recordFile(root: string): string {
  return path.join(buildCacheDir(root), RECORD);
}

/** Forgets the record: the next build is an ordinary one. */
export function forgetPublished(root: string): void {
  rmSync(recordFile(root), { force: true });
}

/**
 * A hash of the archive's files as a build reads them, or undefined when one of them changed at or
 * after `since` (a file written in the same tick as the build read it may differ from what it read,
 * as git's "racy" rule has it).
 */
function inputsHash(inputs: ArchiveInputs, since: number): string | undefined {
  const hash = createHash("sha256");
  for (const [file, stamp] of [...inputs.stamps].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (stamp.mtimeMs >= since || stamp.ctimeMs >= since) return undefined;
    hash.update(`${file}\0${stamp.ino} ${stamp.size} ${stamp.mtimeMs} ${stamp.ctimeMs}\n`);
  }
  return hash.digest("base64url");
}

/** A hash of files' stamps by path: inode, size and modification time (links change the rest). */
function outputHash(stamps: Iterable<[string, Pick<FileStamp, "ino" | "size" | "mtimeMs">]>) {
  const hash = createHash("sha256");
  for (const [file, stamp] of [...stamps].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    hash.update(`${file}\0${stamp.ino} ${stamp.size} ${stamp.mtimeMs}\n`);
  }
  return hash.digest("base64url");
}

/** A file's stamp as text, or `none`. */
function guardStamp(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.ino} ${stat.size} ${stat.mtimeMs} ${stat.ctimeMs}`;
  } catch {
    return "none";
  }
}

/**
 * Records the build just published into `outDir`: made with `key` from the archive's files as
 * `inputs` stamped them before the build read any, its files as `stamps` (by path from the site
 * folder) measured them. A record that cannot be written is no record: the next build is an
 * ordinary one.
 */
export function recordPublished<Summary>(options: {
  root: string;
  outDir: string;
  key: string;
  inputs: ArchiveInputs;
  stamps: ReadonlyMap<string, FileStamp>;
  /** Files of the cache that must stay as they are for the record to hold (its state file). */
  guards: string[];
  summary: Summary;
}): void {
  const record: Record = {
    version: 1,
    key: options.key,
    startedMs: options.inputs.takenMs,
    inputs: inputsHash(options.inputs, Infinity)!,
    guards: options.guards.map((file) => [file, guardStamp(file)]),
    output: { dir: realpathSync(options.outDir), files: outputHash(options.stamps) },
    summary: options.summary,
  };
  writeCheckedFile(recordFile(options.root), JSON.stringify(record));
}

/**
 * The published build's summary when nothing it was made from changed (the archive's files as
 * `inputs` stamped them) and its files are as it wrote them, else undefined.
 */
export function publishedUpToDate<Summary>(
  root: string,
  outDir: string,
  key: string,
  inputs: ArchiveInputs,
): Summary | undefined {
  const file = recordFile(root);
  if (!existsSync(file)) return undefined;
  let record: Record;
  try {
    const read = readCheckedFile(file);
    if (!("body" in read)) return undefined;
    record = JSON.parse(read.body) as Record;
  } catch {
    return undefined;
  }
  if (record.version !== 1 || record.key !== key) return undefined;
  let dir: string;
  try {
    dir = realpathSync(outDir);
  } catch {
    return undefined;
  }
  if (dir !== record.output.dir) return undefined;
  if (record.guards.some(([guard, stamp]) => guardStamp(guard) !== stamp)) return undefined;
  if (inputsHash(inputs, record.startedMs) !== record.inputs) return undefined;
  // Walked as the build measured it when it recorded the stamps (src/output/host-limits.ts).
  if (outputHash(measureOutput(dir, { paths: true }).stamps!) !== record.output.files) {
    return undefined;
  }
  return record.summary as Summary;
}
