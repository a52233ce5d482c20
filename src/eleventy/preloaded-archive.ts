import type { Archive } from "../collections/archive.ts";

let preloaded: Archive | undefined;
let searchIndex = true;

/**
 * Hands Eleventy an archive that `npm run build` has already validated and whose photos it has
 * published, so the plugin does not read every article again; `search: false` builds the site
 * without its search index. (Eleventy applies the constructor's `config` callback before the
 * config file, so overriding the global data there does not work.)
 */
export function preloadArchive(archive: Archive, options: { search?: boolean } = {}): void {
  preloaded = archive;
  searchIndex = options.search ?? true;
}

/** The preloaded archive, once; undefined under `npm start`, where each rebuild reads the files. */
export function takePreloadedArchive(): Archive | undefined {
  const archive = preloaded;
  preloaded = undefined;
  return archive;
}

/** Whether this build writes the search index: always, unless the preloading build said not to. */
export function searchIndexWanted(): boolean {
  return preloaded === undefined || searchIndex;
}
