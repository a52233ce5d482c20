import { buildSearchIndex } from "../search/build-search-index.ts";

import type EleventyConfig from "@11ty/eleventy/UserConfig";

/**
 * Indexes the article pages with Pagefind after every build, including rebuilds under `npm start`.
 * An indexing error fails the build.
 */
export function searchPlugin(
  eleventyConfig: EleventyConfig,
  options: { language?: string } = {},
): void {
  eleventyConfig.on(
    "eleventy.after",
    async ({ directories }: { directories: { output: string } }) => {
      const result = await buildSearchIndex(directories.output, { language: options.language });
      console.log(`[search] Pagefind indexed ${result.pages} article pages`);
    },
  );
}
