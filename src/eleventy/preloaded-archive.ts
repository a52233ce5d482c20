import type { Archive } from "../collections/archive.ts";

let preloaded: Archive | undefined;

/**
 * Hands Eleventy an archive that `npm run build` has already validated and whose photos it has
 * published, so the plugin does not read every article again. (Eleventy applies the constructor's
 * `config` callback before the config file, so overriding the global data there does not work.)
 */
export function preloadArchive(archive: Archive): void {
  preloaded = archive;
}

/** The preloaded archive, once; undefined under `npm start`, where each rebuild reads the files. */
export function takePreloadedArchive(): Archive | undefined {
  const archive = preloaded;
  preloaded = undefined;
  return archive;
}
