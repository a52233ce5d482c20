import path from "node:path";
import { loadArchive } from "../content/load-archive.ts";
import { ARTICLES_DIR } from "../content/load-articles.ts";

import type EleventyConfig from "@11ty/eleventy/UserConfig";

export interface ArchivePluginOptions {
  /** The archive: the folder holding `content/`, `_data/` and `assets/`. */
  root: string;
  /** This project's folder, for the site's own CSS and scripts. */
  projectDir: string;
}

/**
 * Makes the validated archive model global data (`archive`), copies assets, and rebuilds when
 * articles, registry or assets change. Articles are data, not Eleventy templates: a handful of
 * paginated templates render every page, which keeps Eleventy's per-template bookkeeping constant
 * as the archive grows.
 */
export function archivePlugin(eleventyConfig: EleventyConfig, options: ArchivePluginOptions): void {
  const { root, projectDir } = options;
  eleventyConfig.addGlobalData("archive", () => loadArchive(root));
  const copies: Record<string, string> = {
    [path.join(projectDir, "assets", "css")]: "assets/css",
    [path.join(projectDir, "assets", "js")]: "assets/js",
    [path.join(projectDir, "assets", "favicon.svg")]: "assets/favicon.svg",
    [path.join(root, "assets", "photos")]: "assets/photos",
  };
  eleventyConfig.addPassthroughCopy(copies);

  for (const target of [ARTICLES_DIR, "_data", path.join("assets", "photos")]) {
    eleventyConfig.addWatchTarget(path.join(root, target));
  }
}
