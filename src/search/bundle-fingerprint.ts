import { createHash } from "node:crypto";
import { shortHash } from "../files/short-hash.ts";
import { maxFragmentsOf } from "./build-search-index.ts";
import type { SearchBundle } from "./bundles.ts";

/**
 * A bundle's fingerprint tells whether two builds gave Pagefind the same bundle: the build cache
 * reuses a bundle whose fingerprint is unchanged, and a build that assembles the bundles of several
 * jobs (`--assemble`) takes only those built from its own pages.
 */

/** What a page's search text (`searchDocument`) is recorded as. */
export function searchTextHash(document: string): string {
  return shortHash(document);
}

/**
 * What decides a bundle's files besides its pages: its days and size, the language, the words every
 * bundle knows (the plan's vocabulary) and its number of fragment files.
 */
export function bundleContext(
  bundle: SearchBundle,
  context: { language: string; vocabulary: string; totalPages: number },
): string {
  const maxFragments = maxFragmentsOf(bundle.pages, context.totalPages);
  return shortHash(JSON.stringify([bundle, context.language, context.vocabulary, maxFragments]));
}

/**
 * A bundle's fingerprint: its context and the search text of each of its pages (`documents`, page
 * output path → `searchTextHash`), in any order.
 */
export function bundleFingerprint(context: string, documents: Map<string, string>): string {
  const hash = createHash("sha256").update(`${context}\n`);
  for (const output of [...documents.keys()].sort()) {
    hash.update(`${output} ${documents.get(output)}\n`);
  }
  return hash.digest("hex").slice(0, 32);
}
