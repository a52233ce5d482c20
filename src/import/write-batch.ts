import { WriteFileError } from "../files/atomic-write.ts";
import type { TermKind } from "../registry/registry.ts";
import { writeRegistryAdditions } from "./extend-registry.ts";
import type { Importer } from "./importer.ts";
import { writeManifest, type Manifest } from "./manifest.ts";
import { copyPhotos } from "./photos.ts";
import type { PlannedBatch } from "./plan-articles.ts";
import type { ImportOutcome, ImportStop } from "./summary.ts";
import type { RegistryAddition } from "./types.ts";
import { relativeTo, writeArticles, type WriteState } from "./write-articles.ts";

/** The registry entries of two batches, the first's first. */
export function mergeAdded(
  first: Record<TermKind, RegistryAddition[]>,
  then: Record<TermKind, RegistryAddition[]>,
): Record<TermKind, RegistryAddition[]> {
  return {
    topics: [...first.topics, ...then.topics],
    people: [...first.people, ...then.people],
    places: [...first.places, ...then.places],
  };
}

function couldNotWrite(stop: ImportStop): string {
  return `could not be written (${stop.reason}).`;
}

function stopAt(root: string, error: WriteFileError, notWritten: number): ImportStop {
  return { file: relativeTo(root, error.file), reason: error.reason, notWritten };
}

/**
 * Writes one batch: the registry additions, the photos, then the articles, in that order, so
 * that an article never names an entry or a photo that is not written yet. The first write that
 * fails stops the import; its outcome names the file, and the articles written before it stay
 * and are recorded in the manifest, so that a second run only writes what is missing.
 */
export function writeBatch(
  planned: PlannedBatch,
  outcomes: ImportOutcome[],
  options: {
    root: string;
    articlesDir: string;
    manifest: Manifest;
    force: boolean;
    dryRun: boolean;
    added: Parameters<typeof writeRegistryAdditions>[1];
    written: WriteState;
  },
): ImportStop | undefined {
  const { root, articlesDir, manifest, force, dryRun, written } = options;
  const { articles } = planned;
  try {
    if (!dryRun) {
      writeRegistryAdditions(root, options.added);
      copyPhotos(root, planned.photos);
    }
  } catch (error) {
    if (!(error instanceof WriteFileError)) throw error;
    const stopped = stopAt(root, error, articles.length);
    outcomes.push({ status: "failed", input: stopped.file, reason: couldNotWrite(stopped) });
    return stopped;
  }
  const result = writeArticles(articles, {
    root,
    articlesDir,
    manifest,
    force,
    dryRun,
    state: written,
  });
  outcomes.push(...result.outcomes);
  if (!result.failed) return undefined;
  const { input, title, article, error } = result.failed;
  // The failed article is listed as failed; the ones after it were not tried.
  const stopped = stopAt(root, error, articles.length - result.outcomes.length - 1);
  outcomes.push({ status: "failed", input, title, article, reason: couldNotWrite(stopped) });
  return stopped;
}

/**
 * After the last batch: writes the manifest of what was written, then, unless a write failed,
 * runs what the formats that gave stories do after writing (see `Importer.afterWriting`).
 */
export function finishWriting(
  root: string,
  manifest: Manifest,
  options: {
    dryRun: boolean;
    /** The importers that gave stories. */
    used: ReadonlySet<Importer>;
    stopped: ImportStop | undefined;
    outcomes: ImportOutcome[];
  },
): ImportStop | undefined {
  const { dryRun, used, outcomes } = options;
  let { stopped } = options;
  if (dryRun) return stopped;
  try {
    writeManifest(root, manifest);
    if (!stopped) for (const importer of used) importer.afterWriting?.(root);
  } catch (error) {
    if (!(error instanceof WriteFileError)) throw error;
    if (stopped) return { ...stopped, manifestError: error.reason };
    stopped = stopAt(root, error, 0);
    outcomes.push({ status: "failed", input: stopped.file, reason: couldNotWrite(stopped) });
  }
  return stopped;
}
