import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import type { Article } from "../content/article.ts";
import type {
  ArticleReader,
  ArticleStore,
  FileStamp,
  ParsedArticle,
} from "../content/load-articles.ts";
import { writeFileAtomic } from "../files/atomic-write.ts";
import { articleTextHash } from "./page-fingerprints.ts";

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
 * be read, or was written under another key, is ignored.
 *
 * An article's body, as written and as HTML, is most of its weight, and a build with the cache
 * needs it only for the pages it renders. It is kept apart, in a text file per folder
 * (`<folder>~<stamp>.text.json`) that the folder's file names, and read when an article of the
 * folder first needs it. A text file is written before the file naming it, under a new name, and
 * the one it replaces is removed after, so a folder's file never names a text file half written.
 * A text file that is missing or unreadable all the same (removed by hand) costs the parse of the
 * articles whose body is asked for: `get` is given how to parse the file again.
 */
const FORMAT = 2;

/** What is kept apart from an article: its body as written and as HTML. */
type Text = Pick<ParsedArticle, "body" | "html">;

/** A parsed article as stored: its dates as instants in their zone, its lead photo by position. */
type Stored = Omit<ParsedArticle, "date" | "updated" | "lead" | "body" | "html"> & {
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
  /** The name of the text file holding the entries' bodies. */
  text: string;
}

interface TextShard {
  format: number;
  key: string;
  texts: Record<string, Text>;
}

const TEXT_SUFFIX = ".text.json";
const dateOf = ([millis, zone]: [number, string]) => DateTime.fromMillis(millis, { zone });
const stored = (date: DateTime): [number, string] => [date.toMillis(), date.zoneName ?? "UTC"];
export class ParsedArticleStore implements ArticleStore {
  /** Folder of articles → its shard, as read (or as this build makes it). */
  private readonly shards = new Map<string, Record<string, Entry>>();
  /** Folder of articles → the name of its text file, as read or as written by `save`. */
  private readonly textFiles = new Map<string, string>();
  /** Folder of articles → its bodies, once read (undefined: its text file could not be read). */
  private readonly texts = new Map<string, Record<string, Text> | undefined>();
  /** Bodies of the articles parsed by this build, until saved. */
  private readonly fresh = new Map<string, Text>();
  private readonly changed = new Set<string>();
  private readonly seen = new Set<string>();
  /** Files of the store this build cannot use (another key, unreadable): replaced or removed. */
  private readonly stale = new Set<string>();
  /** Text files this store wrote, for their names. */
  private textFilesWritten = 0;

  private constructor(
    private readonly dir: string,
    private readonly key: string,
  ) {}

  /** The store in `dir`, for parsing under `key`; `fresh` reads nothing (`--no-cache`). */
  static open(dir: string, key: string, options: { fresh?: boolean } = {}): ParsedArticleStore {
    const store = new ParsedArticleStore(dir, key);
    if (options.fresh || !existsSync(dir)) return store;
    const textFiles = new Set<string>();
    for (const name of readdirSync(dir)) {
      if (name.endsWith(TEXT_SUFFIX)) {
        textFiles.add(name);
        continue;
      }
      if (!name.endsWith(".json")) continue;
      try {
        const shard = JSON.parse(readFileSync(path.join(dir, name), "utf8")) as Shard;
        if (
          shard.format === FORMAT &&
          shard.key === key &&
          typeof shard.entries === "object" &&
          typeof shard.text === "string"
        ) {
          const folder = decodeURIComponent(name.slice(0, -".json".length));
          // Without its text file (removed by hand), the folder's articles are parsed again.
          if (!existsSync(path.join(dir, shard.text))) throw new Error("no text file");
          store.shards.set(folder, shard.entries);
          store.textFiles.set(folder, shard.text);
          continue;
        }
      } catch {
        // Unreadable: its articles are parsed again and the file replaced.
      }
      store.stale.add(name);
    }
    // Text files no folder names: left by a build killed before it named them, or outdated.
    const named = new Set(store.textFiles.values());
    for (const name of textFiles) if (!named.has(name)) store.stale.add(name);
    return store;
  }

