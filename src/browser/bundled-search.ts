// The archive's search index comes in bundles of consecutive days (src/search/bundles.ts), newest
// first. This searches them as one index, with Pagefind's own merging (`mergeIndex`) into one
// Pagefind instance, and orders the results itself:
// - Best match merges every bundle; Pagefind orders the merged results by score. Each bundle is
//   one index over thousands of stories (merged from Pagefind's shards at build time), so scores
//   compare across bundles much as within one index.
// - Newest first needs no score: a page's name is its bundle's tag and its number, and the build
//   numbers each bundle's pages in date order, so results are ordered by bundle (newest first),
//   then by number, highest first. It merges bundles newest to oldest and stops once a page of
//   results is full; the rest follow for the exact count and the facets.
// - A bundle that answered a word by Pagefind's prefix fallback where another bundle has the word
//   (prefix-fallback.ts) is filtered out of that search by its tag, a filter every bundle carries
//   (`BUNDLE_FILTER`), so that results, their number and the facet counts are the one index's.
// A bundle that fails to load is left out and named; the others are still searched.
// @see https://pagefind.app/docs/multisite/
import type {
  PagefindFilterCounts,
  PagefindFilters,
  PagefindOptions,
  PagefindResult,
  PagefindSearch,
  PagefindSearchOptions,
} from "./pagefind.d.ts";
import type { FallbackVerdict } from "./prefix-fallback.ts";
import type { SearchBundleInfo } from "../search/bundle-info.ts";

/** The filter, set on each bundle as it is merged, whose value is the bundle's tag. */
export const BUNDLE_FILTER = "bundle-tag";

/** The parts of a Pagefind instance (`createInstance`) this uses. */
export interface MergedIndex {
  mergeIndex(url: string, options: PagefindOptions): Promise<void>;
  search(term: string | null, options?: PagefindSearchOptions): Promise<PagefindSearch | null>;
  filters(): Promise<PagefindFilterCounts>;
  destroy(): Promise<void>;
}

export type Order = "relevance" | "newest";

/** Opens a Pagefind instance on one bundle, ready to search (it throws when it cannot load). */
export type OpenIndex = (
  bundle: SearchBundleInfo,
  options: PagefindOptions,
) => Promise<MergedIndex>;

/** Judges the words of a search against the bundles merged so far (see prefix-fallback.ts). */
export type JudgeFallback = (query: string, tags: readonly string[]) => FallbackVerdict;

export interface BundledResults {
  results: PagefindResult[];
  /** Whether every bundle was searched, so that the results (and their number) are all there. */
  complete: boolean;
  /** The search the results come from; its facet counts are whole when `complete`. */
  search: PagefindSearch;
}

/** A result's bundle tag and its number in the bundle (its place in date order). */
function placeOf(result: PagefindResult): [tag: string, page: number] {
  return [result.id.slice(0, 2), parseInt(result.id.slice(2), 36)];
}

/** Results newest first: by bundle (`rank`: tag → place, newest 0), then by page number. */
export function newestFirst(
  results: readonly PagefindResult[],
  rank: ReadonlyMap<string, number>,
): PagefindResult[] {
  const keyed = results.map((result) => {
    const [tag, page] = placeOf(result);
    return { result, bundle: rank.get(tag) ?? Infinity, page };
  });
  keyed.sort((a, b) => a.bundle - b.bundle || b.page - a.page);
  return keyed.map(({ result }) => result);
}

/** Every bundle of the archive, searched as one index. */
export class BundledSearch {
  private index: Promise<MergedIndex | undefined> | undefined;
  private readonly merged: SearchBundleInfo[] = [];
  private readonly waiting: SearchBundleInfo[];
  private readonly failedBundles: SearchBundleInfo[] = [];
  private readonly rank: Map<string, number>;
  /** Merges run one after another: each changes the instance the next one merges into. */
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * `bundles` newest first; `urlOf` gives a bundle's folder URL; `options` are given to every
   * bundle alike; `judge` says which bundles answered a query's words as one index would.
   */
  constructor(
    private readonly bundles: readonly SearchBundleInfo[],
    private readonly open: OpenIndex,
    private readonly urlOf: (bundle: SearchBundleInfo) => string,
    private readonly options: PagefindOptions = {},
    private readonly judge?: JudgeFallback,
    /** Tags of bundles whose files failed (see `SearchFiles.brokenTags`). */
    private readonly broken: () => readonly string[] = () => [],
  ) {
    this.waiting = [...bundles];
    this.rank = new Map(bundles.map((bundle, i) => [bundle.tag, i]));
  }

  /**
   * Whether searches' facet counts must be exact: a bundle that answered a word by prefix fallback
   * is then left out by searching again with a filter on the bundles kept. Without, its results are
   * dropped from the list and the counts are left as Pagefind gave them, which costs no second
   * search (for a page that counts facets on an instance of its own).
   */
  countsFilters = true;

  /** Bundles that could not be loaded, newest first. */
  get failed(): readonly SearchBundleInfo[] {
    return [...this.failedBundles].sort(
      (a, b) => (this.rank.get(a.tag) ?? 0) - (this.rank.get(b.tag) ?? 0),
    );
  }

  /** Whether every bundle that can load is in. */
  private get complete(): boolean {
    return this.waiting.length === 0;
  }

  private optionsOf(bundle: SearchBundleInfo): PagefindOptions {
    return { ...this.options, mergeFilter: { [BUNDLE_FILTER]: bundle.tag } };
  }

