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

/**
 * The archive with each article of `replacements` (old → new reading, in the same place, see
 * `placeInArchive`) replaced, without building it again: every list, map, set and record that
 * holds a replaced article, however deep, is copied with the new article in its stead, and
 * everything else is the very same object, shared between the two archives. Articles are values:
 * an edited story is a new object, which is what the pages and their caches tell edits by.
 *
 * Undefined when the archive holds a value of a kind this does not know how to copy (anything but
 * plain records, arrays, maps, sets, dates and the site's settings): build the archive again.
 */
export function swapArticles(
  archive: Archive,
  replacements: ReadonlyMap<Article, Article>,
): SwappedArchive | undefined {
  // Each article of the archive, as it is in the new one: one lookup tells an article and its swap.
  const articles = new Map<unknown, Article>();
  for (const article of archive.articles)
    articles.set(article, replacements.get(article) ?? article);
  /** Each value walked: itself or its copy; WALKING while it is being walked. */
  const copies = new Map<object, unknown>();
  let unknown = false;

  const swap = (value: unknown): unknown => {
    if (value === null || typeof value !== "object") return value;
    const article = articles.get(value);
    if (article !== undefined) return article;
    const known = copies.get(value);
    if (known !== undefined) {
      // A value that holds itself: the copy could not point at its own copy.
      if (known === WALKING) unknown = true;
      return known === WALKING ? value : known;
    }
    if (value === archive.site || DateTime.isDateTime(value)) return value;
    copies.set(value, WALKING);
    let copy: unknown = value;
    if (Array.isArray(value)) {
      let items: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        const swapped = swap(item);
        if (swapped !== item) (items ??= value.slice())[i] = swapped;
      }
      if (items) copy = items;
    } else if (value instanceof Map) {
      let changed = false;
      const entries: Array<[unknown, unknown]> = [];
      for (const [k, v] of value) {
        const key = swap(k);
        const item = swap(v);
        if (key !== k || item !== v) changed = true;
        entries.push([key, item]);
      }
      if (changed) copy = new Map(entries);
    } else if (value instanceof Set) {
      let changed = false;
      const items: unknown[] = [];
      for (const item of value) {
        const swapped = swap(item);
        if (swapped !== item) changed = true;
        items.push(swapped);
      }
      if (changed) copy = new Set(items);
    } else if (Object.getPrototypeOf(value) === Object.prototype) {
      const record = value as Record<string, unknown>;
      let changed: Record<string, unknown> | undefined;
      for (const key in record) {
        const item = record[key];
        const swapped = swap(item);
        if (swapped !== item) (changed ??= { ...record })[key] = swapped;
      }
      if (changed) copy = changed;
    } else {
      unknown = true;
    }
    copies.set(value, copy);
    return copy;
  };

  const swapped = swap(archive) as Archive;
  if (unknown) return undefined;
  return { archive: swapped === archive ? { ...archive } : swapped, swapped: swap };
}

/** Marks a value being walked, in `swapArticles`. */
const WALKING = Symbol("walking");
