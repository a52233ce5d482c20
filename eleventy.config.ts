import path from "node:path";
import { archivePlugin } from "./src/eleventy/archive-plugin.ts";
import { searchPlugin } from "./src/eleventy/search-plugin.ts";
import { tsxTemplatesPlugin } from "./src/eleventy/tsx-templates-plugin.ts";
import { loadSite } from "./src/config/site.ts";

import type EleventyConfig from "@11ty/eleventy/UserConfig";

// The archive to build: this folder unless ARCHIVE_ROOT names another (tests build fixture sites).
const root = path.resolve(process.env.ARCHIVE_ROOT ?? process.cwd());
const projectDir = import.meta.dirname;

export default function (eleventyConfig: EleventyConfig) {
  const site = loadSite(root);

  // Pages: Preact components in .11ty.tsx files.
  eleventyConfig.addPlugin(tsxTemplatesPlugin);

  // Content: articles, registry and photos become the `archive` global data.
  eleventyConfig.addPlugin(archivePlugin, { root, projectDir });

  // Search: Pagefind indexes the article pages after every build.
  eleventyConfig.addPlugin(searchPlugin, { language: site.language, projectDir });

  return {
    pathPrefix: site.pathPrefix,
    dir: {
      input: path.relative(process.cwd(), path.join(projectDir, "src", "pages")) || ".",
    },
  };
}
