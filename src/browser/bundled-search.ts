// The archive's search index comes in bundles of consecutive days (src/search/bundles.ts), newest
// first. This searches them as one, with Pagefind's own merging (`mergeIndex`): one Pagefind
// instance per order, the newest bundle first, older bundles merged into it as they are needed.
// - Best match merges every bundle: Pagefind orders the merged results by score, each bundle's
//   instance given the same options (ranking, excerpts), so scores compare alike.
// - Newest first merges bundles newest to oldest and stops once a page of results is full. Sorted
//   by date, Pagefind scores each result by its place among its bundle's pages (oldest 0) and
//   orders the merged results by score times the bundle's `indexWeight`. Each bundle's weight is
//   a power of two above every score of the bundles after it, so the newest bundle's results
//   come first, each bundle's in date order: exactly newest first, as bundles never share a day.
//   Place 0 belongs to each bundle's sentinel page (see src/search/build-search-index.ts), which
//   holds every word of the archive at weight 0: it scores 0 in any search, and results that
//   score 0 are left out.
// - Facet counts are Pagefind's merged counts (summed over bundles), so they need every bundle.
// A bundle that fails to load is left out and named; the others are still searched.
// @see https://pagefind.app/docs/multisite/
import type {
  PagefindFilterCounts,
  PagefindOptions,
  PagefindResult,
  PagefindSearch,
  PagefindSearchOptions,
} from "./pagefind.d.ts";
import type { SearchBundleInfo } from "../search/bundle-info.ts";

/** The parts of a Pagefind instance (`createInstance`) this uses. */
export interface MergedIndex {
  mergeIndex(url: string, options: PagefindOptions & { indexWeight?: number }): Promise<void>;
  search(term: string | null, options?: PagefindSearchOptions): Promise<PagefindSearch | null>;
  filters(): Promise<PagefindFilterCounts>;
  destroy(): Promise<void>;
}

export type Order = "relevance" | "newest";

/**
 * Newest-first weights, one per bundle (newest first): each a power of two above every score of
 * the bundles after it (a score is at most a bundle's number of pages, its sentinel included).
 */
export function newestFirstWeights(bundles: readonly SearchBundleInfo[]): number[] {
  const largest = Math.max(0, ...bundles.map((bundle) => bundle.pages));
  const step = 2 ** Math.ceil(Math.log2(largest + 2));
  return bundles.map((_, i) => step ** (bundles.length - 1 - i));
}

/** Opens a Pagefind instance on one bundle, ready to search (it throws when it cannot load). */
export type OpenIndex = (
  bundle: SearchBundleInfo,
  options: PagefindOptions & { indexWeight: number },
) => Promise<MergedIndex>;

export interface BundledResults {
  results: PagefindResult[];
  /** Whether every bundle was searched, so that the results (and their number) are all there. */
  complete: boolean;
  /** The search of the bundles merged so far; its facet counts are whole when `complete`. */
  search: PagefindSearch;
}

/** The bundles merged into one Pagefind instance, for one order. */
class OrderedIndex {
  private index: Promise<MergedIndex | undefined> | undefined;
  private readonly merged: SearchBundleInfo[] = [];
  private readonly waiting: SearchBundleInfo[];
  /** Merges run one after another: each changes the instance the next one merges into. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    bundles: readonly SearchBundleInfo[],
    private readonly optionsOf: (bundle: SearchBundleInfo) => PagefindOptions & {
      indexWeight: number;
    },
    private readonly open: OpenIndex,
    private readonly urlOf: (bundle: SearchBundleInfo) => string,
    private readonly failed: SearchBundleInfo[],
  ) {
    this.waiting = [...bundles];
  }

  /** Whether every bundle that can load is in. */
  get complete(): boolean {
    return this.waiting.length === 0;
  }

  get count(): number {
    return this.merged.length;
  }

  /**
   * Merges bundles until `count` are in (or none is left); resolves to the instance. The first
   * bundle opens the instance; the ones after it are merged at once, not one after another (each
   * merge fetches its bundle's entry, then its metadata), and Pagefind keeps them in the order of
   * the calls.
   */
  ensure(count: number): Promise<MergedIndex | undefined> {
    const step = this.queue.then(async () => {
      while (this.merged.length < count && this.waiting.length) {
        const index = await this.current();
        if (!index) {
          const bundle = this.waiting.shift()!;
          try {
            this.index = Promise.resolve(await this.open(bundle, this.optionsOf(bundle)));
            this.merged.push(bundle);
          } catch {
            this.failed.push(bundle);
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
            this.failed.push(batch[i]!);
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
}

/** Every bundle of the archive, searched as one index. */
export class BundledSearch {
  private readonly orders = new Map<Order, OrderedIndex>();
  private readonly failedBundles: SearchBundleInfo[] = [];

  /**
   * `bundles` newest first; `urlOf` gives a bundle's folder URL; `options` are given to every
   * bundle alike.
   */
  constructor(
    private readonly bundles: readonly SearchBundleInfo[],
    private readonly open: OpenIndex,
    private readonly urlOf: (bundle: SearchBundleInfo) => string,
    private readonly options: PagefindOptions = {},
  ) {}

  /** Bundles that could not be loaded, newest first. */
  get failed(): readonly SearchBundleInfo[] {
    return this.failedBundles;
  }

  private ordered(order: Order): OrderedIndex {
    let index = this.orders.get(order);
    if (!index) {
      const weights = new Map(
        newestFirstWeights(this.bundles).map((weight, i) => [this.bundles[i], weight]),
      );
      index = new OrderedIndex(
        this.bundles,
        (bundle) => ({
          ...this.options,
          indexWeight: order === "newest" ? (weights.get(bundle) ?? 1) : 1,
        }),
        this.open,
        this.urlOf,
        this.failedBundles,
      );
      this.orders.set(order, index);
    }
    return index;
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
    const ordered = this.ordered(order);
    // Every result wanted (all of them, for the count), every bundle is needed: merged at once.
    let wanted =
      order === "newest" && Number.isFinite(need)
        ? Math.max(1, ordered.count)
        : this.bundles.length;
    for (;;) {
      const index = await ordered.ensure(wanted);
      if (!index) return undefined;
      const found = await index.search(term, options);
      if (!found) return undefined;
      // A search for words finds each bundle's sentinel, which scores 0; a real match never does.
      const search =
        term === null ? found : { ...found, results: found.results.filter((r) => r.score > 0) };
      if (search.results.length >= need || ordered.complete) {
        return { results: search.results, complete: ordered.complete, search };
      }
      wanted = ordered.count + 1;
    }
  }

  /** Loads every bundle's filter index for `order`; resolves to the merged counts. */
  async filters(order: Order): Promise<PagefindFilterCounts> {
    const index = await this.ordered(order).ensure(this.bundles.length);
    return index ? index.filters() : {};
  }
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
