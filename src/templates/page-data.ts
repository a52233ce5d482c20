import type { Archive } from "../collections/archive.ts";

/** The data Eleventy passes to every page template: the archive model is global data. */
export interface PageData {
  archive: Archive;
}

/** Pagination aliases are added by Eleventy next to the global data. */
export type PaginatedData<Alias extends string, T> = PageData & { [K in Alias]: T };
