import { DateTime } from "luxon";
import type { Article } from "../content/article.ts";
import type { Archive } from "./archive.ts";

/**
 * Where an article stands in the archive: what the archive's lists, terms, pages, timelines and
 * related lists are made from (its date, URL, terms and draft flag). Two readings of a story with
 * the same place make the same archive, but for the article objects themselves.
 */
export function placeInArchive(article: Article): string {
  return JSON.stringify([
    article.date.toMillis(),
    article.date.zoneName,
    article.url,
    article.draft ?? false,
    article.topics,
    article.people,
    article.places,
  ]);
}

/** An archive with some articles replaced, and what became of each of the old archive's values. */
export interface SwappedArchive {
  archive: Archive;
  /** The new archive's value for an old one: itself when it holds no replaced article. */
  swapped(value: unknown): unknown;
}

/** A value the archive is made of that holds others: a record, an array, a map or a set. */
type Holder = Record<string, unknown> | unknown[] | Map<unknown, unknown> | Set<unknown>;

/**
 * Swaps new readings of articles into an archive without building it again, one edit after
 * another (`npm start`'s updates). Articles are values: an edited story is a new object, which is
 * what the pages and their caches tell edits by. So every list, map, set and record that holds a
 * replaced article, however deep, is copied with the new reading in its stead, and everything else
 * is the very same object in both archives.
 *
 * It keeps, for every value of the current archive, the values that hold it, so that a swap
 * copies only the holders of the replaced articles and theirs, up to the archive: the lists a
 * story is on, not the whole archive.
 */
export class ArticleSwapper {
  /**
   * Each value of the archive (articles included) → the holder that holds it directly, or the
   * set of them when there are several (most values have one).
   */
  private readonly holders = new Map<unknown, Holder | Several>();
  /**
   * Each holder a swap replaced → its copy. The index is not rewritten for a copy's values: the
   * holder they name is read as its latest copy (`current`).
   */
  private readonly copiedTo = new Map<Holder, Holder>();
  /** Set when the archive holds a value of a kind this cannot copy: it swaps nothing then. */
  private unknown = false;

  constructor(private archive: Archive) {
    const articles = new Set<unknown>(archive.articles);
    const seen = new Set<Holder>();
    const index = (holder: Holder) => {
      seen.add(holder);
      for (const value of childrenOf(holder)) {
        if (value === null || typeof value !== "object") continue;
        this.hold(value, holder);
        if (articles.has(value) || seen.has(value as Holder) || !this.isHolder(value)) continue;
        index(value);
      }
    };
    index(archive as unknown as Holder);
  }

  /** Whether the swapper declined the archive, or a value given to `swapped`: see `swap`. */
  get declined(): boolean {
    return this.unknown;
  }

  private hold(value: unknown, holder: Holder): void {
    const held = this.holders.get(value);
    if (held === undefined) this.holders.set(value, holder);
    else if (held instanceof Several) held.add(holder);
    else if (held !== holder) this.holders.set(value, new Several([held, holder]));
  }

  /** A holder as it is in the current archive: its latest copy, for one a swap replaced. */
  private current(holder: Holder): Holder {
    let latest = this.copiedTo.get(holder);
    if (latest === undefined) return holder;
    const next = this.copiedTo.get(latest);
    if (next !== undefined) {
      latest = this.current(next);
      this.copiedTo.set(holder, latest);
    }
    return latest;
  }

  private holdersOf(value: unknown): Holder[] {
    const held = this.holders.get(value);
    if (held === undefined) return [];
    return held instanceof Several ? [...held].map((h) => this.current(h)) : [this.current(held)];
  }

  /**
   * Whether `value` is one the archive is made of that holds others: a plain record, an array, a
   * map or a set; not an article, a date or the settings. Anything else (a class's instance)
   * could hold an article out of reach: the swapper declines the archive.
   */
  private isHolder(value: object): value is Holder {
    if (value === this.archive.site || DateTime.isDateTime(value)) return false;
    if (Array.isArray(value) || value instanceof Map || value instanceof Set) return true;
    if (Object.getPrototypeOf(value) === Object.prototype) return true;
    this.unknown = true;
    return false;
  }

