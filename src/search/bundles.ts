/**
 * How the search index is split: into bundles of consecutive days, each indexed by its own
 * Pagefind process and searched by the search page as one index (see src/browser/bundles.ts).
 *
 * Days are grouped from the oldest: a bundle is sealed once it holds `size` stories or more. An
 * archive grows at its newest end, so a new story changes only the stories after the last sealed
 * bundle, and older bundles keep their stories, their name and their files from one build to the
 * next, much as the sealed runs of a log-structured merge tree. A day is never split: stories of
 * one day are always in the same bundle.
 *
 * Once an archive has a sealed bundle, the stories after it are split once more, the same way,
 * into runs sealed at `newest` stories (an eighth of `size` by default): the last run is the
 * newest bundle, and the runs before it are merged into one bundle. A publish of a few stories
 * thus re-indexes the newest bundle, which holds fewer than `newest` stories plus a day, instead
 * of everything since the last sealed bundle (up to `size`); the merged bundle changes once in
 * `newest` stories, and becomes a sealed bundle, under the same name, once the stories after the
 * last sealed bundle reach `size`. A smaller archive stays one bundle, which is quick to index
 * whole and the cheapest to search. The plan is a function of the stories' days alone, so a build
 * with the build cache and a clean one split an archive alike.
 *
 * The newest bundle is written to `pagefind/` itself (so a small archive, which has only one,
 * looks like any Pagefind site); every other bundle to `pagefind/<its first day>/`.
 */

import type { Archive } from "../collections/archive.ts";
import type { Article } from "../content/article.ts";
import { outputFile } from "../files/output-path.ts";
import type { SearchBundleInfo } from "./bundle-info.ts";
import { DEFAULT_BUNDLE_SIZE, defaultNewestBundleSize } from "../config/site.ts";

/** A sealed bundle's folder under `pagefind/`, named by its first day. */
export const SEALED_BUNDLE_FOLDER = /^\d{4}-\d{2}-\d{2}$/;

export interface SearchBundle extends SearchBundleInfo {
  /** The first day's date, `YYYY-MM-DD`: the bundle's name, stable while its stories are. */
  id: string;
}

/** The part of an article the plan needs: its day and where its page is written. */
export interface BundledStory {
  /** `YYYY-MM-DD` in the site's time zone. */
  day: string;
  /** Site-relative URL, `/articles/…/`. */
  url: string;
}

export interface BundlePlan {
  /** Newest first, as the search page opens them. */
  bundles: SearchBundle[];
  /** Output path of an article page (`articles/…/index.html`) → its bundle's id. */
  bundleOf: Map<string, string>;
  /**
   * Every word of the archive's stories, given to each bundle (in its sentinel page, see
   * build-search-index.ts) so that every bundle knows the words of the whole archive. Pagefind
   * answers a word its index lacks with the longest prefix it has ("temporao" finds "tempo"); a
   * bundle that lacked a word found elsewhere would add such answers to the real ones.
   */
  vocabulary?: string[];
}

/** Consecutive days of stories, oldest first. */
interface Run {
  days: string[];
  pages: number;
}

/** Groups days (sorted) into runs, each sealed once it holds `size` stories or more. */
function runsOf(days: readonly string[], storiesOn: (day: string) => number, size: number): Run[] {
  const runs: Run[] = [];
  let current: Run | undefined;
  for (const day of days) {
    if (!current || current.pages >= size) {
      current = { days: [], pages: 0 };
      runs.push(current);
    }
    current.days.push(day);
    current.pages += storiesOn(day);
  }
  return runs;
}

/**
 * Splits stories into bundles of whole days, sealed from the oldest at `size` stories or more,
 * the stories after the last sealed bundle split again at `newest` (see the top of this file).
 * Stories may come in any order.
 */
