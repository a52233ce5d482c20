import path from "node:path";
import { archivePlugin } from "./src/eleventy/archive-plugin.ts";
import { browserBundlesPlugin } from "./src/eleventy/browser-bundles.ts";
import { searchIndexing } from "./src/eleventy/search-plugin.ts";
import { tsxTemplatesPlugin } from "./src/eleventy/tsx-templates-plugin.ts";
import { loadSite } from "./src/config/site.ts";
import type { SiteBuild, SiteConfig } from "./src/eleventy/site-build.ts";

import type EleventyConfig from "@11ty/eleventy/UserConfig";

const projectDir = import.meta.dirname;

/**
 * Eleventy's configuration for one build of the archive in `build.root`. `npm run build` passes
 * what it has already read and checked as Eleventy's `config` option (see src/build/build-site.ts);
 * the default export below is the same configuration for a plain `npx @11ty/eleventy` run.
 * @see https://www.11ty.dev/docs/programmatic/
 */
export const siteConfig: SiteConfig = (build: SiteBuild) =>
  function (eleventyConfig: EleventyConfig) {
    const root = path.resolve(build.root);
    const site = build.archive?.site ?? loadSite(root, build.env);
    // Event handlers run one after another, in the order the plugins below register them.
    // @see https://www.11ty.dev/docs/events/ (setEventEmitterMode)
    eleventyConfig.setEventEmitterMode("sequential");

    // Pages: Preact components in .11ty.tsx files.
    eleventyConfig.addPlugin(tsxTemplatesPlugin);

    // Search: Pagefind starts before any page is written and indexes each article page.
    const search = searchIndexing({
      language: site.language,
      projectDir,
      root,
      fresh: build.fresh,
      index: build.search,
      stats: build.stats,
    });
    build.onStop?.(search.stop);
    eleventyConfig.addPlugin(search.plugin);

    // Content: articles, registry and photos become the `archive` global data; the bulk pages are
    // written from it before Eleventy renders the rest.
    const { env, archive, cache, verbose, stats } = build;
    eleventyConfig.addPlugin(archivePlugin, {
      root,
      projectDir,
      env,
      archive,
      cache,
      verbose,
      stats,
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
  };

// The archive to build: this folder unless ARCHIVE_ROOT names another; settings overrides
// (PATH_PREFIX, SITE_URL…) from the environment.
export default siteConfig({ root: process.env.ARCHIVE_ROOT ?? process.cwd(), env: process.env });