  /**
   * The archive with each article of `replacements` (old → new reading, in the same place, see
   * `placeInArchive`) replaced; the swapper then goes on from it. Undefined when it declined the
   * archive: it holds a value of a kind this does not know how to copy (anything but plain
   * records, arrays, maps, sets, dates and the site's settings). Build the archive again then.
   */
  swap(replacements: ReadonlyMap<Article, Article>): SwappedArchive | undefined {
    if (this.unknown) return undefined;
    // Every holder that holds a replaced article, however deep: the ones to copy.
    const copied = new Set<Holder>();
    const rise = (value: unknown) => {
      for (const holder of this.holdersOf(value)) {
        if (copied.has(holder)) continue;
        copied.add(holder);
        rise(holder);
      }
    };
    for (const old of replacements.keys()) rise(old);
    const copies = new Map<unknown, unknown>(replacements);
    const copyOf = (value: unknown): unknown => {
      if (copies.has(value)) return copies.get(value);
      if (!copied.has(value as Holder)) return value;
      const copy = copyHolder(value as Holder, copyOf);
      copies.set(value, copy);
      return copy;
    };
    const old = this.archive;
    const archive = copyOf(old) as Archive;
    // The index, for the new archive: a copy is held where its original was, a new reading where
    // the old one was, and the values of a copy name its original, read as the copy.
    for (const [original, copy] of copies) {
      const held = this.holders.get(original);
      this.holders.delete(original);
      if (held !== undefined) this.holders.set(copy, held);
      if (copied.has(original as Holder)) this.copiedTo.set(original as Holder, copy as Holder);
    }
    this.archive = archive === old ? { ...archive } : archive;

    // A value made from the old archive but not in it (a page's pagination item): walked.
    const made = new Map<object, unknown>();
    const swapped = (value: unknown): unknown => {
      if (value === null || typeof value !== "object") return value;
      if (copies.has(value)) return copies.get(value);
      if (this.holders.has(value)) return value;
      if (made.has(value)) return made.get(value);
      if (value === old.site || DateTime.isDateTime(value) || !this.isHolder(value)) return value;
      made.set(value, value);
      const copy = copyHolder(value, swapped);
      const result = sameChildren(value, copy) ? value : copy;
      made.set(value, result);
      return result;
    };
    return { archive: this.archive, swapped };
  }
}

/** The holders of a value held by more than one (a set of its own kind: holders can be sets). */
class Several extends Set<Holder> {}

/** The values a holder holds: an array's items, a map's keys and values, a record's values. */
function* childrenOf(holder: Holder): Iterable<unknown> {
  if (Array.isArray(holder)) yield* holder;
  else if (holder instanceof Map) {
    for (const [key, value] of holder) {
      yield key;
      yield value;
    }
  } else if (holder instanceof Set) yield* holder;
  else for (const key of Object.keys(holder)) yield holder[key];
}

/** A copy of `holder` with each value it holds replaced by `swap`'s. */
function copyHolder(holder: Holder, swap: (value: unknown) => unknown): Holder {
  if (Array.isArray(holder)) return holder.map(swap);
  if (holder instanceof Map) return new Map([...holder].map(([k, v]) => [swap(k), swap(v)]));
  if (holder instanceof Set) return new Set([...holder].map(swap));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(holder)) copy[key] = swap(holder[key]);
  return copy;
}

/** Whether two holders of the same kind hold the very same values, in the same order. */
function sameChildren(a: Holder, b: Holder): boolean {
  const left = [...childrenOf(a)];
  const right = [...childrenOf(b)];
  return left.length === right.length && left.every((value, i) => value === right[i]);
}
