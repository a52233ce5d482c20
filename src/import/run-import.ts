import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { parseArticleDate } from "../content/dates.ts";
import { ARTICLES_DIR } from "../content/load-articles.ts";
import { foldName, slugifyName } from "../registry/fold.ts";
import {
  loadRegistry,
  TERM_KINDS,
  type RegistryKind,
  type TermKind,
} from "../registry/registry.ts";
import { Tagger } from "../tagging/tagger.ts";
import { articleMarkdown } from "./article-markdown.ts";
import { WriteFileError } from "./atomic-write.ts";
import { decodeText } from "./decode.ts";
import {
  detectFormat,
  listInputFiles,
  notAStoryByContent,
  type InputFile,
} from "./detect-format.ts";
import { extendRegistry, writeRegistryAdditions } from "./extend-registry.ts";
import { readManifest, writeManifest } from "./manifest.ts";
import { parsePlainText } from "./plain-text.ts";
import { parseReutersSgml, REUTERS_SOURCE } from "./reuters-sgml.ts";
import { parseSeedDump } from "./seed-dump.ts";
import { implausibleDate, settleDate } from "./settle-date.ts";
import { mergeSource } from "./sources.ts";
import { articleSlugs } from "./slug.ts";
import type { DateSource, ImportFormat, ParsedInput, Story } from "./types.ts";
import { writeArticles, type ArticleStatus, type PlannedArticle } from "./write-articles.ts";

export interface ImportOptions {
  /** The archive: the folder holding `content/` and `_data/`. */
  root: string;
  /** Files or folders to import. */
  inputs: readonly string[];
  /** Default: detected per file. */
  format?: ImportFormat;
  /** The date of stories that give none: `2024-11-12` or `2024-11-12T09:00:00+01:00`. */
  date?: string;
  /** Where articles go; default `<root>/content/articles`. */
  out?: string;
  /** Add registry names found in the text to the front matter. Default true. */
  tag?: boolean;
  /** Overwrite articles edited since they were imported. Default false. */
  force?: boolean;
  /** Report what would happen, write nothing. Default false. */
  dryRun?: boolean;
  /** Import only the first `limit` stories, in file order. */
  limit?: number;
  /** The zone in which an article's month folder is chosen. Default: `_data/site.json`'s, else UTC. */
  timeZone?: string;
  /** The day of the import, `YYYY-MM-DD`: later dates are refused. Default: today in `timeZone`. */
  today?: string;
}

export type ImportStatus = ArticleStatus | "failed";

/** What happened to one story (or to an input that gave none). */
export interface ImportOutcome {
  status: ImportStatus;
  /** `file:line` in the input. */
  input: string;
  title?: string;
  /** The article file, relative to the archive root. */
  article?: string;
  reason?: string;
}

/** How many stories took their date from each source; `undated` and `refused` ones have none. */
export type DateCounts = Record<DateSource | "undated" | "refused", number>;

/** The write that stopped an import (full disk, no permission, read-only file system). */
export interface ImportStop {
  /** The file that could not be written, relative to the archive root. */
  file: string;
  /** Node's reason, e.g. `ENOSPC: no space left on device, write`. */
  reason: string;
  /** Stories ready to be written that were not, because the import stopped. */
  notWritten: number;
  /** Set when the manifest of what was written could not be updated either. */
  manifestError?: string;
}

export interface ImportSummary {
  outcomes: ImportOutcome[];
  counts: Record<ImportStatus, number>;
  dates: DateCounts;
  /** Set when a write failed: the outcomes are what was done before it. */
  stopped?: ImportStop;
  /** New registry entries, per kind. */
  registryAdded: Record<TermKind, number>;
  dryRun: boolean;
}

function where(file: string, line?: number): string {
  return line ? `${file}:${line}` : file;
}

function relativeTo(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join("/");
}

