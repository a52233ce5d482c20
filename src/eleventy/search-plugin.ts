import path from "node:path";
import type EleventyConfig from "@11ty/eleventy/UserConfig";
import { SearchIndexSession } from "../search/build-search-index.ts";
import { writeServiceWorker } from "../search/offline.ts";

/** Article pages are the only pages in the search index. */
const ARTICLE_PAGE = /^articles\/.+\.html$/;

/**
 * Indexes the article pages with Pagefind during every Eleventy build: each article page is
 * handed to Pagefind as it is rendered, and the index is written after the build, followed by the
 * service worker that keeps the site and its search working offline. An indexing error fails the
 * build.
 * @see https://pagefind.app/docs/node-api/#indexaddhtmlfile
 */
export function searchPlugin(
  eleventyConfig: EleventyConfig,
  options: { language?: string; projectDir: string },
): void {
  let session: SearchIndexSession | undefined;
  let outputDir = "";
  eleventyConfig.on(
    "eleventy.before",
    async ({ directories }: { directories: { output: string } }) => {
      outputDir = path.resolve(directories.output);
      session = await SearchIndexSession.start({ language: options.language });
    },
  );
  eleventyConfig.addTransform(
    "search-index",
    function (this: { page: { outputPath: string | false } }, content: string) {
      const output = this.page.outputPath;
      if (session && typeof output === "string") {
        const relative = path.relative(outputDir, path.resolve(output)).split(path.sep).join("/");
        if (ARTICLE_PAGE.test(relative)) session.add(relative, content);
      }
      return content;
    },
  );
  eleventyConfig.on(
    "eleventy.after",
    async ({ directories }: { directories: { output: string } }) => {
      if (!session) return;
      const current = session;
      session = undefined;
      const result = await current.finish(directories.output);
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
