import type { DateTime } from "luxon";
import type { FrontMatterData, ImageData } from "./schema.ts";
import type { Term } from "../registry/registry.ts";

/** An article as validated from its file: front matter typed by the schema, plus what is derived. */
export type Article = Omit<FrontMatterData, "date" | "updated" | "topics" | "people" | "places"> & {
  /** Source file, relative to the archive root. */
  file: string;
  /** The file name without `.md`, slugified. */
  slug: string;
  /** Site-relative URL, `/articles/YYYY/MM/<slug>/`, without the path prefix. */
  url: string;
  date: DateTime;
  updated?: DateTime;
  /** The dek, or else the first paragraph. */
  excerpt: string;
  topics: Term[];
  people: Term[];
  places: Term[];
  /** The first figure with a photo. */
  lead?: ImageData & { src: string };
  /** The Markdown body as written. */
  body: string;
  /** The body rendered to HTML and sanitised. */
  html: string;
  /** Markup the sanitiser removed, as `file:line: what` warnings (empty for most articles). */
  removedMarkup: string[];
  /**
   * A hash of the fields read from the file, when the parsed-article store gave the article (see
   * `articleTextHash` in src/cache/page-fingerprints.ts): the build cache's fingerprints use it, nothing else.
   */
  textHash?: string;
};
