/**
 * How the search index is split, in two steps.
 *
 * Shards are what Pagefind indexes: consecutive days of stories, grouped from the oldest and
 * sealed once a shard holds `shardSize` stories or more (a day is never split). Each shard gets a
 * Pagefind process of its own and its output is kept between builds (shard-store.ts), so a publish
 * or an edit re-indexes the shards whose stories changed and nothing else, and no process ever
 * holds more than a shard.
 *
 * Bundles are what the search page loads: consecutive shards merged into one index each
 * (merge-shards.ts), in levels, much as a log-structured merge tree keeps its runs:
 * - sealed bundles of `size` stories or more, grouped from the oldest shard;
 * - after the last of them, smaller sealed bundles of a quarter of that;
 * - after those, the shards before the newest one merged into one bundle;
 * - the newest shard alone, the newest bundle.
 * An archive grows at its newest end, so a publish changes the newest bundle; the merged bundle
 * changes once a shard is sealed, and becomes a smaller sealed bundle when it reaches a quarter
 * of `size`; four of those become a sealed bundle. A sealed bundle keeps its stories, its name and
 * its files from one build to the next. An archive of one shard is one bundle. The plan is a
 * function of the stories' days alone, so a build with the build cache and a clean one split an
 * archive alike.
 *
 * Each bundle is written to `pagefind/<its first day>/` and has a tag, two characters that start
 * its pages' names (its place counted from the oldest bundle, in base 36), so that the search
 * page tells from a result which bundle it came from (see src/browser/bundled-search.ts).
 */

import type { Archive } from "../collections/archive.ts";
import { outputFile } from "../files/output-path.ts";
import type { SearchBundleInfo } from "./bundle-info.ts";
import { DEFAULT_BUNDLE_SIZE, defaultNewestBundleSize } from "../config/site.ts";

/** A bundle's folder under `pagefind/`, named by its first day. */
export const SEALED_BUNDLE_FOLDER = /^\d{4}-\d{2}-\d{2}$/;

/** Bundles an index may have: as many as two characters in base 36 can tell apart. */
export const MAX_BUNDLES = 36 ** 2;

/** A run of consecutive days that Pagefind indexes in one process. */
export interface SearchShard {
  /** Its first day, `YYYY-MM-DD`. */
  id: string;
  from: string;
  to: string;
  pages: number;
}

/** A bundle as planned: what the search page is told of it, but for its files' names. */
export interface SearchBundle extends Omit<SearchBundleInfo, "meta" | "packs"> {
  /** The first day's date, `YYYY-MM-DD`: the bundle's name, stable while its stories are. */
  id: string;
  /** Its shards' ids, oldest first. */
  shards: string[];
}

/** The part of an article the plan needs: its day and where its page is written. */
export interface BundledStory {
  /** `YYYY-MM-DD` in the site's time zone. */
  day: string;
  /** Its date and time (ISO 8601 in UTC), which orders a day's stories; else their addresses do. */
  time?: string;
  /** Site-relative URL, `/articles/…/`. */
  url: string;
}

export interface BundlePlan {
  /** Newest first, as the search page opens them. */
  bundles: SearchBundle[];
  /** Oldest first. */
  shards: SearchShard[];
  /** Output path of an article page (`articles/…/index.html`) → its bundle's id. */
  bundleOf: Map<string, string>;
  /** Output path of an article page → its shard's id, oldest page first. */
  shardOf: Map<string, string>;
}

/** Groups items (in order) into runs, each sealed once it holds `size` stories or more. */
function runsOf<T>(items: readonly T[], storiesIn: (item: T) => number, size: number): T[][] {
  const runs: T[][] = [];
  let current: T[] | undefined;
  let pages = 0;
  for (const item of items) {
    if (!current || pages >= size) {
      current = [];
      pages = 0;
      runs.push(current);
    }
    current.push(item);
    pages += storiesIn(item);
  }
  return runs;
}

/**
 * Splits stories into shards and bundles of whole days (see the top of this file): bundles
 * sealed at `size` stories, then at a quarter of it, shards at `shardSize`. Stories may come in
 * any order.
 */
export function planBundles(
  stories: readonly BundledStory[],
  size: number = DEFAULT_BUNDLE_SIZE,
  shardSize: number = defaultNewestBundleSize(size),
): BundlePlan {
  for (const [what, value] of [
    ["A search bundle", size],
    ["The newest search bundle", shardSize],
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
  // Each day's stories in date order, so that the plan lists every page oldest first.
  for (const list of byDay.values()) {
    list.sort((a, b) => compare(a.time ?? "", b.time ?? "") || compare(a.url, b.url));
  }
  const shardRuns = runsOf([...byDay.keys()].sort(), (day) => byDay.get(day)!.length, shardSize);
  const daysOf = new Map<string, string[]>();
  const shards: SearchShard[] = [];
  for (const days of shardRuns) {
    const pages = days.reduce((sum, day) => sum + byDay.get(day)!.length, 0);
    shards.push({ id: days[0]!, from: days[0]!, to: days.at(-1)!, pages });
    daysOf.set(days[0]!, days);
  }
  const pagesOf = (shard: SearchShard) => shard.pages;
  // Oldest first: sealed bundles, smaller sealed ones, the merged shards, the newest shard.
  const groups: SearchShard[][] = [];
  if (shards.length > 1) {
    const older = shards.slice(0, -1);
    const smallSize = Math.ceil(size / 4);
    const large = runsOf(older, pagesOf, size);
    // The last run is sealed only once it is full; until then it is split again, smaller.
    const rest = sumOf(large.at(-1)!) >= size ? [] : large.pop()!;
    groups.push(...large);
    const small = runsOf(rest, pagesOf, smallSize);
    const merged = small.length && sumOf(small.at(-1)!) < smallSize ? small.pop()! : [];
    groups.push(...small);
    if (merged.length) groups.push(merged);
  }
  groups.push(shards.slice(-1));
  if (!shards.length) groups.length = 0;
  if (groups.length > MAX_BUNDLES) {
    throw new Error(
      `The search index would have ${groups.length} bundles, more than the ${MAX_BUNDLES} its pages' names can tell apart: raise search.bundleSize in _data/site.json.`,
    );
  }
  const bundleOf = new Map<string, string>();
  const shardOf = new Map<string, string>();
  const bundles = groups
    .map((group, i): SearchBundle => {
      const id = group[0]!.id;
      for (const shard of group) {
        for (const day of daysOf.get(shard.id)!) {
          for (const story of byDay.get(day)!) {
            const output = outputFile(story.url);
            bundleOf.set(output, id);
            shardOf.set(output, shard.id);
          }
        }
      }
      return {
        id,
        dir: `${id}/`,
        from: group[0]!.from,
        to: group.at(-1)!.to,
        pages: sumOf(group),
        tag: i.toString(36).padStart(2, "0"),
        shards: group.map((shard) => shard.id),
      };
    })
    .reverse();
  return { bundles, shards, bundleOf, shardOf };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sumOf(shards: readonly SearchShard[]): number {
  return shards.reduce((sum, shard) => sum + shard.pages, 0);
}

/** The shards and bundles of an archive's published stories, as its site settings size them. */
export function planArchiveBundles(archive: Archive): BundlePlan {
  return planBundles(
    archive.articles.map((article) => ({
      day: article.date.toISODate()!,
      time: article.date.toUTC().toISO()!,
      url: article.url,
    })),
    archive.site.search.bundleSize,
    archive.site.search.newestBundleSize,
  );
}
