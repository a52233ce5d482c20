import type EleventyConfig from "@11ty/eleventy/UserConfig";
import type { BuildCache } from "../cache/build-cache.ts";
import type { Archive } from "../collections/archive.ts";
import type { SearchIndexStats } from "../search/build-search-index.ts";

/**
 * What a build hands Eleventy's configuration (eleventy.config.ts's `siteConfig`): the archive it
 * has read and checked, its cache, whether to index, and where to record what it measures. A
 * plain `npx @11ty/eleventy` run gives only the archive's folder and the environment, and each of
 * its runs reads the archive.
 */
export interface SiteBuild {
  /** The archive folder (content/, _data/, assets/). */
  root: string;
  /** Settings overrides (SITE_URL, PATH_PREFIX…, see `loadSite`); none unless given. */
  env?: NodeJS.ProcessEnv;
  /** The archive, read and checked, its photos published: the first run builds it as it is. */
  archive?: Archive;
  /** The build cache the first run reuses pages and search bundles from (see src/cache). */
  cache?: BuildCache;
  /** Whether to write the search index; true unless set. */
  search?: boolean;
  /** Reuse nothing cached, the search shards included (`--no-cache`), but refresh the caches. */
  fresh?: boolean;
  /** Also list the pages written outside Eleventy, one line each. */
  verbose?: boolean;
  /** Filled in with what the run measured of itself. */
  stats?: SiteStats;
  /** Given what to stop should the build fail: the search index's Pagefind processes. */
  onStop?: (stop: () => Promise<void>) => void;
}

/** What the plugins measure of a run, for `npm run bench` (see src/build/build-stats.ts). */
export interface SiteStats extends Partial<SearchIndexStats> {
  /** Pages written outside Eleventy (see `BULK_PAGES`), and the time spent rendering and writing them. */
  bulkPages?: number;
  bulkMs?: number;
}

/** eleventy.config.ts's `siteConfig`: Eleventy's configuration for one build of an archive. */
export type SiteConfig = (build: SiteBuild) => (eleventyConfig: EleventyConfig) => unknown;
