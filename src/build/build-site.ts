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
  buildsFolder,
  finishInterruptedPublish,
  newBuildFolder,
  publishBuild,
  removeLeftovers,
  removeSpares,
} from "../output/output-swap.ts";
import { planArchiveBundles, type BundlePlan } from "../search/bundles.ts";
import { describeOfflineCopy, writeServiceWorker } from "../search/offline.ts";
import { serviceWorkerTemplate } from "../eleventy/browser-bundles.ts";
import { BuildCache, describeCacheReport, type CacheReport } from "../cache/build-cache.ts";
import { buildCacheDir, cacheKey, parsedArticlesDir, type CacheKey } from "../cache/cache-key.ts";
import { cacheStateFile, forgetBuildCache } from "../cache/cache-state.ts";
import { forgetPublished, recordPublished } from "../cache/up-to-date.ts";
import { checkUpToDate, describeUpToDate, type PublishedSummary } from "./up-to-date-build.ts";
import { readArchiveInputs, type ArchiveInputs } from "../content/archive-inputs.ts";
import { removeLeftoverTempFiles } from "../files/leftover-temp-files.ts";
import type { HeldLock } from "../files/lock-file.ts";
import { BuildLockError, lockBuild, outputLockFile } from "./build-lock.ts";
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
  /**
   * What runs the build, in the user's words, for a build that has to wait for it: `npm run build`
   * unless given.
   */
  purpose?: string;
  /** The caller already asked `upToDateBuild` and there was something to build: the build does not check again. */
  checkedUpToDate?: boolean;
  /**
   * The archive's files as the caller stamped them before the build (see archive-inputs.ts): the
   * build goes on from them instead of stamping them itself, and a file changed since is built by
   * the next build. `npm start` compares them with the files once its watcher is ready.
   */
  inputs?: ArchiveInputs;
  /** How long to wait for another build of the same output or archive (`LOCK_WAIT_MS` unless given). */
  lockWaitMs?: number;
  /**
   * Test only: called at each named step of the build (`BuildStep`). The fault-injection tests stop
   * the process there, to check that a build killed at any step leaves a site and a cache from
   * which the next build makes what a clean build makes.
   */
  onStep?: (step: BuildStep) => void;
}

export { BUILD_STEPS, type BuildStep } from "./build-steps.ts";
import type { BuildStep } from "./build-steps.ts";

export interface BuildResult {
  /**
   * The archive the build read; absent when nothing had changed since the published build
   * (`upToDate`), which reads no story.
   */
  archive?: Archive;
  /** The articles published. */
  articles: number;
  /** Nothing changed since the build that published `outDir`: it was left as it is. */
  upToDate?: boolean;
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
 * Builds the site into a fresh folder and moves it into place only on success, so a failed or
 * killed build leaves the previous output exactly as it was (see src/output/output-swap.ts). One
 * build of an output at a time: another waits (see build-lock.ts). What killed builds left behind is
 * removed first. Once the new site is in place, nothing fails the build: a cache that cannot be
 * saved is a warning.
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const outDir = path.resolve(options.outDir);
  const purpose = options.purpose ?? "npm run build";
  const shownOut = path.relative(process.cwd(), outDir) || outDir;
  const lock = await lockBuild(outputLockFile(buildsFolder(outDir)), {
    purpose,
    what: shownOut,
    waitMs: options.lockWaitMs,
  });
  let cacheLock: HeldLock | undefined;
  try {
    return await buildLocked(options, outDir, lock, (held) => (cacheLock = held));
  } finally {
    cacheLock?.release();
    lock.release();
  }
}

const warn = (line: string) => console.warn(`⚠ ${line}`);

/**
 * How long before the output is measured its listing is dated (see `FolderListing`): file systems
 * stamp times from a coarse clock, some to the nearest two seconds. A folder the build changed in
 * these last seconds is listed again by the build that updates it as a spare.
 */
const LISTING_MARGIN_MS = 5_000;

