import path from "node:path";
import { archivePlugin } from "./src/eleventy/archive-plugin.ts";
import { browserBundlesPlugin } from "./src/eleventy/browser-bundles.ts";
import { searchIndexing } from "./src/eleventy/search-plugin.ts";
import { tsxTemplatesPlugin } from "./src/eleventy/tsx-templates-plugin.ts";
import { loadSite } from "./src/config/site.ts";

import type EleventyConfig from "@11ty/eleventy/UserConfig";

// The archive to build: this folder unless ARCHIVE_ROOT names another (tests build fixture sites).
const root = path.resolve(process.env.ARCHIVE_ROOT ?? process.cwd());
const projectDir = import.meta.dirname;

export default function (eleventyConfig: EleventyConfig) {
  const site = loadSite(root);
  // Event handlers run one after another, in the order the plugins below register them.
  // @see https://www.11ty.dev/docs/events/ (setEventEmitterMode)
  eleventyConfig.setEventEmitterMode("sequential");

  // Pages: Preact components in .11ty.tsx files.
  eleventyConfig.addPlugin(tsxTemplatesPlugin);

  // Search: Pagefind starts before any page is written and indexes each article page.
  const search = searchIndexing({ language: site.language, projectDir });
  eleventyConfig.addPlugin(search.plugin);

  // Content: articles, registry and photos become the `archive` global data; the bulk pages are
  // written from it before Eleventy renders the rest.
  eleventyConfig.addPlugin(archivePlugin, {
    root,
    projectDir,
    onArchive: search.archiveRead,
    onPage: search.addPage,
    onLinked: search.linkedPage,
    onArticlesWritten: search.articlesWritten,
    secondCoreBusy: search.indexing,
  });

  // Scripts: src/browser's TypeScript, bundled into assets/js/ while the pages render.
  eleventyConfig.addPlugin(browserBundlesPlugin, { projectDir });

  return {
    pathPrefix: site.pathPrefix,
    dir: {
      input: path.relative(process.cwd(), path.join(projectDir, "src", "pages")) || ".",
    },
  };
}
