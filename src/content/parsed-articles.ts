import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import type { ParsedArticle } from "./load-articles.ts";
import { addArticleWords } from "../search/bundles.ts";
import { articleTextHash } from "../build/build-cache.ts";

/**
 * Parsed articles kept between builds, in `<archive>/.cache/build/articles/`: reading, validating
 * and rendering 19,000 Markdown files is about a third of a build that has little else to do. An
 * entry is used only while its file has the same size and modification time, and the whole store
 * only under the key it was written with (this program's code and the site's settings, see
 * `globalKey`), since parsing depends on nothing else. Terms are resolved and photos checked on
 * every build (`completeArticle`), as they depend on the registry and the assets.
 *
 * One file per folder of articles (`content/articles/1987/03`), so that a publish rewrites only
 * the folders it changed. Each file is written to a temporary name and renamed; a file that cannot
 * be read, or was written under another key, is ignored. Each file also holds the words of its
 * published (not draft) articles' own text (see `addArticleWords`), written with them, so that the
 * search index's vocabulary splits only the folders that changed.
 */
const FORMAT = 2;

/** A parsed article as stored: its dates as instants in their zone, its lead photo by position. */
type Stored = Omit<ParsedArticle, "date" | "updated" | "lead"> & {
  date: [number, string];
  updated?: [number, string];
  lead: number;
};

interface Entry {
  size: number;
  mtimeMs: number;
  article: Stored;
}

interface Shard {
  format: number;
  key: string;
  entries: Record<string, Entry>;
  /** The words of the published entries' text, sorted. */
  words: string[];
}

const dateOf = ([millis, zone]: [number, string]) => DateTime.fromMillis(millis, { zone });
const stored = (date: DateTime): [number, string] => [date.toMillis(), date.zoneName ?? "UTC"];

export class ParsedArticleStore {
  /** Folder of articles → its shard, as read (or as this build makes it). */
  private readonly shards = new Map<string, Record<string, Entry>>();
  /** Folder of articles → the words of its published articles (`Shard.words`), once known. */
  private readonly words = new Map<string, string[]>();
  private readonly changed = new Set<string>();
  private readonly seen = new Set<string>();
  /** Files of the store this build cannot use (another key, unreadable): replaced or removed. */
  private readonly stale = new Set<string>();

  private constructor(
    private readonly dir: string,
    private readonly key: string,
  ) {}

  /** The store in `dir`, for parsing under `key`; `fresh` reads nothing (`--no-cache`). */
  static open(dir: string, key: string, options: { fresh?: boolean } = {}): ParsedArticleStore {
    const store = new ParsedArticleStore(dir, key);
    if (options.fresh || !existsSync(dir)) return store;
    for (const name of readdirSync(dir)) {
      if (!name.endsWith(".json")) continue;
      try {
        const shard = JSON.parse(readFileSync(path.join(dir, name), "utf8")) as Shard;
        if (
          shard.format === FORMAT &&
          shard.key === key &&
          typeof shard.entries === "object" &&
          Array.isArray(shard.words)
        ) {
          const folder = decodeURIComponent(name.slice(0, -".json".length));
          store.shards.set(folder, shard.entries);
          store.words.set(folder, shard.words);
          continue;
        }
      } catch {
        // Unreadable: its articles are parsed again and the file replaced.
      }
      store.stale.add(name);
    }
    return store;
  }

  /** The parsed article of `file` (relative to the archive), if it is unchanged since stored. */
  get(file: string, size: number, mtimeMs: number): ParsedArticle | undefined {
    this.seen.add(file);
    const entry = this.shards.get(path.posix.dirname(file))?.[file];
    if (!entry || entry.size !== size || entry.mtimeMs !== mtimeMs) return undefined;
    const { date, updated, lead, ...rest } = entry.article;
    return {
      ...rest,
      date: dateOf(date),
      updated: updated && dateOf(updated),
      // The very figure, so that what is attached to it (its processed photo) shows as the lead.
      lead: lead >= 0 ? (rest.images[lead] as ParsedArticle["lead"]) : undefined,
    };
  }

  /** Stores a freshly parsed article, giving it its `textHash` (see build-cache.ts). */
  set(file: string, size: number, mtimeMs: number, article: ParsedArticle): void {
    article.textHash = articleTextHash(article);
    this.seen.add(file);
    const folder = path.posix.dirname(file);
    let shard = this.shards.get(folder);
    if (!shard) this.shards.set(folder, (shard = {}));
    const { date, updated, lead, ...rest } = article;
    shard[file] = {
      size,
      mtimeMs,
      article: {
        ...rest,
        date: stored(date),
        ...(updated ? { updated: stored(updated) } : {}),
        lead: lead ? article.images.indexOf(lead) : -1,
      },
    };
    this.changed.add(folder);
  }

  /** Writes the folders that changed, without the files no longer read; removes emptied ones. */
  save(): void {
    for (const [folder, shard] of this.shards) {
      for (const file of Object.keys(shard)) {
        if (this.seen.has(file)) continue;
        delete shard[file];
        this.changed.add(folder);
      }
    }
    for (const name of this.stale) rmSync(path.join(this.dir, name), { force: true });
    this.stale.clear();
    if (!this.changed.size) return;
    mkdirSync(this.dir, { recursive: true });
    for (const folder of this.changed) {
      const shard = this.shards.get(folder) ?? {};
      const file = path.join(this.dir, `${encodeURIComponent(folder)}.json`);
      if (!Object.keys(shard).length) {
        this.shards.delete(folder);
        this.words.delete(folder);
        rmSync(file, { force: true });
        continue;
      }
      const words = new Set<string>();
      for (const { article } of Object.values(shard)) if (!article.draft) addArticleWords(words, article);
      const sorted = [...words].sort();
      this.words.set(folder, sorted);
      const temporary = `${file}.${process.pid}`;
      const content: Shard = { format: FORMAT, key: this.key, entries: shard, words: sorted };
      writeFileSync(temporary, JSON.stringify(content));
      renameSync(temporary, file);
    }
    this.changed.clear();
  }

  /**
   * The words of the stored articles' own text, one list per folder: together, the words of every
   * published article this build read (`addArticleWords`). Only after `save`, which drops the
   * articles no longer read and splits the folders that changed.
   */
  textWords(): string[][] {
    if (this.changed.size) throw new Error("ParsedArticleStore.textWords() is only known after save().");
    return [...this.words.values()];
  }
}
