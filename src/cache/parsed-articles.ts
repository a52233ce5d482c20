import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import type { Article } from "../content/article.ts";
import type { ArticleReader, ArticleStore, ParsedArticle } from "../content/load-articles.ts";
import {
  checkedFileLengthProblem,
  readCheckedFile,
  writeCheckedFile,
} from "../files/checked-file.ts";
import { sameStamp, type FileStamp } from "../files/file-stamp.ts";
import { shortHash } from "../files/short-hash.ts";
import { articleTextHash } from "./page-fingerprints.ts";

/**
 * Parsed articles kept between builds, in `<archive>/.cache/build/articles/`: reading, validating
 * and rendering 19,000 Markdown files is about a third of a build that has little else to do. The
 * whole store is used only under the key it was written with (this program's code and the site's
 * settings, see `cacheKey`), since parsing depends on nothing else. Terms are resolved and photos
 * checked on every build (`completeArticle`), as they depend on the registry and the assets.
 *
 * An entry is used as git's index uses its entries: while the file's stamp (inode, size,
 * modification and change time, see `FileStamp`) is the one stored, and the file was modified
 * before the store's own file was written. Otherwise (a stamp that differs, or a "racy" file whose
 * time is not older than the store's write, which an edit in the same instant could have
 * followed) the file is read and its text compared with the hash stored: the same text keeps the
 * entry, with the new stamp; another is parsed again. So a story replaced by `mv`, `cp -p`, `tar`
 * or `rsync -t` with another of the same size and time, or edited in place with its time put back,
 * is read again, and a fresh checkout, whose every file has a new stamp, costs a read and a hash
 * per file instead of a parse.
 * @see https://git-scm.com/docs/racy-git
 *
 * One file per folder of articles (`content/articles/1987/03`), so that a publish rewrites only
 * the folders it changed. Each file is written to a temporary name and renamed, and starts with its
 * length and checksum (see src/files/checked-file.ts); a file that cannot be read whole is ignored
 * for its folder, whose articles are read again, with a line saying so; one written under another
 * key is ignored quietly.
 *
 * An article's body, as written and as HTML, is most of its weight, and a build with the cache
 * needs it only for the pages it renders. It is kept apart, in a text file per folder
 * (`<folder>~<stamp>.text.json`) that the folder's file names, and read when an article of the
 * folder first needs it; its length is checked when the store is opened, its checksum when it is
 * read. A text file is written before the file naming it, under a new name, and the one it
 * replaces is removed after, so a folder's file never names a text file half written. A text file
 * found damaged when read costs the parse of the articles whose body is asked for (`get` is given
 * how to parse the file again), and is removed, so that the next build reads its folder again.
 */
const FORMAT = 4;

/** What is kept apart from an article: its body as written and as HTML. */
type Text = Pick<ParsedArticle, "body" | "html">;

/** A parsed article as stored: its dates as instants in their zone, its lead photo by position. */
type Stored = Omit<ParsedArticle, "date" | "updated" | "lead" | "body" | "html"> & {
  date: [number, string];
  updated?: [number, string];
  lead: number;
};

interface Entry extends FileStamp {
  /** The hash of the file's text. */
  hash: string;
  article: Stored;
}

interface Shard {
  format: number;
  key: string;
  entries: Record<string, Entry>;
  /** The name of the text file holding the entries' bodies. */
  text: string;
}

interface TextShard {
  format: number;
  key: string;
  texts: Record<string, Text>;
}

export interface ParsedArticleStoreOptions {
  /** Read nothing (`--no-cache`), but write what this build parses. */
  fresh?: boolean;
  /** Told, in a line, of each file of the store found damaged and ignored. */
  warn?: (line: string) => void;
  /** The build's fault-injection tests' hook (see `BuildStep`). */
  onStep?: (step: string) => void;
}

