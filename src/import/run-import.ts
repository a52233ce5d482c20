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
import { articleMarkdown, type ImportedFrontMatter } from "./article-markdown.ts";
import { WriteFileError } from "../files/atomic-write.ts";
import { decodeText } from "./decode.ts";
import {
  detectFormat,
  HTML_FILE,
  listInputFiles,
  notAStoryByContent,
  type InputFile,
} from "./detect-format.ts";
import { extendRegistry, writeRegistryAdditions } from "./extend-registry.ts";
import { parseHtmlPage } from "./html/html-page.ts";
import { readManifest, sha256, writeManifest, type Manifest } from "./manifest.ts";
import { copyPhotos, planPhoto, type PhotoCopy } from "./photos.ts";
import { parsePlainText } from "./plain-text.ts";
import { parseReutersSgml, REUTERS_SOURCE } from "./reuters-sgml.ts";
import { parseSeedDump } from "./seed-dump.ts";
import { implausibleDate, settleDate } from "./settle-date.ts";
import { mergeSource } from "./sources.ts";
import { articleSlugs, MAX_SLUG_LENGTH } from "./slug.ts";
import type { DateSource, ImportFormat, ParsedInput, RegistryAddition, Story } from "./types.ts";
import { parseWordpressExport } from "./wordpress/wxr.ts";
import {
  writeArticles,
  type ArticleStatus,
  type PlannedArticle,
  type WriteState,
} from "./write-articles.ts";

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
  /** Things the parsers counted, e.g. photos only on the web kept as caption-only figures. */
  tallies: Record<string, number>;
  /** Keywords and sections of web pages that are not in the registry, most frequent first. */
  leftOutNames: Array<{ name: string; stories: number }>;
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

