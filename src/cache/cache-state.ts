import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { readCheckedFile, writeCheckedFile } from "../files/checked-file.ts";
import { forgetPublished } from "./up-to-date.ts";
import { buildCacheDir, CACHE_FORMAT, describeKeyChange, type CacheKey } from "./cache-key.ts";

/**
 * The build cache's state, `<archive>/.cache/build/state.json`: what the published build and its
 * spare hold, for the next build to reuse. Written whole or not at all, with its length and
 * checksum (see src/files/checked-file.ts), after the build it describes is published.
 */
const STATE = "state.json";

/**
 * A file of a build as it was written: its inode, size, modification time and a hash of its
 * content. A file is reused only while it still has them, or, when its inode or time changed (a
 * copy, a restore from CI's cache), while its content still has that hash.
 */
export type FileRecord = [ino: number, size: number, mtimeMs: number, hash: string];

/** A build folder and what is in it. */
export interface FolderState {
  /**
   * The folder these fingerprints describe, relative to the cache folder (in the file, so that a
   * checkout can move) and absolute once read: the output (`_site`) for the published build,
   * `_site.builds/spare-<name>` for its spare.
   */
  output: string;
  /** Bulk page → its fingerprint. */
  pages: Record<string, string>;
  /** Article page → hash of its search text (what Pagefind was given). */
  documents: Record<string, string>;
  /** Every other file of the folder (Eleventy's pages, assets, photos, the search index…). */
  extras: string[];
  /** The files a later build may reuse (bulk pages, the search index) as they were written. */
  files: Record<string, FileRecord>;
  /**
   * A time (ms since the epoch) by which the folder held exactly its pages and extras: a folder of
   * it not modified since has the entries it had then (see `removeAllButListed`). Absent in a
   * state written before it was kept: the spare is then walked.
   */
  listedAt?: number;
}

export interface CacheState extends FolderState {
  format: number;
  key: string;
  /** The key's parts (see `CacheKey`), to say what changed when the key did. */
  keyParts: Record<string, string>;
  /** The name the published build was made under (`_site.builds/<name>`); its spare takes it. */
  build: string;
  /** Bundle id → its context (`bundleContext`) and its fingerprint (`bundleFingerprint`). */
  contexts: Record<string, string>;
  bundles: Record<string, string>;
  /**
   * The build published before this one, kept as a spare (see src/output/output-swap.ts) with the
   * same key: the next build updates it in place instead of starting from an empty folder.
   */
  spare?: FolderState;
}

const isRecord = (part: unknown) => typeof part === "object" && part !== null;

/** Whether `value` has the shape of a `FolderState`. */
function isFolderState(value: unknown): value is FolderState {
  const state = value as Partial<FolderState> | null;
  return (
    isRecord(state) &&
    typeof state!.output === "string" &&
    Array.isArray(state!.extras) &&
    [state!.pages, state!.documents, state!.files].every(isRecord)
  );
}

/**
 * The state in `dir` written under `key`, its folders made absolute; or why it cannot be used
 * (absent, damaged, another format or key, its published folder gone).
 */
export function readCacheState(
  dir: string,
  key: CacheKey,
): { state: CacheState } | { ignored: string } {
  const file = path.join(dir, STATE);
  if (!existsSync(file)) return { ignored: "no build cache yet" };
  const shown = path.relative(process.cwd(), file);
  let state: CacheState;
  try {
    const read = readCheckedFile(file);
    if ("damaged" in read)
      return { ignored: `the build cache's ${shown} is damaged: ${read.damaged}` };
    if ("unchecked" in read) return { ignored: "the build cache is from another version" };
    state = JSON.parse(read.body) as CacheState;
  } catch (error) {
    return { ignored: `the build cache's ${shown} is unreadable (${(error as Error).message})` };
  }
  if (state?.format !== CACHE_FORMAT) return { ignored: "the build cache is from another version" };
  if (state.key !== key.key) {
    return {
      ignored: `${describeKeyChange(state.keyParts ?? {}, key.parts)} since the cached build`,
    };
  }
  if (
    !isFolderState(state) ||
    typeof state.build !== "string" ||
    ![state.contexts, state.bundles].every(isRecord)
  ) {
    return { ignored: `the build cache's ${shown} is damaged: parts of it are missing` };
  }
  state.output = path.resolve(dir, state.output);
  if (!existsSync(state.output)) {
    return {
      ignored: `${path.relative(process.cwd(), state.output)} was removed since the cached build`,
    };
  }
  if (isFolderState(state.spare)) state.spare.output = path.resolve(dir, state.spare.output);
  else delete state.spare;
  return { state };
}

/**
 * Records `state` in `dir`, its folders relative to it: written to a temporary file and renamed, so
 * that a killed build leaves the previous state or this one, never half of one.
 */
export function writeCacheState(
  dir: string,
  state: CacheState,
  options: { beforeRename?: () => void } = {},
): void {
  const relative = (folder: FolderState): FolderState => ({
    output: path.relative(dir, folder.output),
    pages: folder.pages,
    documents: folder.documents,
    extras: folder.extras,
    files: folder.files,
    ...(typeof folder.listedAt === "number" ? { listedAt: folder.listedAt } : {}),
  });
  const { spare, ...published } = state;
  const stored: CacheState = {
    ...published,
    ...relative(published),
    ...(spare ? { spare: relative(spare) } : {}),
  };
  writeCheckedFile(path.join(dir, STATE), JSON.stringify(stored), options);
}

/** The file that keeps the state in `dir`. */
export function cacheStateFile(dir: string): string {
  return path.join(dir, STATE);
}

/** Forgets the state in `dir`: the next build builds everything. */
export function forgetCacheState(dir: string): void {
  rmSync(path.join(dir, STATE), { force: true });
}

/**
 * Forgets the cached build, for whatever changes the published output in place (`npm start`
 * after an edit): the next build then builds everything.
 */
export function forgetBuildCache(root: string): void {
  forgetCacheState(buildCacheDir(root));
  forgetPublished(root);
}
