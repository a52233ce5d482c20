import path from "node:path";
import type EleventyConfig from "@11ty/eleventy/UserConfig";
import { buildSearchIndex } from "../search/build-search-index.ts";
import { writeServiceWorker } from "../search/offline.ts";

/**
 * Indexes the article pages with Pagefind after every build, including rebuilds under `npm start`,
 * then writes the service worker that keeps the site and its search working offline.
 * An indexing error fails the build.
 */
export function searchPlugin(
  eleventyConfig: EleventyConfig,
  options: { language?: string; projectDir: string },
): void {
  eleventyConfig.on(
    "eleventy.after",
    async ({ directories }: { directories: { output: string } }) => {
      const result = await buildSearchIndex(directories.output, { language: options.language });
      const offline = writeServiceWorker(
        directories.output,
        path.join(options.projectDir, "assets", "js", "service-worker.js"),
      );
      console.log(
        `[search] Pagefind indexed ${result.pages} article pages; offline cache ${offline.build} holds ${offline.precache.length} files`,
      );
    },
  );
}
