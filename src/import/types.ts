import type { TermKind } from "../registry/registry.ts";

/** A registry entry that a source with its own vocabulary (Reuters codes) brings with it. */
export interface RegistryAddition {
  /** Stable id, e.g. the Reuters code `james-baker`. */
  id: string;
  name: string;
  aliases: string[];
}

/** A topic, person or place named by the source itself, as opposed to one found by tagging. */
export interface SourceTerm {
  name: string;
  /** Added to the registry when no entry has this id or name yet. */
  addition?: RegistryAddition;
  /**
   * Kept only when the registry knows the name (or an alias of it): a web page's keywords are
   * often not topics a reader would browse by. Dropped names are counted in the summary.
   */
  ifKnown?: boolean;
}

export interface StoryImage {
  /** The caption as published; may be empty for a photo with alt text only. */
  caption: string;
  credit?: string;
  /** The photo's text alternative, as the page gave it. */
  alt?: string;
  /**
   * A photo file saved beside the input (a browser's `<page>_files/` folder, a WordPress
   * uploads folder): copied under `assets/photos/YYYY/MM/` by the import, which then sets the
   * figure's `src`. Absent for a caption-only figure (a photo only on the web).
   */
  file?: string;
}

/**
 * Where a story's date was read: a dateline at the start of the story ("LONDON, March 3, 1987 -"),
 * a line at its top that holds only a date, the end of a photo caption, or the source's structured
 * metadata (Reuters' `<DATE>`). Never a date mentioned in the running text.
 */
export type WrittenDateSource = "dateline" | "first-line" | "caption" | "metadata";

/** Where an imported article's date came from: the input, or `--date`. */
export type DateSource = WrittenDateSource | "option";

/** One story as read from an input, before its date is settled and tags are added. */
export interface Story {
  /**
   * The source's own id for the story, e.g. `reuters-21578:42`. Without one, a story is known by
   * its title and date when it is imported again.
   */
  sourceId?: string;
  /** The input file as the user named it: the path given, or the folder given joined with the file's path in it. */
  file: string;
  /** The line of `file` on which the story starts. */
  line: number;
  title: string;
  /** `YYYY-MM-DD`, or an ISO 8601 date-time with offset. Absent when the input gives none. */
  date?: string;
  /** Where in the input `date` (or `dayWithoutYear`) stands; absent when it gives none. */
  dateSource?: WrittenDateSource;
  /** The line of `file` that holds the date, for a refusal that points at it. */
  dateLine?: number;
  /** A dateline's day without a year ("BRUSSELS, Nov 13 -"): `--date` gives the year. */
  dayWithoutYear?: { month: number; day: number; text: string };
  dateline?: string;
  byline?: string;
  source?: string;
  /** Body paragraphs, word for word, each on one line. Ignored when `markdown` is given. */
  paragraphs: string[];
  /**
   * The body as Markdown, for sources whose bodies have structure (headings, lists, quotes,
   * tables, links): already sanitised, with no raw HTML (see `html/to-markdown.ts`).
   */
  markdown?: string;
  /** One-sentence summary (a page's description, a post's excerpt). */
  dek?: string;
  /** The last substantive update: `YYYY-MM-DD` or an ISO 8601 date-time with offset. */
  updated?: string;
  /**
   * The story's own address on the web (a page's canonical URL, a post's permalink). Written to
   * the front matter; a later import of the same address updates the same article.
   */
  canonical?: string;
  /** The slug the source gives the story (a WordPress post's name), used when it is a valid one. */
  slug?: string;
  images: StoryImage[];
  terms: Record<TermKind, SourceTerm[]>;
}

/** Something in the input that could not be read as a story. */
export interface InputProblem {
  file: string;
  line?: number;
  message: string;
}

/** A story deliberately left out, e.g. a Reuters story without a body. */
export interface SkippedStory {
  file: string;
  line?: number;
  title?: string;
  reason: string;
}

/** What one parser made of one input file. */
export interface ParsedInput {
  stories: Story[];
  skipped: SkippedStory[];
  problems: InputProblem[];
  /**
   * Things worth a line in the summary, counted: e.g. `photos only on the web, kept as
   * caption-only figures` or `shortcode [gallery] removed`. Summed over all inputs.
   */
  tallies?: Record<string, number>;
}

export function emptyTerms(): Record<TermKind, SourceTerm[]> {
  return { topics: [], people: [], places: [] };
}