export function planBundles(
  stories: readonly BundledStory[],
  size: number = DEFAULT_BUNDLE_SIZE,
  newest: number = defaultNewestBundleSize(size),
): BundlePlan {
  for (const [what, value] of [
    ["A search bundle", size],
    ["The newest search bundle", newest],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`${what} must hold at least 1 story, not ${value}.`);
    }
  }
  const byDay = new Map<string, BundledStory[]>();
  for (const story of stories) {
    const list = byDay.get(story.day);
    if (list) list.push(story);
    else byDay.set(story.day, [story]);
  }
  const storiesOn = (day: string) => byDay.get(day)!.length;
  const oldestFirst = runsOf([...byDay.keys()].sort(), storiesOn, size);
  // An archive without a sealed bundle stays one bundle: it is small enough to index whole.
  const rest = oldestFirst.length > 1 ? oldestFirst.pop() : undefined;
  if (rest) {
    const runs = runsOf(rest.days, storiesOn, newest);
    const last = runs.pop()!;
    if (runs.length) {
      oldestFirst.push({
        days: runs.flatMap((run) => run.days),
        pages: runs.reduce((sum, run) => sum + run.pages, 0),
      });
    }
    oldestFirst.push(last);
  }
  const bundleOf = new Map<string, string>();
  const bundles = oldestFirst
    .map((run, i): SearchBundle => {
      const id = run.days[0]!;
      for (const day of run.days)
        for (const story of byDay.get(day)!) bundleOf.set(outputFile(story.url), id);
      return {
        id,
        dir: i === oldestFirst.length - 1 ? "" : `${id}/`,
        from: id,
        to: run.days.at(-1)!,
        pages: run.pages,
      };
    })
    .reverse();
  return { bundles, bundleOf };
}

/**
 * The bundles of an archive's published stories, as its site settings size them, with the
 * archive's vocabulary unless `vocabulary: false` (for what only lists the bundles).
 */
export function planArchiveBundles(
  archive: Archive,
  options: { vocabulary?: boolean } = {},
): BundlePlan {
  const plan = planBundles(
    archive.articles.map((article) => ({ day: article.date.toISODate()!, url: article.url })),
    archive.site.search.bundleSize,
    archive.site.search.newestBundleSize,
  );
  // One bundle knows every word already.
  if (plan.bundles.length > 1 && options.vocabulary !== false) {
    plan.vocabulary = archiveVocabulary(archive);
  }
  return plan;
}

/** What of an article (as parsed, or whole) the search indexes of its own text. */
export type ArticleText = Pick<
  Article,
  "title" | "dek" | "body" | "byline" | "dateline" | "source" | "images"
>;

/** Adds the words of `text` to `words`: lower case, split as Pagefind splits text. */
function addWords(words: Set<string>, text: string | undefined): void {
  if (!text) return;
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (word) words.add(word);
}

/**
 * The words of an article's own text (title, dek, body, byline, dateline, source, captions and
 * credits), not of its terms, added to `words`. The parsed-article store keeps them per folder of
 * articles, so that a build need not split every story again (see `archiveVocabulary`).
 */
export function addArticleWords(words: Set<string>, article: ArticleText): void {
  addWords(words, article.title);
  addWords(words, article.dek);
  addWords(words, article.body);
  addWords(words, article.byline);
  addWords(words, article.dateline);
  addWords(words, article.source);
  for (const image of article.images) {
    addWords(words, image.caption);
    addWords(words, image.credit);
  }
}

/**
 * The words of everything the search indexes of the stories (titles, deks, bodies, captions and
 * credits, bylines, datelines, sources, and the names and aliases of their terms), lower case,
 * each once, split as Pagefind splits text (at anything but letters and digits); Pagefind stems
 * them as it stems the stories. `textWords`, when the archive has it, holds the words of the
 * stories' own text already (`addArticleWords` over all of them, in parts), so only the terms'
 * names are split here.
 */
export function archiveVocabulary(
  archive: Pick<Archive, "articles"> & { textWords?: Iterable<readonly string[]> },
): string[] {
  const words = new Set<string>();
  if (archive.textWords) {
    for (const part of archive.textWords) for (const word of part) words.add(word);
  } else {
    for (const article of archive.articles) addArticleWords(words, article);
  }
  // Terms are shared by many stories: each name or alias is split once.
  const names = new Set<string>();
  for (const article of archive.articles) {
    for (const term of [...article.topics, ...article.people, ...article.places]) {
      for (const name of [term.name, ...term.aliases]) {
        if (names.has(name)) continue;
        names.add(name);
        addWords(words, name);
      }
    }
  }
  return [...words].sort();
}

/** What the search page is told of the bundles: newest first, each with its folder and days. */
export function bundleManifest(plan: BundlePlan): SearchBundleInfo[] {
  return plan.bundles.map(({ dir, from, to, pages }) => ({ dir, from, to, pages }));
}