async function buildLocked(
  options: BuildOptions,
  outDir: string,
  lock: HeldLock,
  heldCache: (lock: HeldLock) => void,
): Promise<BuildResult> {
  const root = path.resolve(options.root);
  const env = options.env ?? {};
  const onStep = options.onStep as ((step: string) => void) | undefined;
  const stats: BuildStats = {};
  const phase = phaseTimer(stats);
  phase("startup");
  // Before validating, so that a build that fails on content still frees what killed builds left.
  const finished = finishInterruptedPublish(outDir);
  if (finished) console.log(finished);
  await removeLeftovers(outDir);
  // Portable builds rewrite their pages in place, which a kept or linked page must never be;
  // pages-only and assembled builds have no index for the cache to describe.
  let useCache = !(
    options.cache === false ||
    options.portable ||
    options.search === false ||
    options.assemble
  );
  if (useCache) useCache = await lockCache(root, options, heldCache);
  phase("leftovers");
  onStep?.("leftovers-removed");
  const fresh = options.cache === "fresh";
  // The archive's files as the build reads them, stamped once (see archive-inputs.ts).
  let inputs = options.inputs;
  if (useCache && !fresh && !options.checkedUpToDate) {
    const checked = checkUpToDate(root, outDir, options.projectDir, env, inputs);
    phase("up to date");
    if (checked.summary) {
      if (!options.quiet) console.log(describeUpToDate(outDir, checked.summary));
      return { ...checked.summary, outDir, upToDate: true, stats };
    }
    inputs = checked.inputs;
  }
  if (useCache) {
    // This build changes what the record describes, even should it fail or be killed.
    forgetPublished(root);
    inputs ??= readArchiveInputs(root);
  }
  let key: CacheKey | undefined;
  // Validate first: content errors are reported as they are, not wrapped by Eleventy. With the
  // cache, articles unchanged since the previous build are not parsed again.
  const archive = loadArchive(root, env, {
    inputs,
    store: useCache
      ? (site) => {
          key = cacheKey({ projectDir: options.projectDir, root, site, env });
          return ParsedArticleStore.open(parsedArticlesDir(root), key.key, { fresh, warn, onStep });
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

  const cache =
    useCache && key ? BuildCache.open({ root, archive, fresh, key, onStep }) : undefined;

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
  let listedAt = 0;
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
    const eleventyPages = pagesWritten(results, staging);
    onStep?.("pages-written");
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
    // previous site stays, since the host would refuse the upload or take the site down. With the
    // cache, the folders of pages are not listed: the build knows their every page (see
    // `MeasureOptions.pages`), the spare it updates having been emptied of everything else.
    output = checkOutput(staging, archive.site.host, {
      paths: Boolean(cache),
      known: cache && ((file) => cache.keptStamp(file)),
      pages: cache && [...cache.pagesInBuild, ...eleventyPages],
    });
    listedAt = Date.now() - LISTING_MARGIN_MS;
    phase("check");
    onStep?.("output-checked");
  } catch (error) {
    await Promise.all(stops.map((stop) => stop()));
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  // Another build took the lock over (this one was thought gone): it must not publish too.
  if (!lock.stillOurs()) {
    await rm(staging, { recursive: true, force: true });
    throw new BuildLockError(
      `Another build took over ${outDir} while this one ran; nothing was published.`,
    );
  }
  const replaced = await publishBuild(outDir, staging, onStep);
  phase("publish");
  // The new site is in place: from here on, a problem is a warning, never a failed build.
  try {
    // The cache records the published build before the one it replaced is kept as a spare.
    const stamps = output.measure.stamps ?? new Map();
    const kept = cache
      ? await cache.published(outDir, path.basename(staging), stamps, replaced, listedAt)
      : false;
    if (cache && key) {
      const report = cache.report;
      const summary: PublishedSummary = {
        articles: archive.articles.length,
        written: 0,
        // Photos as published: none encoded, each file from the cache; their list is not kept.
        images: {
          ...images,
          encodedPhotos: 0,
          encodedFiles: 0,
          cachedFiles: images.cachedFiles + images.encodedFiles,
          encodeMs: 0,
          pictures: new Map(),
        },
        output: { ...output, measure: { ...output.measure, paths: undefined, stamps: undefined } },
        cache: {
          pagesRendered: 0,
          pagesReused: report.pagesRendered + report.pagesReused,
          bundlesIndexed: [],
          bundlesReused: [...report.bundlesIndexed, ...report.bundlesReused],
          changedFiles: [],
        },
      };
      const guards = [cacheStateFile(buildCacheDir(root))];
      if (inputs) recordPublished({ root, outDir, key: key.key, inputs, stamps, guards, summary });
    }
    if (!cache) {
      // A build without the cache leaves no spare, and the cache no longer describes the output.
      await removeSpares(outDir);
      try {
        forgetBuildCache(root);
      } catch {
        // A cache that cannot be written was reported before the build; the state it keeps
        // describes an older build, whose files a later build checks before it reuses any.
      }
    }
    if (replaced && !kept) await rm(replaced, { recursive: true, force: true });
  } catch (error) {
    warn(
      `${path.relative(process.cwd(), outDir) || outDir} is published, but the build cache could not be saved (${(error as Error).message}): the next build cannot reuse this one.`,
    );
    if (cache) {
      try {
        forgetBuildCache(root);
      } catch {
        // Unwritable: the state left describes an older build, whose files are checked before reuse.
      }
    }
  }
  if (cache && !options.quiet) console.log(describeCacheReport(cache.report));
  return {
    archive,
    articles: archive.articles.length,
    outDir,
    written,
    images,
    output,
    cache: cache?.report,
    stats,
  };
}

/**
 * The files Eleventy wrote under `outDir`, relative to it with forward slashes, from what
 * `Eleventy.write` returns: its passthrough copies' report, then one result per page written
 * (`outputPath`, false for a page with no output).
 * @see https://www.11ty.dev/docs/programmatic/
 */
function pagesWritten(results: unknown[], outDir: string): string[] {
  const pages: string[] = [];
  for (const result of results.flat()) {
    const output = (result as { outputPath?: unknown } | undefined)?.outputPath;
    if (typeof output !== "string") continue;
    pages.push(path.relative(outDir, path.resolve(output)).split(path.sep).join("/"));
  }
  return pages;
}

/**
 * The archive a build made `outDir` from, for a caller that goes on from the published build
 * (`npm start`): the build's when it read one, else (nothing had changed) read again with the
 * parsed articles the cache keeps, each photo's picture data attached as the pages show it. Read
 * again, a story is taken from the cache while its file is as the build's `inputs` stamped it,
 * even when it was saved since: that save is an edit to apply to the published pages, not part of
 * them.
 */
export async function archiveOf(
  built: BuildResult,
  options: Pick<BuildOptions, "root" | "projectDir" | "env" | "inputs">,
): Promise<Archive> {
  if (built.archive) return built.archive;
  const root = path.resolve(options.root);
  const env = options.env ?? {};
  const archive = loadArchive(root, env, {
    inputs: options.inputs,
    store: (site) =>
      ParsedArticleStore.open(
        parsedArticlesDir(root),
        cacheKey({ projectDir: options.projectDir, root, site, env }).key,
        { warn },
      ),
  });
  await processArchiveImages(archive, { root, outputDir: built.outDir, publish: false });
  return archive;
}

/**
 * Takes the archive's build-cache lock, and clears what killed builds left in the cache; false, with
 * a warning, when the cache folder cannot be written (read-only): the build then goes without it.
 */
async function lockCache(
  root: string,
  options: BuildOptions,
  held: (lock: HeldLock) => void,
): Promise<boolean> {
  const dir = buildCacheDir(root);
  const shown = path.relative(process.cwd(), dir) || dir;
  try {
    held(
      await lockBuild(path.join(dir, "lock"), {
        purpose: options.purpose ?? "npm run build",
        what: `the build cache ${shown}`,
        waitMs: options.lockWaitMs,
      }),
    );
  } catch (error) {
    if (error instanceof BuildLockError) throw error;
    warn(
      `The build cache ${shown} cannot be written (${(error as Error).message}): building without it.`,
    );
    return false;
  }
  removeLeftoverTempFiles(dir);
  return true;
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