  /**
   * The parsed article of `file` (relative to the archive), if it is unchanged since stored. Its
   * body is read from the folder's text file when first asked for, or else from `parse`, which
   * parses the file again.
   */
  get(
    file: string,
    size: number,
    mtimeMs: number,
    parse: () => ParsedArticle,
  ): ParsedArticle | undefined {
    this.seen.add(file);
    const folder = path.posix.dirname(file);
    const entry = this.shards.get(folder)?.[file];
    if (!entry || entry.size !== size || entry.mtimeMs !== mtimeMs) return undefined;
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

  /** The article of `file`: parsed as stored, or parsed now and stored; its terms resolved. */
  article(file: string, { size, mtimeMs }: FileStamp, read: ArticleReader): Article {
    let parsed = this.get(file, size, mtimeMs, read.parse);
    if (!parsed) {
      parsed = read.parse();
      this.set(file, size, mtimeMs, parsed);
    }
    return read.complete(parsed);
  }

  /** Stores a freshly parsed article, giving it its `textHash` (see page-fingerprints.ts). */
  set(file: string, size: number, mtimeMs: number, article: ParsedArticle): void {
    article.textHash = articleTextHash(article);
    this.seen.add(file);
    const folder = path.posix.dirname(file);
    let shard = this.shards.get(folder);
    if (!shard) this.shards.set(folder, (shard = {}));
    const { date, updated, lead, body, html, ...rest } = article;
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
    this.fresh.set(file, { body, html });
    this.changed.add(folder);
  }

  /** The bodies of a folder's stored articles, read once; undefined when they cannot be read. */
  private textOf(folder: string): Record<string, Text> | undefined {
    if (this.texts.has(folder)) return this.texts.get(folder);
    const name = this.textFiles.get(folder);
    let texts: Record<string, Text> | undefined;
    try {
      const shard = name
        ? (JSON.parse(readFileSync(path.join(this.dir, name), "utf8")) as TextShard)
        : undefined;
      if (shard?.format === FORMAT && shard.key === this.key && typeof shard.texts === "object") {
        texts = shard.texts;
      }
    } catch {
      // Unreadable: each article's body asked for is parsed again (see `get`).
    }
    this.texts.set(folder, texts);
    return texts;
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
      const encoded = encodeURIComponent(folder);
      const file = path.join(this.dir, `${encoded}.json`);
      const previousText = this.textFiles.get(folder);
      if (!Object.keys(shard).length) {
        this.shards.delete(folder);
        this.textFiles.delete(folder);
        rmSync(file, { force: true });
        if (previousText) rmSync(path.join(this.dir, previousText), { force: true });
        continue;
      }
      // The bodies: this build's, else the folder's text file's. An article whose body cannot be
      // had either way is left out, and parsed again by the next build.
      const texts: Record<string, Text> = {};
      const old = Object.keys(shard).some((f) => !this.fresh.has(f))
        ? this.textOf(folder)
        : undefined;
      for (const name of Object.keys(shard)) {
        const text = this.fresh.get(name) ?? old?.[name];
        if (text) texts[name] = text;
        else delete shard[name];
      }
      const textName = `${encoded}~${process.pid}-${Date.now()}-${this.textFilesWritten++}${TEXT_SUFFIX}`;
      writeFileAtomic(
        path.join(this.dir, textName),
        JSON.stringify({ format: FORMAT, key: this.key, texts } satisfies TextShard),
      );
      const content: Shard = {
        format: FORMAT,
        key: this.key,
        entries: shard,
        text: textName,
      };
      writeFileAtomic(file, JSON.stringify(content));
      if (previousText) rmSync(path.join(this.dir, previousText), { force: true });
      this.textFiles.set(folder, textName);
      this.texts.set(folder, texts);
    }
    this.fresh.clear();
    this.changed.clear();
  }
}

function pick({ body, html }: Text): Text {
  return { body, html };
}