const TEXT_SUFFIX = ".text.json";
const dateOf = ([millis, zone]: [number, string]) => DateTime.fromMillis(millis, { zone });
const stored = (date: DateTime): [number, string] => [date.toMillis(), date.zoneName ?? "UTC"];
const stampFields = ({ ino, size, mtimeMs, ctimeMs }: FileStamp): FileStamp => ({
  ino,
  size,
  mtimeMs,
  ctimeMs,
});
export class ParsedArticleStore implements ArticleStore {
  /** Folder of articles → its shard, as read (or as this build makes it). */
  private readonly shards = new Map<string, Record<string, Entry>>();
  /** Folder of articles → when its shard was written, for the racy rule (see above). */
  private readonly written = new Map<string, number>();
  /** Folder of articles → the name of its text file, as read or as written by `save`. */
  private readonly textFiles = new Map<string, string>();
  /** Folder of articles → its bodies, once read (undefined: its text file could not be read). */
  private readonly texts = new Map<string, Record<string, Text> | undefined>();
  /** Bodies of the articles parsed by this build, until saved. */
  private readonly fresh = new Map<string, Text>();
  /** How to parse each file read by this build again, for a body the store cannot give. */
  private readonly parsers = new Map<string, () => ParsedArticle>();
  /** Folders whose files are written anew. */
  private readonly changed = new Set<string>();
  /** Folders whose entries only took new stamps: their shard is written anew, not their text. */
  private readonly restamped = new Set<string>();
  private readonly seen = new Set<string>();
  /** Files of the store this build cannot use (another key, damaged): replaced or removed. */
  private readonly stale = new Set<string>();
  /** Text files this store wrote, for their names. */
  private textFilesWritten = 0;
  /** Set once a write failed: the store writes no more this build. */
  private unwritable = false;

  private constructor(
    private readonly dir: string,
    private readonly key: string,
    private readonly options: ParsedArticleStoreOptions,
  ) {}

  /** The store in `dir`, for parsing under `key`. */
  static open(
    dir: string,
    key: string,
    options: ParsedArticleStoreOptions = {},
  ): ParsedArticleStore {
    const store = new ParsedArticleStore(dir, key, options);
    if (options.fresh || !existsSync(dir)) return store;
    const textFiles = new Set<string>();
    for (const name of readdirSync(dir)) {
      if (name.endsWith(TEXT_SUFFIX)) {
        textFiles.add(name);
        continue;
      }
      if (!name.endsWith(".json")) continue;
      const folder = decodeURIComponent(name.slice(0, -".json".length));
      const problem = store.openShard(folder, name);
      if (problem) {
        store.warnDamaged(folder, name, problem);
        store.stale.add(name);
      }
    }
    // Text files no folder names: left by a build killed before it named them, or outdated.
    const named = new Set(store.textFiles.values());
    for (const name of textFiles) if (!named.has(name)) store.stale.add(name);
    return store;
  }

  /**
   * Reads the shard `name` of `folder`; returns why it is damaged, if it is. One of another format
   * or key is left out quietly (marked stale).
   */
  private openShard(folder: string, name: string): string | undefined {
    const file = path.join(this.dir, name);
    let shard: Shard;
    try {
      const read = readCheckedFile(file);
      if ("damaged" in read) return read.damaged;
      if ("unchecked" in read) {
        // Written by an earlier version: replaced quietly, as one of another format.
        this.stale.add(name);
        return undefined;
      }
      shard = JSON.parse(read.body) as Shard;
    } catch (error) {
      return (error as Error).message;
    }
    if (shard?.format !== FORMAT || shard.key !== this.key) {
      this.stale.add(name);
      return undefined;
    }
    if (typeof shard.entries !== "object") {
      return "parts of it are missing";
    }
    const text = path.join(this.dir, shard.text);
    if (typeof shard.text !== "string" || !existsSync(text))
      return "the text file it names is gone";
    const problem = checkedFileLengthProblem(text);
    if (problem) return `its text file ${shard.text}: ${problem}`;
    this.shards.set(folder, shard.entries);
    this.written.set(folder, statSync(file).mtimeMs);
    this.textFiles.set(folder, shard.text);
    return undefined;
  }

  /** One line: which part of the store is damaged, and that its folder's articles are read again. */
  private warnDamaged(folder: string, name: string, problem: string): void {
    const file = path.relative(process.cwd(), path.join(this.dir, name));
    this.options.warn?.(
      `The build cache's record of ${folder} (${file}) is damaged (${problem}): its articles are read again.`,
    );
  }

