import type { Archive } from "../collections/archive.ts";
import { FileWriter } from "./file-writer.ts";
import { loadPageModules, pageInstances, type PageInstance } from "./page-instances.ts";

/**
 * The page templates that make one file per article, term, term month, pair or page of a list:
 * tens of thousands of files on a large archive. They are rendered here, from the same modules
 * Eleventy would run, and written straight to disk; Eleventy renders the other pages (indexes,
 * search, feeds, sitemap) and copies assets.
 *
 * Why: Eleventy spends about a millisecond of bookkeeping on every paginated page (its template
 * map and dependency graph), which is most of a 38,000-page build and most of its memory. Writing
 * these pages directly costs the rendering and the write, nothing more.
 */
/** The template of the article pages, the ones Pagefind indexes. */
export const ARTICLE_PAGES = "article.11ty.tsx";

export const BULK_PAGES = [
  // Article pages first, so that Pagefind can index them while the rest render.
  ARTICLE_PAGES,
  "term.11ty.tsx",
  "pair.11ty.tsx",
  "home.11ty.tsx",
  "archive-month.11ty.tsx",
  "feed-term.11ty.tsx",
] as const;

export interface BulkPagesOptions {
  /** The folder of page templates (`src/pages`). */
  pagesDir: string;
  /** The site folder being built. */
  outputDir: string;
  /**
   * Called with each written page, by its path in the site folder (`articles/…/index.html`); when
   * it returns a promise, the next page waits for it.
   */
  onPage?: (output: string, html: string) => Promise<void> | undefined;
  /** Called when the last page of a template has been rendered and handed to the writer. */
  onTemplateWritten?: (template: string) => void;
  /** Makes folders and files on a second thread (see `FileWriter`): when a core is spare. */
  writerThread?: boolean;
  /**
   * The build cache (src/cache/build-cache.ts): links a page whose inputs are unchanged from the previous
   * build and returns that file, or returns undefined for a page to render.
   */
  reuse?: (output: string) => string | undefined;
  /** Told of each page linked instead of rendered, with the file it was linked from. */
  onLinked?: (output: string, file: string) => Promise<void> | undefined;
}

/** Renders and writes every page of the bulk templates; returns how many files it wrote. */
export async function writeBulkPages(archive: Archive, options: BulkPagesOptions): Promise<number> {
  // In BULK_PAGES order, articles first: Pagefind indexes them while the lists are rendered.
  const modules = await loadPageModules(options.pagesDir, BULK_PAGES);
  return writePageInstances(pageInstances(modules, archive), options);
}

/** Renders each page and writes it under `outputDir`, on a second thread if asked. */
export async function writePageInstances(
  instances: Iterable<PageInstance>,
  options: Pick<
    BulkPagesOptions,
    "outputDir" | "onPage" | "onTemplateWritten" | "writerThread" | "reuse" | "onLinked"
  >,
): Promise<number> {
  const writer = new FileWriter(options.outputDir, { thread: options.writerThread ?? false });
  const owner = new Map<string, string>();
  let template: string | undefined;
  try {
    for (const instance of instances) {
      if (template !== undefined && instance.template !== template) {
        options.onTemplateWritten?.(template);
      }
      template = instance.template;
      // Eleventy refuses two pages with one output path; so does this, rather than overwrite one.
      const other = owner.get(instance.output);
      if (other) {
        throw new Error(
          `${instance.template} and ${other} both write ${instance.output}: give one of them another permalink.`,
        );
      }
      owner.set(instance.output, instance.template);
      // Unchanged since the cached build: linked, not rendered (the search index may still want it).
      const linked = options.reuse?.(instance.output);
      if (linked === undefined) {
        const html = await instance.render();
        const behind = writer.write(instance.output, html);
        const wait = options.onPage?.(instance.output, html);
        if (behind) await behind;
        if (wait) await wait;
      } else {
        const wait = options.onLinked?.(instance.output, linked);
        if (wait) await wait;
      }
      // Rendering never gives the event loop a turn on its own. Pagefind's replies, the request
      // to write its index and the writer's progress are handled only when it gets one.
      if (owner.size % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await writer.close();
  } catch (error) {
    await writer.close().catch(() => undefined);
    throw error;
  }
  if (template !== undefined) options.onTemplateWritten?.(template);
  return owner.size;
}
