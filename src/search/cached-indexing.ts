import { searchTextHash } from "./bundle-fingerprint.ts";
import type { BundleReuse, SearchIndexSession } from "./build-search-index.ts";

/** What indexing with the build cache asks of it (see src/cache/build-cache.ts). */
export interface IndexCache extends BundleReuse {
  /** The `searchTextHash` of the search text of a page the cache reused (kept or linked). */
  reusedDocument(output: string): string | undefined;
  /** Records, for the next build, an article page's search text hash. */
  recordDocument(output: string, hash: string): void;
  /** What the build reports: the bundles indexed (merged anew) and reused. */
  readonly report: { bundlesIndexed: string[]; bundlesReused: string[] };
}

/**
 * Indexing with the build cache: a page the cache reused hands the index its recorded search
 * text hash, so that a shard whose pages are all unchanged is taken from the shard store without
 * reading them (see `SearchIndexSession`); every page's hash is recorded for the next build.
 */
export class CachedIndexing {
  constructor(
    private readonly cache: IndexCache,
    private readonly session: SearchIndexSession,
  ) {}

  /** A rendered article page's search text. */
  rendered(output: string, document: string): Promise<void> | undefined {
    const hash = searchTextHash(document);
    this.cache.recordDocument(output, hash);
    return this.session.add(output, { document, hash });
  }

  /** An article page linked from the cached build: its text is the cached build's. */
  linked(output: string, file: string): Promise<void> | undefined {
    const hash = this.cache.reusedDocument(output);
    if (hash !== undefined) this.cache.recordDocument(output, hash);
    return this.session.add(output, { file, hash });
  }
}