/** The site's time zone from `_data/site.json`, read leniently: the import must not need a valid site. */
function siteTimeZone(root: string): string {
  try {
    const site = JSON.parse(readFileSync(path.join(root, "_data", "site.json"), "utf8")) as {
      timeZone?: unknown;
    };
    const zone = typeof site.timeZone === "string" ? site.timeZone : "UTC";
    return DateTime.local().setZone(zone).isValid ? zone : "UTC";
  } catch {
    return "UTC";
  }
}

function parseFile(input: InputFile, limit: number | undefined): ParsedInput {
  let bytes: Buffer;
  try {
    bytes = readFileSync(input.path);
  } catch (error) {
    return {
      stories: [],
      skipped: [],
      problems: [{ file: input.display, message: `cannot be read (${(error as Error).message}).` }],
    };
  }
  const notAStory = input.inFolder ? notAStoryByContent(bytes) : undefined;
  if (notAStory) {
    return { stories: [], skipped: [{ file: input.display, reason: notAStory }], problems: [] };
  }
  // The Reuters collection is latin-1 by its README; other text is sniffed (see decodeText).
  const latin1 = bytes.toString("latin1");
  if (
    input.format === "reuters" ||
    (!input.format && detectFormat(input.path, latin1) === "reuters")
  ) {
    return parseReutersSgml(latin1, input.display, { limit });
  }
  const { text } = decodeText(bytes);
  const format = input.format ?? detectFormat(input.path, text);
  if (format === "seed") return parseSeedDump(text, input.display);
  if (format === "text") return parsePlainText(text, input.display, { topic: input.topic });
  return {
    stories: [],
    skipped: [],
    problems: [
      {
        file: input.display,
        message:
          "is in an unknown format: expected a scraped dump, a plain-text story (.txt) or Reuters SGML (.sgm). Give --format seed|text|reuters.",
      },
    ],
  };
}

/** Names from the source first, then names found in the text that are not there yet. */
function mergeNames(
  table: RegistryKind,
  source: readonly string[],
  found: readonly string[],
): string[] {
  const ids = new Set<string>();
  const names: string[] = [];
  for (const name of [...source, ...found]) {
    const id = table.byKey.get(foldName(name))?.id ?? slugifyName(name);
    if (ids.has(id)) continue;
    ids.add(id);
    names.push(name);
  }
  return names;
}

/** Reads every input in order, up to `limit` stories; problems and skips become outcomes. */
function readStories(
  options: ImportOptions,
  outcomes: ImportOutcome[],
): { stories: Story[]; reuters: boolean } {
  const stories: Story[] = [];
  let reuters = false;
  for (const input of options.inputs) {
    const { files, problems, skipped } = listInputFiles(input, options.format);
    const parsed: ParsedInput[] = [{ stories: [], skipped, problems }];
    for (const file of files) {
      const remaining = options.limit === undefined ? undefined : options.limit - stories.length;
      if (remaining !== undefined && remaining <= 0) break;
      const result = parseFile(file, remaining);
      parsed.push(result);
      const taken = result.stories.slice(0, remaining);
      reuters ||= taken.some((story) => story.sourceId?.startsWith(`${REUTERS_SOURCE.id}:`));
      stories.push(...taken);
    }
    for (const result of parsed) {
      for (const problem of result.problems) {
        outcomes.push({
          status: "failed",
          input: where(problem.file, problem.line),
          reason: problem.message,
        });
      }
      for (const skip of result.skipped) {
        outcomes.push({
          status: "skipped",
          input: where(skip.file, skip.line),
          title: skip.title,
          reason: skip.reason,
        });
      }
    }
  }
  return { stories, reuters };
}

/**
 * Gives each story the identity by which a later import finds its file. Without an id from the
 * source, a story is known by its title and date; a second story with the same title and date is
 * the same story when its text is the same (reported as skipped), else the next of them.
 */
