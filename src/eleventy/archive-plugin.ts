import path from "node:path";
import { loadArchive } from "../collections/load-archive.ts";
import { ARTICLES_DIR } from "../content/load-articles.ts";
import { describeImageReport, processArchiveImages } from "../images/process-images.ts";
import { ARTICLE_PAGES, BULK_PAGES, writeBulkPages } from "../render/bulk-pages.ts";
import type { Archive } from "../collections/archive.ts";
import type { BuildCache } from "../cache/build-cache.ts";
import type { SiteBuild, SiteStats } from "./site-build.ts";

import type EleventyConfig from "@11ty/eleventy/UserConfig";

export interface ArchivePluginOptions extends Pick<
  SiteBuild,
  "root" | "env" | "archive" | "cache" | "verbose"
> {
  /** This project's folder, for the page templates and the site's own CSS and scripts. */
  projectDir: string;
  /** Filled in with the number of bulk pages and the time spent writing them. */
  stats?: Pick<SiteStats, "bulkPages" | "bulkMs">;
  /** Told of every page written outside Eleventy's own rendering (the bulk pages). */
  onPage?: (output: string, html: string) => Promise<void> | undefined;
  /**
   * Told of the archive as soon as it is read, before any page is written, with the build cache
   * when `npm run build` uses one.
   */
  onArchive?: (archive: Archive, cache?: BuildCache) => void;
  /** Told of every page the build cache linked instead of rendering, and the file it came from. */
  onLinked?: (output: string, file: string) => Promise<void> | undefined;
  /** Told when every article page has been written (they are written first). */
  onArticlesWritten?: () => void;
  /** Whether another process works on a second core during this build (Pagefind, indexing). */
  secondCoreBusy?: () => boolean;
}

/**
 * Makes the validated archive model global data (`archive`) with its photos published (originals
 * are not copied: only the resized files under `img/`), writes the bulk pages (one per article,
 * term, term month, pair and list page, see `BULK_PAGES`), copies assets, and rebuilds when
 * articles, registry or assets change. Articles are data, not Eleventy templates: a handful of
 * templates render every page, which keeps Eleventy's per-template bookkeeping constant as the
 * archive grows. Needs the config's event mode to be sequential, so that the search plugin,
 * registered first, is ready for the pages written here.
 */
export function archivePlugin(eleventyConfig: EleventyConfig, options: ArchivePluginOptions): void {
  const { root, projectDir } = options;
  const pagesDir = path.join(projectDir, "src", "pages");
  // The build's archive and cache are for its first run; a run after it (watch) reads the files.
  let given: Pick<ArchivePluginOptions, "archive" | "cache"> | undefined = options;
  let archive: Archive | undefined;
  // `eleventy.before` names the output folder and fires before global data is computed, on every
  // build and rebuild: the archive is read, its photos published and the bulk pages written here.
  // @see https://www.11ty.dev/docs/events/#eleventy.before
  eleventyConfig.on(
    "eleventy.before",
    async ({ directories, runMode }: { directories: { output: string }; runMode: string }) => {
      archive = given?.archive;
      const cache = given?.cache;
      given = undefined;
      if (!archive) {
        archive = loadArchive(root, options.env);
        const images = await processArchiveImages(archive, {
          root,
          outputDir: directories.output,
        });
        // `npm run build` reports photos itself; under watch, say what each rebuild encoded.
        if (runMode !== "build" && images.photos) console.log(describeImageReport(images, root));
      }
      options.onArchive?.(archive, cache);
      const started = performance.now();
      // With --verbose, each page as Eleventy lists its own ("[11ty] Writing …").
      const list = (verb: string, output: string) =>
        console.log(
          `[pages] ${verb} ${path.relative(process.cwd(), path.join(directories.output, output))}`,
        );
      const written = await writeBulkPages(archive, {
        pagesDir,
        outputDir: directories.output,
        onPage: (output, html) => {
          if (options.verbose) list("Writing", output);
          // What the file will hold, recorded by the cache so that a later build can check it.
          cache?.rendered(output, html);
          return options.onPage?.(output, html);
        },
        reuse: cache && ((output) => cache.reusePage(output, directories.output)),
        onLinked: options.verbose
          ? (output, file) => (list("Reusing", output), options.onLinked?.(output, file))
          : options.onLinked,
        // Only a free core pays for a writer thread (see `FileWriter`).
        writerThread: !options.secondCoreBusy?.(),
        onTemplateWritten: (template) => {
          if (template === ARTICLE_PAGES) options.onArticlesWritten?.();
        },
      });
      if (options.stats) {
        options.stats.bulkPages = written;
        options.stats.bulkMs = performance.now() - started;
      }
    },
  );
  eleventyConfig.addGlobalData("archive", () => {
    if (!archive) throw new Error("archivePlugin: the archive is read in `eleventy.before`.");
    return archive;
  });
  // Eleventy renders the remaining templates; the bulk ones are written above.
  for (const file of BULK_PAGES) {
    eleventyConfig.ignores.add(path.relative(process.cwd(), path.join(pagesDir, file)));
  }
  // Pages are rendered from the archive model, never from Eleventy collections. Leaving every
  // page out of collections spares Eleventy's per-item collection bookkeeping and its copy of
  // each rendered page.
  // @see https://www.11ty.dev/docs/collections/#how-to-exclude-content-from-collections
  eleventyConfig.addGlobalData("eleventyExcludeFromCollections", true);
  const copies: Record<string, string> = {
    [path.join(projectDir, "assets", "css")]: "assets/css",
    [path.join(projectDir, "assets", "favicon.svg")]: "assets/favicon.svg",
  };
  eleventyConfig.addPassthroughCopy(copies);

  for (const target of [ARTICLES_DIR, "_data", path.join("assets", "photos")]) {
    eleventyConfig.addWatchTarget(path.join(root, target));
  }
}
