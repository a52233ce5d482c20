/**
 * One search bundle as the search page is told of it (`data-bundles`), newest first. Types only:
 * the browser's code (src/browser, compiled on its own) imports this too, so that the page and the
 * build agree on the list.
 */
export interface SearchBundleInfo {
  /** Its folder under `pagefind/`: "" for the newest bundle, `<first day>/` for the others. */
  dir: string;
  /** First and last day, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** Stories in it. */
  pages: number;
}