  /**
   * Merges bundles until `count` are in (or none is left); resolves to the instance. The first
   * bundle opens the instance; the ones after it are merged at once, not one after another, and
   * Pagefind keeps them in the order of the calls.
   */
  private ensure(count: number): Promise<MergedIndex | undefined> {
    const step = this.queue.then(async () => {
      while (this.merged.length < count && this.waiting.length) {
        const index = await this.current();
        if (!index) {
          const bundle = this.waiting.shift()!;
          try {
            this.index = Promise.resolve(await this.open(bundle, this.optionsOf(bundle)));
            this.merged.push(bundle);
          } catch {
            this.failedBundles.push(bundle);
            this.index = undefined;
          }
          continue;
        }
        const batch = this.waiting.splice(0, count - this.merged.length);
        const outcomes = await Promise.allSettled(
          batch.map((bundle) => index.mergeIndex(this.urlOf(bundle), this.optionsOf(bundle))),
        );
        let failed = false;
        for (const [i, outcome] of outcomes.entries()) {
          if (outcome.status === "fulfilled") this.merged.push(batch[i]!);
          else {
            this.failedBundles.push(batch[i]!);
            failed = true;
          }
        }
        if (failed) {
          // A failed merge leaves Pagefind's instance unusable: start again from the bundles in.
          await index.destroy().catch(() => undefined);
          this.index = undefined;
        }
      }
      return this.current();
    });
    this.queue = step.catch(() => undefined);
    return step;
  }

  /** The instance with every bundle merged so far, reopened after a failed merge. */
  private current(): Promise<MergedIndex | undefined> {
    this.index ??= (async () => {
      const [first, ...rest] = this.merged;
      if (!first) return undefined;
      const index = await this.open(first, this.optionsOf(first));
      await Promise.all(
        rest.map((bundle) => index.mergeIndex(this.urlOf(bundle), this.optionsOf(bundle))),
      );
      return index;
    })();
    return this.index;
  }

  /**
   * Searches in `order`. Best match searches every bundle; newest first only as many bundles,
   * newest first, as it takes to find `need` results (all of them for `Infinity`). Resolves to
   * undefined when no bundle could be loaded.
   */
  async search(
    term: string | null,
    options: PagefindSearchOptions,
    order: Order,
    need: number,
  ): Promise<BundledResults | undefined> {
    let wanted =
      order === "newest" && Number.isFinite(need)
        ? Math.max(1, this.merged.length)
        : this.bundles.length;
    for (;;) {
      const index = await this.ensure(wanted);
      if (!index) return undefined;
      let found: PagefindSearch | null;
      try {
        found = await index.search(term, options);
      } catch (error) {
        // A bundle whose metadata loaded but an index chunk or filter did not (offline, with part
        // of it saved): searched without it, and named.
        if (!(await this.dropBroken())) throw error;
        continue;
      }
      if (!found) return undefined;
      if (term !== null && this.judge) {
        const verdict = this.judge(
          term,
          this.merged.map((bundle) => bundle.tag),
        );
        // A word no bundle so far has whole may be whole in a bundle not yet searched.
        if (!verdict.settled && !this.complete) {
          wanted = this.bundles.length;
          continue;
        }
        if (verdict.keep.size < this.merged.length) {
          if (this.countsFilters) {
            found = await index.search(term, withBundles(options, [...verdict.keep]));
            if (!found) return undefined;
          } else {
            // The same results as that search, without running it: each bundle scores its own
            // pages, so leaving a bundle's out changes no other result's place.
            const kept = found.results.filter((result) => verdict.keep.has(placeOf(result)[0]));
            found = { ...found, results: kept };
          }
        }
      }
      const results = order === "newest" ? newestFirst(found.results, this.rank) : found.results;
      const search = { ...found, results };
      if (results.length >= need || this.complete) {
        return { results, complete: this.complete, search };
      }
      wanted = this.merged.length + 1;
    }
  }

  /** Loads every bundle's filter index; resolves to the merged counts. */
  async filters(): Promise<PagefindFilterCounts> {
    for (;;) {
      const index = await this.ensure(this.bundles.length);
      if (!index) return {};
      try {
        return await index.filters();
      } catch (error) {
        if (!(await this.dropBroken())) throw error;
      }
    }
  }

  /**
   * Takes the bundles whose files failed out of the instance, which is opened again without them
   * at the next search; resolves to whether there was any.
   */
  private dropBroken(): Promise<boolean> {
    const step = this.queue.then(async () => {
      const tags = new Set(this.broken());
      const gone = this.merged.filter((bundle) => tags.has(bundle.tag));
      if (!gone.length) return false;
      for (const bundle of gone) {
        this.merged.splice(this.merged.indexOf(bundle), 1);
        this.failedBundles.push(bundle);
      }
      const index = await this.index?.catch(() => undefined);
      await index?.destroy().catch(() => undefined);
      this.index = undefined;
      return true;
    });
    this.queue = step.catch(() => undefined);
    return step;
  }
}

/** `options` with results limited to the bundles tagged `tags`. */
function withBundles(options: PagefindSearchOptions, tags: string[]): PagefindSearchOptions {
  const filters: PagefindFilters = { ...options.filters, [BUNDLE_FILTER]: { any: tags } };
  return { ...options, filters };
}

/** The bundles a failure notice names: "1 March to 9 April 1987" style, from the days given. */
export function describeBundles(
  bundles: readonly SearchBundleInfo[],
  formatDate: (iso: string) => string,
): string {
  return bundles
    .map((bundle) =>
      bundle.from === bundle.to
        ? formatDate(bundle.from)
        : `${formatDate(bundle.from)} to ${formatDate(bundle.to)}`,
    )
    .join("; ");
}
