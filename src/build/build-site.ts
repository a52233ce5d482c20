import { rm } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Eleventy } from "@11ty/eleventy";
import { loadArchive } from "../collections/load-archive.ts";
import type { SiteConfig } from "../eleventy/site-build.ts";
import { makePortable } from "../portable/make-portable.ts";
import { phaseTimer, type BuildStats } from "./build-stats.ts";
import { checkOutput, type OutputCheck } from "../output/host-limits.ts";
import {
  newBuildFolder,
  publishBuild,
  removeLeftovers,
  removeSpares,
} from "../output/output-swap.ts";
import { planArchiveBundles, type BundlePlan } from "../search/bundles.ts";
import { describeOfflineCopy, writeServiceWorker } from "../search/offline.ts";
import { serviceWorkerTemplate } from "../eleventy/browser-bundles.ts";
import { BuildCache, describeCacheReport, type CacheReport } from "../cache/build-cache.ts";
import { globalKey, parsedArticlesDir } from "../cache/cache-key.ts";
import { ParsedArticleStore } from "../cache/parsed-articles.ts";
import { BULK_PAGES } from "../render/bulk-pages.ts";
import { loadPageModules, pageInstances } from "../render/page-instances.ts";
import { findBuiltBundles, installBundles, type BuiltBundle } from "./bundle-matrix.ts";
import { writeSearchIndexInfo } from "../search/search-page-info.ts";
import type { Archive } from "../collections/archive.ts";
import {
  describeImageReport,
  processArchiveImages,
  type ImageReport,
} from "../images/process-images.ts";

export interface BuildOptions {
  /** The archive folder (content/, _data/, assets/). */
  root: string;
  /** Where the finished site goes; replaced only when every step succeeded. */
  outDir: string;
  /** This project's folder (eleventy.config.ts, src/pages). */
  projectDir: string;
  /**
   * Settings overrides (SITE_URL, PATH_PREFIX, SEARCH_BUNDLE_SIZE…, see `loadSite`): the command
   * passes the process's environment. None unless given.
   */
  env?: NodeJS.ProcessEnv;
  /** Leaves out the reports on photos, removed markup and the cache. */
  quiet?: boolean;
  /** Lists every page written: Eleventy's own and the bulk pages. */
  verbose?: boolean;
  /** Also make the site work opened from the file system (relative links, Pagefind as scripts). */
  portable?: boolean;
  /** Write the search index (default); false builds the pages only, for a quicker preview. */
  search?: boolean;
  /**
   * Folders written by `npm run build -- --bundles` (see bundle-matrix.ts): instead of running
   * Pagefind, the build takes the search index from them, checking that they hold every bundle of
   * the archive exactly once, built from this build's pages, and then writes the service worker.
   */
  assemble?: readonly string[];
  /**
   * The build cache (src/cache/build-cache.ts), on unless false: pages and search bundles whose inputs did not
   * change since the previous build are taken from it. Portable, `--no-search` and assembling
   * builds do not use it. `fresh` reuses nothing but keeps the cache for the next build.
   */
  cache?: boolean | "fresh";
}

export interface BuildResult {
  archive: Archive;
  outDir: string;
  /** Files written: bulk pages, Eleventy's pages and copied assets. */
  written: number;
  /** Photos published, and how many files sharp encoded (0 when all came from the cache). */
  images: ImageReport;
  /** The output's files and size, and how close they come to the named host's limits. */
  output: OutputCheck;
  /** What the build cache reused, when the build used it. */
  cache?: CacheReport;
  /** What the build measured of itself (`npm run build -- --stats`). */
  stats: BuildStats;
}

