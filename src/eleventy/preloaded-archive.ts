import type { Archive } from "../collections/archive.ts";
import type { BuildCache } from "../cache/build-cache.ts";

let preloaded: Archive | undefined;
let preloadedCache: BuildCache | undefined;
let searchIndex = true;

/**
 * Hands Eleventy an archive that `npm run build` has already validated and whose photos it has
 * published, so the plugin does not read every article again; `search: false` builds the site
 * without its search index. (Eleventy applies the constructor's `config` callback before the
 * config file, so overriding the global data there does not work.)
 */
export function preloadArchive(
  archive: Archive,
  options: { search?: boolean; cache?: BuildCache } = {},
): void {
  preloaded = archive;
  preloadedCache = options.cache;
  searchIndex = options.search ?? true;
}

/**
 * The preloaded archive and the build cache it is built with, once; undefined under `npm start`,
 * where each rebuild reads the files.
 */
export function takePreloadedArchive(): { archive: Archive; cache?: BuildCache } | undefined {
  const archive = preloaded;
  const cache = preloadedCache;
  preloaded = undefined;
  preloadedCache = undefined;
  return archive && { archive, cache };
}

/** Whether this build writes the search index: always, unless the preloading build said not to. */
export function searchIndexWanted(): boolean {
  return preloaded === undefined || searchIndex;
}
