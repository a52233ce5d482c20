import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../files/atomic-write.ts";
import { buildCacheDir, CACHE_FORMAT } from "./cache-key.ts";

/**
 * The build cache's state, `<archive>/.cache/build/state.json`: what the published build and its
 * spare hold, for the next build to reuse. Written whole or not at all, after the build it
 * describes is published, so it always names a complete, published folder.
 */
const STATE = "state.json";

/** A build folder and what is in it. */
export interface FolderState {
  /**
   * The build folder these fingerprints describe, relative to the cache folder (in the file, so
   * that a checkout can move) and absolute once read.
   */
  output: string;
  /** Bulk page → its fingerprint. */
  pages: Record<string, string>;
  /** Article page → hash of its search text (what Pagefind was given). */
  documents: Record<string, string>;
  /** Every other file of the folder (Eleventy's pages, assets, photos, the search index…). */
  extras: string[];
}

export interface CacheState extends FolderState {
  format: number;
  key: string;
  /** Bundle id → its context (`bundleContext`) and its fingerprint (`bundleFingerprint`). */
  contexts: Record<string, string>;
  bundles: Record<string, string>;
  /**
   * The build published before this one, kept as a spare (see src/output/output-swap.ts) with the same key:
   * the next build updates it in place instead of starting from an empty folder.
   */
  spare?: FolderState;
}

/** Whether `value` has the shape of a `FolderState`. */
function isFolderState(value: unknown): value is FolderState {
  const state = value as Partial<FolderState> | null;
  return (
    typeof state === "object" &&
    state !== null &&
    typeof state.output === "string" &&
    Array.isArray(state.extras) &&
    [state.pages, state.documents].every((part) => typeof part === "object" && part !== null)
  );
}

/**
 * The state in `dir` written under `key`, its folders made absolute; or why it cannot be used
 * (absent, unreadable, another format or key, its published folder gone).
 */
export function readCacheState(
  dir: string,
  key: string,
): { state: CacheState } | { ignored: string } {
  const file = path.join(dir, STATE);
  if (!existsSync(file)) return { ignored: "no build cache yet" };
  let state: CacheState;
  try {
    state = JSON.parse(readFileSync(file, "utf8")) as CacheState;
  } catch (error) {
    return {
      ignored: `the build cache ${path.relative(process.cwd(), file)} is unreadable (${(error as Error).message})`,
    };
  }
  const why =
    state.format !== CACHE_FORMAT
      ? "the build cache is from another version"
      : state.key !== key
        ? "code, templates, settings, registry or environment changed since the cached build"
        : !isFolderState(state) ||
            [state.contexts, state.bundles].some(
              (part) => typeof part !== "object" || part === null,
            )
          ? "the build cache is unreadable (parts of it are missing)"
          : !existsSync(path.join(path.resolve(dir, state.output), "index.html"))
            ? "the cached build's output is gone"
            : undefined;
  if (why) return { ignored: why };
  state.output = path.resolve(dir, state.output);
  if (isFolderState(state.spare)) state.spare.output = path.resolve(dir, state.spare.output);
  else delete state.spare;
  return { state };
}

/**
 * Records `state` in `dir`, its folders relative to it: written to a temporary file and renamed, so
 * that a killed build leaves the previous state or this one, never half of one.
 */
export function writeCacheState(dir: string, state: CacheState): void {
  const relative = (folder: FolderState): FolderState => ({
    output: path.relative(dir, folder.output),
    pages: folder.pages,
    documents: folder.documents,
    extras: folder.extras,
  });
  const { spare, ...published } = state;
  const stored: CacheState = {
    ...published,
    ...relative(published),
    ...(spare ? { spare: relative(spare) } : {}),
  };
  writeFileAtomic(path.join(dir, STATE), JSON.stringify(stored));
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
}