function identify(
  stories: ReadonlyArray<Story & { date: string }>,
  outcomes: ImportOutcome[],
): Array<{ story: Story & { date: string }; key: string }> {
  const identified: Array<{ story: Story & { date: string }; key: string }> = [];
  const textsByTitleAndDate = new Map<string, Array<{ text: string; input: string }>>();
  for (const story of stories) {
    if (story.sourceId !== undefined) {
      identified.push({ story, key: story.sourceId });
      continue;
    }
    const base = `${foldName(story.title)}@${story.date}`;
    const text = story.paragraphs.join("\n");
    const earlier = textsByTitleAndDate.get(base) ?? [];
    const same = earlier.find((other) => other.text === text);
    if (same) {
      outcomes.push({
        status: "skipped",
        input: where(story.file, story.line),
        title: story.title,
        reason: `the same story as ${same.input}: imported once.`,
      });
      continue;
    }
    earlier.push({ text, input: where(story.file, story.line) });
    textsByTitleAndDate.set(base, earlier);
    identified.push({ story, key: earlier.length === 1 ? base : `${base}#${earlier.length}` });
  }
  return identified;
}

/**
 * Imports stories into an archive: reads every input, settles dates, extends the registry with
 * the source's own vocabulary, tags names found in the text, and writes one Markdown file per
 * story. A problem with one input or story is reported and the rest is still imported.
 */
export function runImport(options: ImportOptions): ImportSummary {
  const root = path.resolve(options.root);
  const articlesDir = path.resolve(root, options.out ?? ARTICLES_DIR);
  const timeZone = options.timeZone ?? siteTimeZone(root);
  const dryRun = options.dryRun ?? false;
  const today = options.today ?? DateTime.now().setZone(timeZone).toISODate()!;
  if (options.date !== undefined) {
    const checked = parseArticleDate(options.date, timeZone);
    if (!checked.ok) throw new Error(`--date: ${checked.reason}.`);
    const implausible = implausibleDate(checked.date, today);
    if (implausible)
      throw new Error(`--date: ${implausible}: give the day the stories were published.`);
  }
  const outcomes: ImportOutcome[] = [];
  const { stories, reuters } = readStories(options, outcomes);

  // A date where the input writes one wins over --date, which only fills in for stories without one.
  const dates: DateCounts = {
    dateline: 0,
    "first-line": 0,
    caption: 0,
    metadata: 0,
    option: 0,
    undated: 0,
    refused: 0,
  };
  const dated: Array<Story & { date: string }> = [];
  const settings = { fallback: options.date, today, timeZone };
  for (const story of stories) {
    const settled = settleDate(story, settings);
    if (settled.ok) {
      dates[settled.source]++;
      dated.push({ ...story, date: settled.date });
      continue;
    }
    dates[settled.status]++;
    outcomes.push({
      status: "failed",
      input: where(story.file, story.line),
      title: story.title,
      reason: settled.reason,
    });
  }

  const { registry, added } = extendRegistry(loadRegistry(root), dated);
  const tagger = options.tag === false ? undefined : new Tagger(registry);
  const identified = identify(dated, outcomes);
  const slugs = articleSlugs(identified.map(({ story }) => story.title));

  const planned: PlannedArticle[] = [];
  for (const [index, { story, key }] of identified.entries()) {
    const input = where(story.file, story.line);
    const date = parseArticleDate(story.date, timeZone);
    if (!date.ok) {
      outcomes.push({ status: "failed", input, title: story.title, reason: date.reason });
      continue;
    }
    const found = tagger?.tag([
      story.title,
      ...story.paragraphs,
      ...story.images.map((image) => image.caption),
    ]);
    const names = Object.fromEntries(
      TERM_KINDS.map((kind) => [
        kind,
        mergeNames(
          registry[kind],
          story.terms[kind].map((term) => term.name),
          (found?.[kind] ?? []).map((term) => term.name),
        ),
      ]),
    ) as Record<TermKind, string[]>;
    planned.push({
      key,
      input,
      title: story.title,
      month: date.date.toFormat("yyyy/MM"),
      slug: slugs[index]!,
      markdown: articleMarkdown(
        {
          title: story.title,
          date: story.date,
          dateline: story.dateline,
          byline: story.byline,
          source: story.source,
          ...names,
          images: story.images,
        },
        story.paragraphs,
      ),
    });
  }

  const stopped = writeAll(planned, outcomes, {
    root,
    articlesDir,
    force: options.force ?? false,
    dryRun,
    added,
    reuters,
  });

  const counts: Record<ImportStatus, number> = {
    imported: 0,
    updated: 0,
    unchanged: 0,
    kept: 0,
    skipped: 0,
    failed: 0,
  };
  for (const outcome of outcomes) counts[outcome.status]++;
  const registryAdded = {
    topics: added.topics.length,
    people: added.people.length,
    places: added.places.length,
  };
  return { outcomes, counts, dates, stopped, registryAdded, dryRun };
}