/** A gzip stream starts with 1f 8b: a saved page may be stored compressed (`page.html.gz`). */
function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
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
  const gzip = isGzip(bytes);
  const notAStory = input.inFolder && !gzip ? notAStoryByContent(bytes) : undefined;
  if (notAStory) {
    return { stories: [], skipped: [{ file: input.display, reason: notAStory }], problems: [] };
  }
  // A saved page declares its own encoding, which the page parser reads; it may be gzipped.
  if (input.format === "html" || (!input.format && (gzip || HTML_FILE.test(input.path)))) {
    return parseHtmlPage(bytes, input.display, { path: input.path });
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
  if (format === "html") return parseHtmlPage(bytes, input.display, { path: input.path });
  if (format === "wordpress")
    return parseWordpressExport(text, input.display, { path: input.path });
  if (format === "seed") return parseSeedDump(text, input.display);
  if (format === "text") return parsePlainText(text, input.display, { topic: input.topic });
  if (input.inFolder && /\.xml$/i.test(input.path)) {
    const reason = "an XML file that is not a WordPress export (WXR): not a story.";
    return { stories: [], skipped: [{ file: input.display, reason }], problems: [] };
  }
  return {
    stories: [],
    skipped: [],
    problems: [
      {
        file: input.display,
        message:
          "is in an unknown format: expected a saved web page (.html), a WordPress export (.xml), a scraped dump, a plain-text story (.txt) or Reuters SGML (.sgm). Give --format html|wordpress|seed|text|reuters.",
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

/** Stories read ahead of their writing: memory is bounded by a batch, not by the input. */
const BATCH_STORIES = 1000;

/** What an import gathers over all inputs besides its stories. */
interface ReadState {
  outcomes: ImportOutcome[];
  tallies: Record<string, number>;
  reuters: boolean;
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
      const result = parseFile(file, remaining);
      recordParsed(result, state);
      const taken = result.stories.slice(0, remaining);
      state.reuters ||= taken.some((story) => story.sourceId?.startsWith(`${REUTERS_SOURCE.id}:`));
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

/** The text by which two stories without an id are told apart. */
function storyText(story: Story): string {
  return story.markdown ?? story.paragraphs.join("\n");
}

/**
 * Gives each story the identity by which a later import finds its file. Without an id from the
 * source, a story is known by its title and date; a second story with the same title and date is
 * the same story when its text is the same (reported as skipped), else the next of them.
 * `seen` carries the stories of earlier batches.
 */
function identify(
  stories: ReadonlyArray<Story & { date: string }>,
  outcomes: ImportOutcome[],
  seen: Map<string, Array<{ hash: string; input: string }>>,
): Array<{ story: Story & { date: string }; key: string }> {
  const identified: Array<{ story: Story & { date: string }; key: string }> = [];
  for (const story of stories) {
    if (story.sourceId !== undefined) {
      identified.push({ story, key: story.sourceId });
      continue;
    }
    const base = `${foldName(story.title)}@${story.date}`;
    const hash = sha256(storyText(story));
    const earlier = seen.get(base) ?? [];
    const same = earlier.find((other) => other.hash === hash);
    if (same) {
      outcomes.push({
        status: "skipped",
        input: where(story.file, story.line),
        title: story.title,
        reason: `the same story as ${same.input}: imported once.`,
      });
      continue;
    }
    earlier.push({ hash, input: where(story.file, story.line) });
    seen.set(base, earlier);
    identified.push({ story, key: earlier.length === 1 ? base : `${base}#${earlier.length}` });
  }
  return identified;
}

/** A slug as a source may give it (`lowercase-words-and-digits`), else undefined. */
function validSlug(slug: string | undefined): string | undefined {
  if (!slug || slug.length > MAX_SLUG_LENGTH) return undefined;
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) ? slug : undefined;
}

/**
 * Drops the names a source offers only if the registry knows them (a web page's keywords and
 * section) when it does not, and counts them: the summary lists the most frequent, for a person
 * to add to the registry.
 */
function keepKnownNames(
  story: Story,
  registry: ReturnType<typeof loadRegistry>,
  leftOut: Map<string, number>,
): void {
  for (const kind of TERM_KINDS) {
    story.terms[kind] = story.terms[kind].filter((term) => {
      if (!term.ifKnown) return true;
      const known = registry[kind].byKey.get(foldName(term.name));
      // Written as the registry names it, whichever story brought the entry.
      if (known) term.name = known.name;
      else leftOut.set(term.name, (leftOut.get(term.name) ?? 0) + 1);
      return known !== undefined;
    });
  }
}

/**
 * The stories of every input that brings registry entries of its own (Reuters codes, WordPress
 * categories and tags), with only their terms kept. Saved pages bring none and are not read here.
 */
function sourceVocabulary(options: ImportOptions): Story[] {
  const stories: Story[] = [];
  let read = 0;
  for (const input of options.inputs) {
    for (const file of listInputFiles(input, options.format).files) {
      const remaining = options.limit === undefined ? undefined : options.limit - read;
      if (remaining !== undefined && remaining <= 0) return stories;
      if (options.format === "html" || HTML_FILE.test(file.path)) continue;
      const parsed = parseFile(file, remaining).stories.slice(0, remaining);
      read += parsed.length;
      for (const story of parsed) {
        if (TERM_KINDS.some((kind) => story.terms[kind].some((term) => term.addition)))
          stories.push({ ...story, paragraphs: [], markdown: undefined, images: [] });
      }
    }
  }
  return stories;
}

function mergeAdded(
  first: Record<TermKind, RegistryAddition[]>,
  then: Record<TermKind, RegistryAddition[]>,
): Record<TermKind, RegistryAddition[]> {
  return {
    topics: [...first.topics, ...then.topics],
    people: [...first.people, ...then.people],
    places: [...first.places, ...then.places],
  };
}

/** What one batch of stories becomes: articles to write and the photos they name. */
interface PlannedBatch {
  articles: PlannedArticle[];
  photos: PhotoCopy[];
}

/** The front matter's figures; a photo saved beside the input is planned for copying. */
function planFigures(
  story: Story,
  month: string,
  slug: string,
  photos: PhotoCopy[],
  tallies: Record<string, number>,
): ImportedFrontMatter["images"] {
  const figures: NonNullable<ImportedFrontMatter["images"]> = [];
  for (const image of story.images) {
    const photo = image.file ? planPhoto(image.file, month, slug) : undefined;
    if (image.file && !photo) {
      const what = "saved photos that cannot be read as JPEG, PNG, GIF, WebP or AVIF, left out";
      tallies[what] = (tallies[what] ?? 0) + 1;
    }
    const alt = image.alt?.trim() || image.caption.trim();
    if (photo && alt) {
      photos.push(photo);
      figures.push({ src: photo.src, alt, caption: image.caption, credit: image.credit });
    } else if (image.caption.trim()) {
      figures.push({ caption: image.caption, credit: image.credit });
    } else {
      const what = "photos without caption or alt text, left out";
      tallies[what] = (tallies[what] ?? 0) + 1;
    }
  }
  return figures;
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
  const state: ReadState = { outcomes: [], tallies: {}, reuters: false, read: 0 };
  const { outcomes } = state;
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
  stopped = finishWriting(root, manifest, { dryRun, reuters: state.reuters, stopped, outcomes });

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

/** Turns identified stories into articles: front matter, body, tags and figures. */
function planBatch(
  identified: ReadonlyArray<{ story: Story & { date: string }; key: string }>,
  context: {
    registry: ReturnType<typeof loadRegistry>;
    tagger: Tagger | undefined;
    timeZone: string;
    outcomes: ImportOutcome[];
    tallies: Record<string, number>;
  },
): PlannedBatch {
  const { registry, tagger, timeZone, outcomes, tallies } = context;
  const slugs = articleSlugs(identified.map(({ story }) => story.title));
  const batch: PlannedBatch = { articles: [], photos: [] };
  for (const [index, { story, key }] of identified.entries()) {
    const input = where(story.file, story.line);
    const date = parseArticleDate(story.date, timeZone);
    if (!date.ok) {
      outcomes.push({ status: "failed", input, title: story.title, reason: date.reason });
      continue;
    }
    const found = tagger?.tag([
      story.title,
      ...(story.markdown === undefined ? story.paragraphs : [story.markdown]),
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
    const month = date.date.toFormat("yyyy/MM");
    const slug = validSlug(story.slug) ?? slugs[index]!;
    batch.articles.push({
      key,
      input,
      title: story.title,
      month,
      slug,
      markdown: articleMarkdown(
        {
          title: story.title,
          date: story.date,
          updated: story.updated,
          dek: story.dek,
          dateline: story.dateline,
          byline: story.byline,
          source: story.source,
          ...names,
          images: planFigures(story, month, slug, batch.photos, tallies),
          canonical: story.canonical,
        },
        story.markdown === undefined ? story.paragraphs : { markdown: story.markdown },
      ),
    });
  }
  return batch;
}

function couldNotWrite(stop: ImportStop): string {
  return `could not be written (${stop.reason}).`;
}

function stopAt(root: string, error: WriteFileError, notWritten: number): ImportStop {
  return { file: relativeTo(root, error.file), reason: error.reason, notWritten };
}

/**
 * Writes one batch: the registry additions, the photos, then the articles, in that order, so
 * that an article never names an entry or a photo that is not written yet. The first write that
 * fails stops the import; its outcome names the file, and the articles written before it stay
 * and are recorded in the manifest, so that a second run only writes what is missing.
 */
function writeBatch(
  planned: PlannedBatch,
  outcomes: ImportOutcome[],
  options: {
    root: string;
    articlesDir: string;
    manifest: Manifest;
    force: boolean;
    dryRun: boolean;
    added: Parameters<typeof writeRegistryAdditions>[1];
    written: WriteState;
  },
): ImportStop | undefined {
  const { root, articlesDir, manifest, force, dryRun, written } = options;
  const { articles } = planned;
  try {
    if (!dryRun) {
      writeRegistryAdditions(root, options.added);
      copyPhotos(root, planned.photos);
    }
  } catch (error) {
    if (!(error instanceof WriteFileError)) throw error;
    const stopped = stopAt(root, error, articles.length);
    outcomes.push({ status: "failed", input: stopped.file, reason: couldNotWrite(stopped) });
    return stopped;
  }
  const result = writeArticles(articles, {
    root,
    articlesDir,
    manifest,
    force,
    dryRun,
    state: written,
  });
  outcomes.push(...result.outcomes);
  if (!result.failed) return undefined;
  const { input, title, article, error } = result.failed;
  // The failed article is listed as failed; the ones after it were not tried.
  const stopped = stopAt(root, error, articles.length - result.outcomes.length - 1);
  outcomes.push({ status: "failed", input, title, article, reason: couldNotWrite(stopped) });
  return stopped;
}

/** Writes the manifest of what was written and the Reuters citation, after the last batch. */
function finishWriting(
  root: string,
  manifest: Manifest,
  options: {
    dryRun: boolean;
    reuters: boolean;
    stopped: ImportStop | undefined;
    outcomes: ImportOutcome[];
  },
): ImportStop | undefined {
  const { dryRun, reuters, outcomes } = options;
  let { stopped } = options;
  if (dryRun) return stopped;
  try {
    writeManifest(root, manifest);
    if (reuters && !stopped) mergeSource(root, REUTERS_SOURCE);
  } catch (error) {
    if (!(error instanceof WriteFileError)) throw error;
    if (stopped) return { ...stopped, manifestError: error.reason };
    stopped = stopAt(root, error, 0);
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