  /**
   * The parsed article of `file` (relative to the archive), if its file is unchanged since stored
   * (same stamp, not racy: see above). Its body is read from the folder's text file when first
   * asked for, or else from `parse`, which parses the file again.
   */
  get(file: string, stamp: FileStamp, parse: () => ParsedArticle): ParsedArticle | undefined {
    this.seen.add(file);
    const folder = path.posix.dirname(file);
    const entry = this.shards.get(folder)?.[file];
    if (!entry || !this.unchanged(folder, entry, stamp)) return undefined;
    return this.revive(folder, file, entry, parse);
  }

  /** Whether the entry's file is unchanged by its stamp alone: the same, and older than the shard. */
  private unchanged(folder: string, entry: Entry, stamp: FileStamp): boolean {
    return sameStamp(entry, stamp) && stamp.mtimeMs < (this.written.get(folder) ?? 0);
  }

  /** The stored article of an entry, its body read from the text file when asked for. */
  private revive(
    folder: string,
    file: string,
    entry: Entry,
    parse: () => ParsedArticle,
  ): ParsedArticle {
    const { date, updated, lead, ...rest } = entry.article;
    const article = {
      ...rest,
      date: dateOf(date),
      updated: updated && dateOf(updated),
      // The very figure, so that what is attached to it (its processed photo) shows as the lead.
      lead: lead >= 0 ? (rest.images[lead] as ParsedArticle["lead"]) : undefined,
    } as ParsedArticle;
    let text: Text | undefined;
    const read = () => (text ??= this.textOf(folder)?.[file] ?? pick(parse()));
    for (const field of ["body", "html"] as const) {
      Object.defineProperty(article, field, {
        enumerable: true,
        configurable: true,
        get: () => read()[field],
      });
    }
    return article;
  }

  /**
   * The article of `file`: as stored while its file is unchanged, or while its text is the one
   * stored (its new stamp is then kept); else parsed now and stored. Its terms resolved.
   */
  article(file: string, stamp: FileStamp, read: ArticleReader): Article {
    const parse = () => read.parse();
    this.parsers.set(file, parse);
    const kept = this.get(file, stamp, parse);
    if (kept) return read.complete(kept);
    const folder = path.posix.dirname(file);
    const entry = this.shards.get(folder)?.[file];
    const source = read.source();
    const hash = shortHash(source);
    if (entry && entry.hash === hash) {
      Object.assign(entry, stampFields(stamp));
      this.restamped.add(folder);
      return read.complete(this.revive(folder, file, entry, parse));
    }
    const parsed = read.parse(source);
    this.set(file, stamp, hash, parsed);
    return read.complete(parsed);
  }

  /** Stores a freshly parsed article, giving it its `textHash` (see page-fingerprints.ts). */
  set(file: string, stamp: FileStamp, hash: string, article: ParsedArticle): void {
    article.textHash = articleTextHash(article);
    this.seen.add(file);
    const folder = path.posix.dirname(file);
    let shard = this.shards.get(folder);
    if (!shard) this.shards.set(folder, (shard = {}));
    const { date, updated, lead, body, html, ...rest } = article;
    shard[file] = {
      ...stampFields(stamp),
      hash,
      article: {
        ...rest,
        date: stored(date),
        ...(updated ? { updated: stored(updated) } : {}),
        lead: lead ? article.images.indexOf(lead) : -1,
      },
    };
    this.fresh.set(file, { body, html });
    this.changed.add(folder);
  }

  /**
   * The bodies of a folder's stored articles, read once; undefined when they cannot be read. A
   * damaged text file is reported and removed (see above).
   */
  private textOf(folder: string): Record<string, Text> | undefined {
    if (this.texts.has(folder)) return this.texts.get(folder);
    const name = this.textFiles.get(folder);
    let texts: Record<string, Text> | undefined;
    if (name) {
      const file = path.join(this.dir, name);
      let problem: string | undefined;
      try {
        const read = readCheckedFile(file);
        if ("damaged" in read) problem = read.damaged;
        else if ("unchecked" in read) problem = "it was written for another build";
        else {
          const shard = JSON.parse(read.body) as TextShard;
          if (
            shard?.format === FORMAT &&
            shard.key === this.key &&
            typeof shard.texts === "object"
          ) {
            texts = shard.texts;
          } else problem = "it was written for another build";
        }
      } catch (error) {
        problem = (error as Error).message;
      }
      if (problem) {
        this.warnDamaged(folder, name, problem);
        rmSync(file, { force: true });
      }
    }
    this.texts.set(folder, texts);
    return texts;
  }

