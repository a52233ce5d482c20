import { readFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { parseArticleDate } from "../content/dates.ts";
import { ARTICLES_DIR } from "../content/load-articles.ts";
import { removeLeftoverTempFiles } from "../files/leftover-temp-files.ts";
import { loadRegistry, TERM_KINDS, type TermKind } from "../registry/registry.ts";
import { Tagger } from "../tagging/tagger.ts";
import { extendRegistry } from "./extend-registry.ts";
import type { Importer } from "./importer.ts";
import { IMPORTERS, importerFor, type ImportFormat } from "./importers.ts";
import { listInputFiles } from "./list-inputs.ts";
import { MANIFEST_FILE, readManifest } from "./manifest.ts";
import { identify, keepKnownNames, planBatch } from "./plan-articles.ts";
import { readInputFile } from "./read-input.ts";
import { implausibleDate, settleDate } from "./settle-date.ts";
import {
  where,
  type DateCounts,
  type ImportOutcome,
  type ImportStatus,
  type ImportStop,
  type ImportSummary,
} from "./summary.ts";
import type { ParsedInput, RegistryAddition, Story } from "./types.ts";
import { finishWriting, mergeAdded, writeBatch } from "./write-batch.ts";
import type { WriteState } from "./write-articles.ts";

export type { DateCounts, ImportOutcome, ImportStatus, ImportStop, ImportSummary };

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

/** Whether `folder` lies inside `other`. */
function isInside(folder: string, other: string): boolean {
  const relative = path.relative(other, folder);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

/**
 * The folders an import writes in: the articles, the manifest's folder, `_data/` (the registry
 * and sources) and the photos; a folder inside another is left to the other's sweep.
 */
function foldersWrittenIn(root: string, articlesDir: string): string[] {
  const folders = [
    articlesDir,
    path.join(root, path.dirname(MANIFEST_FILE)),
    path.join(root, "_data"),
    path.join(root, "assets", "photos"),
  ];
  return folders.filter((folder) => !folders.some((other) => isInside(folder, other)));
}

/** How the summary counts the temporary files of an interrupted import that this one removed. */
export const LEFTOVER_TALLY = "temporary files left by an interrupted import, removed";

/** Stories read ahead of their writing: memory is bounded by a batch, not by the input. */
const BATCH_STORIES = 1000;

/** What an import gathers over all inputs besides its stories. */
interface ReadState {
  outcomes: ImportOutcome[];
  tallies: Record<string, number>;
  /** The importers that gave stories: what they do after writing runs at the end. */
  used: Set<Importer>;
  /** Stories read so far, against `limit`. */
  read: number;
}

function addTallies(into: Record<string, number>, from: Record<string, number> | undefined): void {
  for (const [what, count] of Object.entries(from ?? {})) into[what] = (into[what] ?? 0) + count;
}

/** Records an input's problems and skips as outcomes. */
function recordParsed(parsed: ParsedInput, state: ReadState): void {
  for (const problem of parsed.problems) {
    state.outcomes.push({
      status: "failed",
      input: where(problem.file, problem.line),
      reason: problem.message,
    });
  }
  for (const skip of parsed.skipped) {
    state.outcomes.push({
      status: "skipped",
      input: where(skip.file, skip.line),
      title: skip.title,
      reason: skip.reason,
    });
  }
  addTallies(state.tallies, parsed.tallies);
}

/**
 * Reads every input in order, up to `limit` stories, and yields them a batch at a time: a folder
 * of thousands of saved pages is parsed, written and let go a thousand at a time. Problems and
 * skips become outcomes as they are met.
 */
function* readStoryBatches(options: ImportOptions, state: ReadState): Generator<Story[]> {
  let batch: Story[] = [];
  for (const input of options.inputs) {
    const { files, problems, skipped } = listInputFiles(input, options.format);
    recordParsed({ stories: [], skipped, problems }, state);
    for (const file of files) {
      const remaining = options.limit === undefined ? undefined : options.limit - state.read;
      if (remaining !== undefined && remaining <= 0) break;
      const { parsed, importer } = readInputFile(file, remaining);
      recordParsed(parsed, state);
      const taken = parsed.stories.slice(0, remaining);
      if (importer && taken.length) state.used.add(importer);
      state.read += taken.length;
      batch.push(...taken);
      if (batch.length >= BATCH_STORIES) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

/**
 * The stories of every input that brings registry entries of its own (Reuters codes, WordPress
 * categories and tags), with only their terms kept. A file whose format is known before it is
 * read (given, or settled by its name) and brings none, such as a saved page, is not read here.
 */
function sourceVocabulary(options: ImportOptions): Story[] {
  const stories: Story[] = [];
  let read = 0;
  for (const input of options.inputs) {
    for (const file of listInputFiles(input, options.format).files) {
      const remaining = options.limit === undefined ? undefined : options.limit - read;
      if (remaining !== undefined && remaining <= 0) return stories;
      const known =
        IMPORTERS.find((importer) => importer.detect.name?.test(file.path)) ??
        (options.format && importerFor(options.format));
      if (known && !known.vocabulary) continue;
      const parsed = readInputFile(file, remaining).parsed.stories.slice(0, remaining);
      read += parsed.length;
      for (const story of parsed) {
        if (TERM_KINDS.some((kind) => story.terms[kind].some((term) => term.addition)))
          stories.push({ ...story, paragraphs: [], markdown: undefined, images: [] });
      }
    }
  }
  return stories;
}

/**
 * Imports stories into an archive: reads every input, settles dates, extends the registry with
 * the source's own vocabulary, tags names found in the text, copies photos saved beside the
 * input, and writes one Markdown file per story. A problem with one input or story is reported
 * and the rest is still imported.
 */
export function runImport(options: ImportOptions): ImportSummary {
  const root = path.resolve(options.root);
  const articlesDir = path.resolve(root, options.out ?? ARTICLES_DIR);
  const timeZone = options.timeZone ?? siteTimeZone(root);
  const dryRun = options.dryRun ?? false;
  const force = options.force ?? false;
  const today = options.today ?? DateTime.now().setZone(timeZone).toISODate()!;
  if (options.date !== undefined) {
    const checked = parseArticleDate(options.date, timeZone);
    if (!checked.ok) throw new Error(`--date: ${checked.reason}.`);
    const implausible = implausibleDate(checked.date, today);
    if (implausible)
      throw new Error(`--date: ${implausible}: give the day the stories were published.`);
  }
  const state: ReadState = { outcomes: [], tallies: {}, used: new Set(), read: 0 };
  const { outcomes } = state;
  // A write cut short by a killed import leaves its temporary file beside the target (see
  // writeFileAtomic); the next import removes those whose writer is gone.
  if (!dryRun) {
    const removed = foldersWrittenIn(root, articlesDir).flatMap((folder) =>
      removeLeftoverTempFiles(folder),
    );
    if (removed.length) state.tallies[LEFTOVER_TALLY] = removed.length;
  }
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
  const settings = { fallback: options.date, today, timeZone };
  const manifest = readManifest(root);
  const seen = new Map<string, Array<{ hash: string; input: string }>>();
  const written: WriteState = { firstInput: new Map() };
  const leftOut = new Map<string, number>();
  const registryAdded: Record<TermKind, number> = { topics: 0, people: 0, places: 0 };
  // The source's own vocabulary first, from every input: tagging an early batch with a registry
  // that a later batch extends would tag differently from a second import, which knows it all.
  const vocabulary = extendRegistry(loadRegistry(root), sourceVocabulary(options));
  let registry = vocabulary.registry;
  let pendingAdded: Record<TermKind, RegistryAddition[]> | undefined = vocabulary.added;
  for (const kind of TERM_KINDS) registryAdded[kind] += vocabulary.added[kind].length;
  let stopped: ImportStop | undefined;

  for (const stories of readStoryBatches(options, state)) {
    const dated: Array<Story & { date: string }> = [];
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
    const extension = extendRegistry(registry, dated);
    registry = extension.registry;
    // After the source's own vocabulary is added: a page's keyword may be a post's category.
    for (const story of dated) keepKnownNames(story, registry, leftOut);
    for (const kind of TERM_KINDS) registryAdded[kind] += extension.added[kind].length;
    const tagger = options.tag === false ? undefined : new Tagger(registry);
    const planned = planBatch(identify(dated, outcomes, seen), {
      registry,
      tagger,
      timeZone,
      outcomes,
      tallies: state.tallies,
    });
    stopped = writeBatch(planned, outcomes, {
      root,
      articlesDir,
      manifest,
      force,
      dryRun,
      added: pendingAdded ? mergeAdded(pendingAdded, extension.added) : extension.added,
      written,
    });
    pendingAdded = undefined;
    if (stopped) break;
  }
  stopped = finishWriting(root, manifest, { dryRun, used: state.used, stopped, outcomes });

  const counts: Record<ImportStatus, number> = {
    imported: 0,
    updated: 0,
    unchanged: 0,
    kept: 0,
    skipped: 0,
    failed: 0,
  };
  for (const outcome of outcomes) counts[outcome.status]++;
  const leftOutNames = [...leftOut.entries()]
    .sort(([a, m], [b, n]) => n - m || a.localeCompare(b))
    .map(([name, stories]) => ({ name, stories }));
  return {
    outcomes,
    counts,
    dates,
    stopped,
    registryAdded,
    tallies: state.tallies,
    leftOutNames,
    dryRun,
  };
}
