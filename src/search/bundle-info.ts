/**
 * What the search page is told of the search index (`data-search-index`): the bundles, newest
 * first, and the format their files share. Types only: the browser's code (src/browser, compiled
 * on its own) imports this too, so that the page and the build agree on the list.
 */
export interface SearchBundleInfo {
  /** Its folder under `pagefind/`, ending in `/`. */
  dir: string;
  /** First and last day, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** Stories in it. */
  pages: number;
  /** The first characters of its pages' names (see src/search/merge-shards.ts). */
  tag: string;
  /** Its metadata file: `pagefind.<meta>.pf_meta`. */
  meta: string;
  /** Its fragment packs, in page order. */
  packs: string[];
  /**
   * Its file of fragment lengths (`fragment/<lengths>.pf_lengths`, see src/search/merge-shards.ts),
   * which the page loads after its first results, so that later results need no pack's header.
   */
  lengths?: string;
}

export interface SearchIndexInfo {
  bundles: SearchBundleInfo[];
  /** Pagefind's version, which wrote the files. */
  version: string;
  /** The index's language (the site's). */
  language: string;
  /** Characters Pagefind keeps in words besides letters and digits. */
  includeCharacters: string[];
  /** Fragments per pack file. */
  perPack: number;
}
