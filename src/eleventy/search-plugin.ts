import path from "node:path";
import type EleventyConfig from "@11ty/eleventy/UserConfig";
import type { Archive } from "../collections/archive.ts";
import {
  describeShards,
  SearchIndexSession,
  type SearchIndexStats,
} from "../search/build-search-index.ts";
import { CachedIndexing, type IndexCache } from "../search/cached-indexing.ts";
import { planArchiveBundles } from "../search/bundles.ts";
import { writeSearchIndexInfo } from "../search/search-page-info.ts";
import { ShardStore } from "../search/shard-store.ts";
import { describeOfflineCopy, writeServiceWorker } from "../search/offline.ts";
import { serviceWorkerTemplate } from "./browser-bundles.ts";
import { searchDocument } from "../search/search-document.ts";

/** Article pages are the only pages in the search index. */
const ARTICLE_PAGE = /^articles\/.+\.html$/;

export interface SearchIndexing {
  /** The Eleventy plugin: starts Pagefind before a build and writes its index after it. */
  plugin(eleventyConfig: EleventyConfig): void;
  /**
   * Hands a page written outside Eleventy to the index (only article pages are kept); returns a
   * promise to wait for when Pagefind is falling behind.
   */
  addPage(output: string, html: string): Promise<void> | undefined;
  /**
   * Told the archive this build renders, before any page: the search bundles are planned. With a
   * build cache, a bundle whose pages' search text did not change is linked from the cached build
   * instead of being indexed (see `CachedIndexing`).
   */
  archiveRead(archive: Archive, cache?: IndexCache): void;
  /**
   * Hands over an article page the build cache linked instead of rendering: unchanged, so its
   * search text is the cached build's; read from `file` only if its bundle is indexed.
   */
  linkedPage(output: string, file: string): Promise<void> | undefined;
  /** Says that every article page has been added: Pagefind can start writing its index. */
  articlesWritten(): void;
  /** Whether Pagefind is indexing this build (and so busy on a second core). */
  indexing(): boolean;
  /** Stops Pagefind's processes without writing the index: the build failed. */
  stop(): Promise<void>;
}

/**
 * Indexes the article pages with Pagefind during every Eleventy build, into the bundles that
 * src/search/bundles.ts plans from the archive: each article page is handed to its bundle's
 * Pagefind process as it is rendered (by Eleventy, through a transform, or by the bulk writer,
 * through `addPage`), so Pagefind (its own process) indexes on one core while pages render on the
 * other. The index is written after the build, followed by the service worker that keeps the site
 * and its search working offline. An indexing error fails the build.
 * @see https://pagefind.app/docs/node-api/#indexaddhtmlfile
 */
export function searchIndexing(options: {
  language: string;
  projectDir: string;
  /** The archive's folder: Pagefind's output for each shard is kept in its `.cache/search/`. */
  root: string;
  /** Take no shard from that store (it is still written): `npm run build -- --no-cache`. */
  fresh?: boolean;
  /** Whether to write the index; true unless set. */
  index?: boolean;
  /** Filled in with what indexing measured, once the index is written. */
  stats?: Partial<SearchIndexStats>;
}): SearchIndexing {
  let session: SearchIndexSession | undefined;
  let cached: CachedIndexing | undefined;
  /** The build cache this build's index reports to, if any. */
  let reportTo: IndexCache | undefined;
  const addPage = (output: string, html: string) => {
    if (!session || !ARTICLE_PAGE.test(output)) return undefined;
    const document = searchDocument(html);
    return cached ? cached.rendered(output, document) : session.add(output, { document });
  };
  const linkedPage = (output: string, file: string) =>
    cached && ARTICLE_PAGE.test(output) ? cached.linked(output, file) : undefined;
  let outputDir = "";
  let offline = { autoSaveBytes: 0, title: "" };
  const archiveRead = (archive: Archive, cache?: IndexCache) => {
    cached = undefined;
    reportTo = cache;
    if (options.index === false) return;
    const plan = planArchiveBundles(archive);
    offline = { autoSaveBytes: archive.site.offline.autoSaveBytes, title: archive.site.title };
    session = new SearchIndexSession(outputDir, plan, {
      language: options.language,
      store: new ShardStore(path.join(options.root, ".cache", "search")),
      fresh: options.fresh,
      reuse: cache,
      recordHash: cache && ((output, hash) => cache.recordDocument(output, hash)),
    });
    if (cache) cached = new CachedIndexing(cache, session);
  };
  const plugin = (eleventyConfig: EleventyConfig) => {
    eleventyConfig.on(
      "eleventy.before",
      async ({ directories }: { directories: { output: string } }) => {
        outputDir = path.resolve(directories.output);
      },
    );
    eleventyConfig.addTransform(
      "search-index",
      function (this: { page: { outputPath: string | false } }, content: string) {
        const output = this.page.outputPath;
        if (typeof output === "string") {
          // A handful of pages: no need to wait for Pagefind here.
          void addPage(
            path.relative(outputDir, path.resolve(output)).split(path.sep).join("/"),
            content,
          );
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
        cached = undefined;
        const [result, template] = await Promise.all([
          current.finish(),
          serviceWorkerTemplate(options.projectDir),
        ]);
        if (options.stats) Object.assign(options.stats, result.stats);
        // The cache's report says which bundles were merged anew and which it linked.
        reportTo?.report.bundlesIndexed.push(...result.bundlesMerged);
        reportTo?.report.bundlesReused.push(...result.bundlesReused);
        reportTo = undefined;
        writeSearchIndexInfo(directories.output, result.info);
        const copy = writeServiceWorker(directories.output, template, result.info, offline);
        console.log(
          `[search] ${result.pages} article pages in ${result.bundles} bundle(s), ${describeShards(result)}; offline copy ${copy.build}: ${describeOfflineCopy(copy)}`,
        );
      },
    );
  };
  // Bundles are written as soon as their last shard is indexed: nothing waits for the rest.
  const articlesWritten = () => undefined;
  return {
    plugin,
    addPage,
    archiveRead,
    linkedPage,
    articlesWritten,
    indexing: () => session !== undefined,
    stop: async () => {
      const current = session;
      session = undefined;
      cached = undefined;
      await current?.stop();
    },
  };
}