  /**
   * Writes the folders that changed, without the files no longer read; removes emptied ones. A
   * store that cannot be written (a read-only cache) is a warning: this build has what it read,
   * and the next one reads the changed articles again.
   */
  save(): void {
    for (const [folder, shard] of this.shards) {
      for (const file of Object.keys(shard)) {
        if (this.seen.has(file)) continue;
        delete shard[file];
        this.changed.add(folder);
      }
    }
    this.writing(() => {
      for (const name of this.stale) rmSync(path.join(this.dir, name), { force: true });
      if (this.changed.size || this.restamped.size) mkdirSync(this.dir, { recursive: true });
    });
    this.stale.clear();
    for (const folder of this.changed) this.saveFolder(folder);
    for (const folder of this.restamped) {
      const text = this.textFiles.get(folder);
      if (this.changed.has(folder) || !text) continue;
      this.writing(() => this.writeShard(folder, this.shards.get(folder) ?? {}, text));
    }
    this.fresh.clear();
    this.changed.clear();
    this.restamped.clear();
  }

  /** Runs a write of the store; after the first that fails, says so once and writes no more. */
  private writing(write: () => void): void {
    if (this.unwritable) return;
    try {
      write();
    } catch (error) {
      this.unwritable = true;
      const shown = path.relative(process.cwd(), this.dir) || this.dir;
      this.options.warn?.(
        `The build cache's parsed articles ${shown} cannot be written (${(error as Error).message}): the next build reads the changed articles again.`,
      );
    }
  }

  /** Writes a folder's text file and the shard naming it, or removes both once it is empty. */
  private saveFolder(folder: string): void {
    const shard = this.shards.get(folder) ?? {};
    const encoded = encodeURIComponent(folder);
    const previousText = this.textFiles.get(folder);
    if (!Object.keys(shard).length) {
      this.shards.delete(folder);
      this.textFiles.delete(folder);
      this.writing(() => {
        rmSync(path.join(this.dir, `${encoded}.json`), { force: true });
        if (previousText) rmSync(path.join(this.dir, previousText), { force: true });
      });
      return;
    }
    // The bodies: this build's, else the folder's text file's, else parsed again from the article
    // (whose file is unchanged).
    const texts: Record<string, Text> = {};
    const old = Object.keys(shard).some((f) => !this.fresh.has(f))
      ? this.textOf(folder)
      : undefined;
    for (const name of Object.keys(shard)) {
      const parse = this.parsers.get(name);
      const text = this.fresh.get(name) ?? old?.[name] ?? (parse && pick(parse()));
      if (text) texts[name] = text;
      else delete shard[name];
    }
    this.texts.set(folder, texts);
    const textName = `${encoded}~${process.pid}-${Date.now()}-${this.textFilesWritten++}${TEXT_SUFFIX}`;
    this.writing(() => {
      writeCheckedFile(
        path.join(this.dir, textName),
        JSON.stringify({ format: FORMAT, key: this.key, texts } satisfies TextShard),
      );
      this.options.onStep?.("articles-text-written");
      this.writeShard(folder, shard, textName);
      this.textFiles.set(folder, textName);
      if (previousText) rmSync(path.join(this.dir, previousText), { force: true });
    });
  }

  /** Writes a folder's shard, naming the text file `text`. */
  private writeShard(folder: string, shard: Record<string, Entry>, text: string): void {
    const content: Shard = { format: FORMAT, key: this.key, entries: shard, text };
    writeCheckedFile(
      path.join(this.dir, `${encodeURIComponent(folder)}.json`),
      JSON.stringify(content),
      { beforeRename: () => this.options.onStep?.("articles-temp-written") },
    );
  }
}

function pick({ body, html }: Text): Text {
  return { body, html };
}
