import { createHash } from "node:crypto";
import { shortHash } from "../files/short-hash.ts";
import { PAGEFIND_FORMAT_VERSION } from "./pagefind-files.ts";

/**
 * Fingerprints tell whether two builds gave Pagefind the same shard, and merged the same bundle:
 * a shard whose fingerprint is in the shard store is not indexed again, the build cache reuses a
 * bundle whose fingerprint is unchanged, and a build that assembles the bundles of several jobs
 * (`--assemble`) takes only those built from its own pages.
 */

/** The merge's own version: a change to how bundles are written changes every bundle. */
const MERGE_VERSION = 2;

/** What a page's search text (`searchDocument`) is recorded as. */
export function searchTextHash(document: string): string {
  return shortHash(document);
}

/**
 * What Pagefind is given for some pages (a shard's, or a bundle's for a CI job's record): its
 * version, the language it indexes in and the search text of each page (`documents`, page output
 * path → `searchTextHash`), in any order.
 */
export function pagesFingerprint(language: string, documents: ReadonlyMap<string, string>): string {
  const hash = createHash("sha256").update(`${PAGEFIND_FORMAT_VERSION} ${language}\n`);
  for (const output of [...documents.keys()].sort()) {
    hash.update(`${output} ${documents.get(output)}\n`);
  }
  return hash.digest("hex").slice(0, 32);
}

/** A bundle's fingerprint: its tag, how it is merged, and its shards' fingerprints in order. */
export function bundleFingerprint(
  tag: string,
  merge: { chunkSize: number; perPack: number },
  shards: readonly string[],
): string {
  return shortHash(JSON.stringify([MERGE_VERSION, tag, merge.chunkSize, merge.perPack, shards]));
}