function couldNotWrite(stop: ImportStop): string {
  return `could not be written (${stop.reason}).`;
}

/**
 * Writes the registry additions, the articles, the manifest and the citation, in that order. The
 * first write that fails stops the import; its outcome names the file, the articles written before
 * it stay and are recorded in the manifest, so that a second run only writes what is missing.
 */
function writeAll(
  planned: readonly PlannedArticle[],
  outcomes: ImportOutcome[],
  options: {
    root: string;
    articlesDir: string;
    force: boolean;
    dryRun: boolean;
    added: Parameters<typeof writeRegistryAdditions>[1];
    reuters: boolean;
  },
): ImportStop | undefined {
  const { root, articlesDir, force, dryRun } = options;
  const stop = (error: WriteFileError, notWritten: number): ImportStop => ({
    file: relativeTo(root, error.file),
    reason: error.reason,
    notWritten,
  });
  const manifest = readManifest(root);
  try {
    // Registry first, so that an article never names an entry that is not written yet.
    if (!dryRun) writeRegistryAdditions(root, options.added);
  } catch (error) {
    if (!(error instanceof WriteFileError)) throw error;
    const stopped = stop(error, planned.length);
    outcomes.push({ status: "failed", input: stopped.file, reason: couldNotWrite(stopped) });
    return stopped;
  }
  const written = writeArticles(planned, { root, articlesDir, manifest, force, dryRun });
  outcomes.push(...written.outcomes);
  let stopped: ImportStop | undefined;
  if (written.failed) {
    const { input, title, article, error } = written.failed;
    // The failed article is listed as failed; the ones after it were not tried.
    stopped = stop(error, planned.length - written.outcomes.length - 1);
    outcomes.push({ status: "failed", input, title, article, reason: couldNotWrite(stopped) });
  }
  if (dryRun) return stopped;
  try {
    writeManifest(root, manifest);
    if (options.reuters && !stopped) mergeSource(root, REUTERS_SOURCE);
  } catch (error) {
    if (!(error instanceof WriteFileError)) throw error;
    if (stopped) return { ...stopped, manifestError: error.reason };
    stopped = stop(error, 0);
    outcomes.push({ status: "failed", input: stopped.file, reason: couldNotWrite(stopped) });
  }
  return stopped;
}

export interface ReutersImportOptions {
  /** The folder holding reut2-*.sgm. */
  sourceDir: string;
  /** The archive to write into. */
  root: string;
  /** Import only the first `limit` stories with a body, in file order. */
  limit?: number;
  /** Tag names found in the text. Default true. */
  tag?: boolean;
  /** The zone in which month folders are chosen. Default: `_data/site.json`'s, else UTC. */
  timeZone?: string;
}

/**
 * Imports Reuters-21578 (all of it, or its first `limit` stories) into an archive: articles,
 * registry entries for its topics, places and people, and its citation in `_data/sources.json`.
 * For benchmarks and test suites that need an archive of a given size.
 */
export function importReuters(options: ReutersImportOptions): ImportSummary {
  if (!existsSync(options.sourceDir)) {
    throw new Error(
      `The Reuters-21578 folder ${options.sourceDir} does not exist: give the folder that holds reut2-000.sgm … reut2-021.sgm.`,
    );
  }
  return runImport({
    root: options.root,
    inputs: [options.sourceDir],
    format: "reuters",
    limit: options.limit,
    tag: options.tag,
    timeZone: options.timeZone,
  });
}
