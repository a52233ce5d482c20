import path from "node:path";
import { loadArchive } from "../content/load-archive.ts";
import { takePreloadedArchive } from "./preloaded-archive.ts";
import { ARTICLES_DIR } from "../content/load-articles.ts";
import { describeImageReport, processArchiveImages } from "../images/process-images.ts";

import type EleventyConfig from "@11ty/eleventy/UserConfig";

export interface ArchivePluginOptions {
  /** The archive: the folder holding `content/`, `_data/` and `assets/`. */
  root: string;
  /** This project's folder, for the site's own CSS and scripts. */
  projectDir: string;
}

/**
 * Makes the validated archive model global data (`archive`) with its photos published (originals
 * are not copied: only the resized files under `img/`), copies assets, and rebuilds when
 * articles, registry or assets change. Articles are data, not Eleventy templates: a handful of
 * paginated templates render every page, which keeps Eleventy's per-template bookkeeping constant
 * as the archive grows.
 */
export function archivePlugin(eleventyConfig: EleventyConfig, options: ArchivePluginOptions): void {
  const { root, projectDir } = options;
  // Photos are published into the output folder, which Eleventy names in `eleventy.before`; that
  // event fires before global data is computed, on every build and rebuild.
  // @see https://www.11ty.dev/docs/events/#eleventy.before
  let build: { outputDir: string; runMode: string } | undefined;
  eleventyConfig.on(
    "eleventy.before",
    ({ directories, runMode }: { directories: { output: string }; runMode: string }) => {
      build = { outputDir: directories.output, runMode };
    },
  );
  eleventyConfig.addGlobalData("archive", async () => {
    const preloaded = takePreloadedArchive();
    if (preloaded) return preloaded;
    const archive = loadArchive(root);
    if (!build) throw new Error("archivePlugin: `eleventy.before` did not name the output folder.");
    const images = await processArchiveImages(archive, { root, outputDir: build.outputDir });
    // `npm run build` reports photos itself; under `npm start` say what each rebuild encoded.
    if (build.runMode !== "build" && images.photos) console.log(describeImageReport(images, root));
    return archive;
  });
  // Pages are rendered from the archive model, never from Eleventy collections. Leaving every
  // page out of collections spares Eleventy's per-item collection bookkeeping and its copy of
  // each rendered page, which dominate time and memory at tens of thousands of pages.
  // @see https://www.11ty.dev/docs/collections/#how-to-exclude-content-from-collections
  eleventyConfig.addGlobalData("eleventyExcludeFromCollections", true);
  const copies: Record<string, string> = {
    [path.join(projectDir, "assets", "css")]: "assets/css",
    [path.join(projectDir, "assets", "js")]: "assets/js",
    [path.join(projectDir, "assets", "favicon.svg")]: "assets/favicon.svg",
    // Netlify and Cloudflare Pages read response headers (CSP, caching) from `_headers` at the root.
    [path.join(projectDir, "assets", "_headers")]: "_headers",
  };
  eleventyConfig.addPassthroughCopy(copies);

  for (const target of [ARTICLES_DIR, "_data", path.join("assets", "photos")]) {
    eleventyConfig.addWatchTarget(path.join(root, target));
  }
}
