import type { Archive } from "../collections/archive.ts";
import type { Site } from "../config/site.ts";

/** The data Eleventy passes to every page template: the archive model is global data. */
export interface PageData {
  archive: Archive;
}

/** Pagination aliases are added by Eleventy next to the global data. */
export type PaginatedData<Alias extends string, T> = PageData & { [K in Alias]: T };

/**
 * The data a bulk page (see `BULK_PAGES`) is rendered with: the site's settings, its pagination
 * item under its alias, and `reads`, what its template's `reads` took from the archive for that
 * item. Never the archive itself: `reads` is the one declaration of what a bulk page shows beside
 * its item, and the build cache's fingerprints and `npm start`'s updates both go by it, so a page
 * cannot show something that would not make it render again when it changes.
 */
export type BulkPageData<Alias extends string, T, Reads> = { site: Site; reads: Reads } & {
  [K in Alias]: T;
};
