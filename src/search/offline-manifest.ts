// What the build tells the service worker and the search page of the offline copy (`offline.json`,
// written by offline.ts): types only, shared by the build and the browser.

/** One file of the search index: its path from the site root, its size, and a hash of it. */
export type OfflineFile = [path: string, bytes: number, hash: string];

export interface OfflineBundle {
  dir: string;
  from: string;
  to: string;
  pages: number;
  tag: string;
  /** Its fragment packs' names, in page order (see merge-shards.ts). */
  packs: string[];
  /** Its files: metadata, index chunks, filters and fragment packs. */
  files: OfflineFile[];
  bytes: number;
}

/**
 * The offline copy a reader's browser can keep (see src/browser/offline-cache.ts): the site shell,
 * always; Pagefind's scripts; each bundle's files. A file's path names its content (Pagefind's and
 * the merge's content hashes) but for the scripts, whose hash is given, so an update downloads what
 * changed and drops what is gone.
 */
export interface OfflineManifest {
  build: string;
  /** Whether the browser saves the whole index by itself (it is within the site's budget). */
  autoSave: boolean;
  /** Bytes of the whole index: the scripts and every bundle. */
  bytes: number;
  shell: string[];
  runtime: OfflineFile[];
  /** Newest first, as the search page lists them. */
  bundles: OfflineBundle[];
  perPack: number;
  site: { title: string; language: string };
}