/**
 * Builds the site into a fresh folder and swaps it in only on success, so a failed or killed build
 * leaves the previous output exactly as it was. The output is a link to the finished build,
 * replaced in one step (see src/output/output-swap.ts); what killed builds left behind is removed first.
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const root = path.resolve(options.root);
  const outDir = path.resolve(options.outDir);
  const env = options.env ?? {};
  const stats: BuildStats = {};
  const phase = phaseTimer(stats);
  phase("startup");
  // Before validating, so that a build that fails on content still frees what killed builds left.
  await removeLeftovers(outDir);
  phase("leftovers");
  // Portable builds rewrite their pages in place, which a kept or linked page must never be;
  // pages-only and assembled builds have no index for the cache to describe.
  const useCache = !(
    options.cache === false ||
    options.portable ||
    options.search === false ||
    options.assemble
  );
  const fresh = options.cache === "fresh";
  let key: string | undefined;
  // Validate first: content errors are reported as they are, not wrapped by Eleventy. With the
  // cache, articles unchanged since the previous build are not parsed again.
  const archive = loadArchive(root, env, {
    store: useCache
      ? (site) => {
          key = globalKey({ projectDir: options.projectDir, root, site });
          return ParsedArticleStore.open(parsedArticlesDir(root), key, { fresh });
        }
      : undefined,
  });
  phase("load");
  if (!options.quiet) warnRemovedMarkup(archive.removedMarkup ?? []);
  if (options.portable && options.search === false) {
    throw new Error("A portable build needs the search index: drop --no-search or --portable.");
  }
  if (options.assemble && options.search === false) {
    throw new Error("--assemble brings the search index its jobs built: drop --no-search.");
  }
  // Before anything is rendered: a missing or unexpected bundle fails the build at once.
  let assembly: { plan: BundlePlan; bundles: BuiltBundle[] } | undefined;
  if (options.assemble) {
    const plan = planArchiveBundles(archive);
    assembly = { plan, bundles: findBuiltBundles(options.assemble, plan) };
  }

  const cache = useCache
    ? BuildCache.open({ root, projectDir: options.projectDir, archive, fresh, key })
    : undefined;

  // With the cache, the build updates the spare build it keeps, when there is one.
  const staging = cache?.claimSpare(outDir) ?? newBuildFolder(outDir);
  phase("cache");
  // What to stop should the build fail: Pagefind's processes, left running, keep Node alive.
  const stops: Array<() => Promise<void>> = [];
  const siteConfig = await loadSiteConfig(options.projectDir);
  // The configuration is handed this build's archive and cache, not a file to read on its own.
  const eleventy = new Eleventy(path.join(options.projectDir, "src", "pages"), staging, {
    configPath: false,
    config: siteConfig({
      root,
      env,
      archive,
      cache,
      search: !assembly && (options.search ?? true),
      fresh,
      verbose: options.verbose,
      stats,
      onStop: (stop) => stops.push(stop),
    }),
    pathPrefix: archive.site.pathPrefix,
    quietMode: !options.verbose,
  });
  let written = 0;
  let images: ImageReport;
  let output: OutputCheck;
  try {
    // Photos first: the pages render their <picture> markup from what this attaches to the archive.
    images = await processArchiveImages(archive, { root, outputDir: staging });
    if (!options.quiet && images.photos) console.log(describeImageReport(images, root));
    phase("photos");
    // Assembled, the index comes from the bundle jobs: Pagefind does not run here.
    if (cache) {
      const pagesDir = path.join(options.projectDir, "src", "pages");
      cache.judgePages(pageInstances(await loadPageModules(pagesDir, BULK_PAGES), archive));
      phase("fingerprints");
    }
    // Bundled while the pages render, as the whole build's search plugin does.
    const template = assembly ? serviceWorkerTemplate(options.projectDir) : undefined;
    template?.catch(() => undefined);
    const results = (await eleventy.write()) as unknown[];
    written = results.flat().length + (stats.bulkPages ?? 0);
    if (assembly && template) {
      const { plan, bundles } = assembly;
      const installed = await installBundles(bundles, plan, staging, archive.site.language);
      const copied = installed.files;
      writeSearchIndexInfo(staging, installed.info);
      // Then the service worker, as the whole build writes it once its index is in place.
      const offline = writeServiceWorker(staging, await template, installed.info, {
        autoSaveBytes: archive.site.offline.autoSaveBytes,
        title: archive.site.title,
      });
      console.log(
        `[search] Assembled ${bundles.length} bundle(s), ${copied} files, from ${options.assemble?.length} folder(s); offline copy ${offline.build}: ${describeOfflineCopy(offline)}`,
      );
    }
    if (options.portable) makePortable(staging, archive.site.pathPrefix);
    phase("pages and index");
    // Measured as it will be uploaded; over the host's limits, the build fails here and the
    // previous site stays, since the host would refuse the upload or take the site down.
    output = checkOutput(staging, archive.site.host, { paths: Boolean(cache) });
    cache?.verify(output.measure.paths ?? []);
    phase("check");
  } catch (error) {
    await Promise.all(stops.map((stop) => stop()));
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  // The cache names the published folder before the one it replaced is kept as a spare or removed
  // (see src/cache/build-cache.ts).
  const files = output.measure.paths ?? [];
  // A build without the cache leaves no spare: the cache's next build starts from a new folder.
  await publishBuild(outDir, staging, (replaced) =>
    cache
      ? cache.published(outDir, staging, files, replaced)
      : removeSpares(outDir).then(() => false),
  );
  phase("publish");
  if (cache && !options.quiet) console.log(describeCacheReport(cache.report));
  return { archive, outDir, written, images, output, cache: cache?.report, stats };
}

/**
 * The project's Eleventy configuration, eleventy.config.ts, loaded from the project's folder as
 * Eleventy loads a configuration file; its `siteConfig` makes the configuration for one build.
 */
async function loadSiteConfig(projectDir: string): Promise<SiteConfig> {
  const file = path.join(projectDir, "eleventy.config.ts");
  const config = (await import(pathToFileURL(file).href)) as { siteConfig?: SiteConfig };
  if (typeof config.siteConfig !== "function") {
    throw new Error(
      `${file} exports no \`siteConfig\`: the build makes Eleventy's configuration with it (see src/eleventy/site-build.ts).`,
    );
  }
  return config.siteConfig;
}

/** Lists what the sanitiser removed: the site is built without it, and the writer should know. */
function warnRemovedMarkup(removed: readonly string[]): void {
  if (!removed.length) return;
  console.warn(`⚠ Removed ${removed.length} piece(s) of unsafe or unsupported markup:`);
  for (const line of removed.slice(0, 20)) console.warn(`  ${line}`);
  if (removed.length > 20)
    console.warn(`  … and ${removed.length - 20} more (npm run check lists them all).`);
}
