/**
 * The parts of Pagefind's browser API (`pagefind.js`, `pagefind-highlight.js`) this site uses.
 * Pagefind's npm package types its Node API only; its browser bundle is loaded at run time from
 * the built site, so these declarations describe that bundle's exports.
 * @see https://pagefind.app/docs/api/
 */

/** Filter name → value → number of results with it. */
export type PagefindFilterCounts = Record<string, Record<string, number>>;

/**
 * Filter name → the values a result must have: any one of them; under `not`, filter name → a
 * value results must not have.
 */
export type PagefindFilters = Record<string, { any: string[] } | Record<string, string>>;

export interface PagefindOptions {
  /** Prepended to every result's URL. */
  baseUrl?: string;
  /** The bundle's folder, when Pagefind cannot find it from its own URL. */
  basePath?: string;
  /** Words in an excerpt. */
  excerptLength?: number;
  /** The query parameter result URLs carry with the searched words. */
  highlightParam?: string;
  /** Searches on the page itself rather than in a web worker. */
  noWorker?: boolean;
  /** Multiplies the scores of this index's results when indexes are merged (default 1). */
  indexWeight?: number;
  /** Tag added to the entry file's URL instead of the time, so browsers may cache it. */
  metaCacheTag?: string;
  /** A filter every page of this index has, with this value (for telling indexes apart). */
  mergeFilter?: Record<string, string>;
}

export interface PagefindSearchOptions {
  filters?: PagefindFilters;
  /** A sort name (`data-pagefind-sort`) → direction. */
  sort?: Record<string, "asc" | "desc">;
}

/** One result: its data (URL, metadata, excerpt) is a fragment file, loaded on demand. */
export interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindResultData>;
}

export interface PagefindResultData {
  url: string;
  /** Text of the page with the matched words wrapped in `<mark>`. */
  excerpt: string;
  /** `data-pagefind-meta` values: `title`, `date`, `image`, … */
  meta: Record<string, string | undefined>;
}

export interface PagefindSearch {
  results: PagefindResult[];
  /** Counts of every filter's values among these results (once the filter index is loaded). */
  filters: PagefindFilterCounts;
}

/** An instance of Pagefind (`createInstance`): one index, and the indexes merged into it. */
export interface PagefindInstance {
  options(options: PagefindOptions): Promise<void>;
  init(): Promise<void>;
  /** Adds another bundle, searched with this one; `options` apply to it alone. */
  mergeIndex(bundlePath: string, options?: PagefindOptions): Promise<void>;
  search(term: string | null, options?: PagefindSearchOptions): Promise<PagefindSearch | null>;
  filters(): Promise<PagefindFilterCounts>;
  destroy(): Promise<void>;
}

/** The module `pagefind.js` (or its classic-script copy in the portable build). */
export interface Pagefind {
  /** A Pagefind instance of its own on the bundle `options.basePath`. */
  createInstance(options: PagefindOptions): PagefindInstance;
  options(options: PagefindOptions): Promise<void>;
  init(): Promise<void>;
  /** `null` searches with the filters alone; resolves to `null` when a newer search replaced it. */
  search(term: string | null, options?: PagefindSearchOptions): Promise<PagefindSearch | null>;
  /** Loads the filter index; resolves to every filter value's count across the site. */
  filters(): Promise<PagefindFilterCounts>;
}

export interface PagefindHighlightOptions {
  highlightParam?: string;
  /** Selector of the elements to mark matches in. */
  markContext?: string;
  /** Whether Pagefind adds its own `<style>` for `<mark>`. */
  addStyles?: boolean;
}

/** The module `pagefind-highlight.js`: marking on construction. */
export interface PagefindHighlightModule {
  default: new (options: PagefindHighlightOptions) => unknown;
}
