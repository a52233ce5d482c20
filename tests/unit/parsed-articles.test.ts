import {
  renameSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { loadSite } from "../../src/config/site.ts";
import { loadRegistry, TermResolver } from "../../src/registry/registry.ts";
import { loadArticles, parseArticle } from "../../src/content/load-articles.ts";
import { stampOf } from "../../src/files/file-stamp.ts";
import { ParsedArticleStore } from "../../src/cache/parsed-articles.ts";
import { loadArchive } from "../../src/collections/load-archive.ts";
import { articleTextHash } from "../../src/cache/page-fingerprints.ts";

/** Parsed articles kept between builds (src/cache/parsed-articles.ts). */
describe("the parsed-article store", () => {
  const HARBOUR = "content/articles/2024/11/harbour.md";
  const OTHER = "content/articles/2024/12/other.md";
  /**
   * Files written a minute ago: one modified in the very instant the store was written could have
   * changed after it was read, so the store reads it again (git's "racy" rule, see
   * parsed-articles.ts); these tests are about other things.
   */
  const backdated = (root: string) => {
    const then = new Date(Date.now() - 60_000);
    for (const file of [HARBOUR, OTHER]) utimesSync(path.join(root, file), then, then);
    return root;
  };
  const fixture = () =>
    backdated(
      makeFixtureSite({
        site: { timeZone: "Europe/Brussels" },
        articles: {
          "2024/11/harbour.md": article(
            {
              title: '"Harbour"',
              date: "2024-11-13T10:00:00+01:00",
              updated: "2024-11-14",
              topics: "[Trade]",
              images: ["", "  - caption: A map", "  - src: photos/a.jpg", '    alt: "A ship"'].join(
                "\n",
              ),
            },
            "Ships came in.\n\nThe *harbour* was full.",
          ),
          "2024/12/other.md": article(),
        },
        files: { "assets/photos/a.jpg": Buffer.from("a photo") },
      }),
    );
  /** The store's files for folders of articles (beside them, their text files). */
  const shards = (dir: string) =>
    readdirSync(dir)
      .filter((name) => !name.endsWith(".text.json"))
      .sort();
  /** For `get`: the body must come from the store's text file, not from parsing the file again. */
  const notAgain = (): never => {
    throw new Error("parsed again");
  };
  /** Loads the articles with the store in `dir`, then saves it, as a build does. */
  const load = (root: string, dir: string, key = "k") => {
    const store = ParsedArticleStore.open(dir, key);
    const site = loadSite(root, {});
    const articles = loadArticles(root, site, new TermResolver(loadRegistry(root)), store);
    store.save();
    return articles;
  };
  const stamp = (root: string, file: string) => stampOf(statSync(path.join(root, file)));
  const stored = (root: string, dir: string, file: string, key = "k") =>
    ParsedArticleStore.open(dir, key).get(file, stamp(root, file), notAgain);

  it("gives back the article as parsed: dates in their zone, the lead photo the very figure", () => {
    const root = fixture();
    const dir = mkdtempSync(path.join(tmpdir(), "parsed-"));
    const articles = load(root, dir);
    // One file per folder of articles.
    expect(shards(dir)).toEqual([
      "content%2Farticles%2F2024%2F11.json",
      "content%2Farticles%2F2024%2F12.json",
    ]);

    const kept = stored(root, dir, HARBOUR)!;
    const fresh = parseArticle(root, path.join(root, HARBOUR), loadSite(root, {}));
    expect(kept.date.toISO()).toBe("2024-11-13T10:00:00.000+01:00");
    expect(kept.date.zoneName).toBe("Europe/Brussels");
    expect(kept.updated?.toISO()).toBe(fresh.updated?.toISO());
    expect(kept.lead).toBe(kept.images[1]);
    // With the hash of its text that a clean build computes (see build-cache.ts).
    expect({ ...kept, date: 0, updated: 0 }).toEqual({
      ...fresh,
      date: 0,
      updated: 0,
      textHash: articleTextHash(fresh),
    });
    // Read with the store, the article is the one read without it.
    const again = load(root, dir).find((a) => a.file === HARBOUR)!;
    // Its body is read when asked for, not when the article is loaded.
    expect(Object.getOwnPropertyDescriptor(again, "html")?.get).toBeTypeOf("function");
    expect(again.html).toBe(articles.find((a) => a.file === HARBOUR)!.html);
    expect(again.topics.map((term) => term.name)).toEqual(["Trade"]);
  });

  it("parses a file again once its size or time changed, and nothing under another key", () => {
    const root = fixture();
    const dir = mkdtempSync(path.join(tmpdir(), "parsed-"));
    load(root, dir);
    expect(stored(root, dir, OTHER)).toBeDefined();
    expect(stored(root, dir, OTHER, "another key")).toBeUndefined();
    const { size, mtimeMs } = statSync(path.join(root, OTHER));
    expect(
      ParsedArticleStore.open(dir, "k", { fresh: true }).get(OTHER, stamp(root, OTHER), notAgain),
    ).toBe(undefined);

    // An edit that kept the file's length, a second later.
    const absolute = path.join(root, OTHER);
    writeFileSync(absolute, article({ title: '"A stork"' }));
    utimesSync(absolute, new Date(), new Date(mtimeMs + 1000));
    expect(statSync(absolute).size).toBe(size);
    expect(stored(root, dir, OTHER)).toBeUndefined();
    expect(load(root, dir).find((a) => a.file === OTHER)?.title).toBe("A stork");
    expect(stored(root, dir, OTHER)?.title).toBe("A stork");
  });

  it("reads again two same-size stories swapped by mv, which keeps their times", () => {
    const root = makeFixtureSite({
      articles: {
        "2024/11/a.md": article({ title: '"Ferry AAA"' }),
        "2024/11/b.md": article({ title: '"Ferry BBB"' }),
      },
    });
    const [a, b] = ["a", "b"].map((name) => path.join(root, `content/articles/2024/11/${name}.md`));
    const then = new Date(Date.now() - 60_000);
    for (const file of [a!, b!]) utimesSync(file, then, then);
    const dir = mkdtempSync(path.join(tmpdir(), "parsed-"));
    const titles = () => load(root, dir).map((parsed) => `${parsed.file} ${parsed.title}`);
    expect(titles()).toEqual([
      "content/articles/2024/11/a.md Ferry AAA",
      "content/articles/2024/11/b.md Ferry BBB",
    ]);
    const times = [a!, b!].map((file) => statSync(file).mtimeMs);
    expect(times[0]).toBe(times[1]);
    renameSync(a!, `${a}.swap`);
    renameSync(b!, a!);
    renameSync(`${a}.swap`, b!);
    expect([a!, b!].map((file) => statSync(file).mtimeMs)).toEqual(times);
    expect(titles()).toEqual([
      "content/articles/2024/11/a.md Ferry BBB",
      "content/articles/2024/11/b.md Ferry AAA",
    ]);
  });

  it("reads again a story edited in place with its size and time put back", () => {
    const root = fixture();
    const dir = mkdtempSync(path.join(tmpdir(), "parsed-"));
    load(root, dir);
    const absolute = path.join(root, OTHER);
    const { size, atime, mtime, mtimeMs } = statSync(absolute);
    writeFileSync(absolute, readFileSync(absolute, "utf8").replace(/title: "(.)/, 'title: "Z'));
    utimesSync(absolute, atime, mtime);
    expect(statSync(absolute).size).toBe(size);
    expect(statSync(absolute).mtimeMs).toBe(mtimeMs);
    expect(stored(root, dir, OTHER)).toBeUndefined();
    expect(load(root, dir).find((a) => a.file === OTHER)?.title).toMatch(/^Z/);
  });

  it("reads a story not older than the store's own write, git's racy rule, though its stamp is kept", () => {
    const root = fixture();
    const dir = mkdtempSync(path.join(tmpdir(), "parsed-"));
    load(root, dir);
    expect(stored(root, dir, OTHER)).toBeDefined();
    // The store's file for the folder as if written before the story was last modified (in the
    // same instant, an edit could have followed the read).
    const shard = shards(dir).find((name) => name.includes("2024%2F12"))!;
    const before = new Date(Date.now() - 120_000);
    utimesSync(path.join(dir, shard), before, before);
    expect(stored(root, dir, OTHER)).toBeUndefined();
    // Read and found the same text, it is kept with its stamp, and trusted once older than the store.
    expect(load(root, dir).find((a) => a.file === OTHER)).toBeDefined();
    expect(stored(root, dir, OTHER)).toBeDefined();
  });

  it("drops the files no longer read and replaces a store file it cannot read", () => {
    const root = fixture();
    const dir = mkdtempSync(path.join(tmpdir(), "parsed-"));
    load(root, dir);
    const folder = path.join(dir, "content%2Farticles%2F2024%2F11.json");
    writeFileSync(folder, "{ half");
    expect(stored(root, dir, HARBOUR)).toBeUndefined();
    expect(load(root, dir)).toHaveLength(2);
    expect(stored(root, dir, HARBOUR)?.title).toBe("Harbour");

    // A folder whose last story is gone loses its file.
    writeFileSync(path.join(root, OTHER), "");
    const store = ParsedArticleStore.open(dir, "k");
    store.get(HARBOUR, stamp(root, HARBOUR), notAgain);
    store.save();
    expect(shards(dir)).toEqual(["content%2Farticles%2F2024%2F11.json"]);
  });

  it("gives the archive a clean read gives, after a new folder, a draft, an edit and a deletion", () => {
    const root = fixture();
    const dir = mkdtempSync(path.join(tmpdir(), "parsed-"));
    /** The published stories of the archive read with the store, as a build does, and without. */
    const both = () => {
      const stories = (archive: ReturnType<typeof loadArchive>) =>
        archive.articles.map((a) => [a.url, a.title, a.body, a.date.toISO()]);
      const cached = loadArchive(root, {}, { store: () => ParsedArticleStore.open(dir, "k") });
      return { cached: stories(cached), clean: stories(loadArchive(root, {})) };
    };
    let read = both();
    expect(read.cached).toEqual(read.clean);
    expect(read.cached.length).toBeGreaterThan(0);

    const write = (file: string, text: string) => {
      const absolute = path.join(root, file);
      mkdirSync(path.dirname(absolute), { recursive: true });
      writeFileSync(absolute, text);
      utimesSync(absolute, new Date(), new Date(Date.now() + 5000));
    };
    write("content/articles/2025/01/cranes.md", article({ title: '"Cranes"' }, "Quayside cranes."));
    write("content/articles/2025/01/secret.md", article({ title: '"Embargoed"', draft: "true" }));
    write(HARBOUR, article({ title: '"Harbour"', date: "2024-11-13T10:00:00+01:00" }, "Ferries."));
    read = both();
    expect(read.cached).toEqual(read.clean);
    expect(JSON.stringify(read.cached)).toContain("Quayside");
    expect(JSON.stringify(read.cached)).toContain("Ferries");
    expect(JSON.stringify(read.cached)).not.toContain("Embargoed");

    rmSync(path.join(root, "content/articles/2025/01/cranes.md"));
    read = both();
    expect(read.cached).toEqual(read.clean);
    expect(JSON.stringify(read.cached)).not.toContain("Quayside");
  });

  it("keeps bodies apart, read when first asked for, and parses again what it cannot read", () => {
    const root = fixture();
    const dir = mkdtempSync(path.join(tmpdir(), "parsed-"));
    load(root, dir);
    const textFiles = () => readdirSync(dir).filter((name) => name.endsWith(".text.json"));
    expect(textFiles()).toHaveLength(2);
    const fresh = parseArticle(root, path.join(root, HARBOUR), loadSite(root, {}));

    // Not read until asked for: a text file that went bad after opening costs a parse.
    let store = ParsedArticleStore.open(dir, "k");
    const [harbourText] = textFiles().filter((name) => name.includes("11~"));
    const good = readFileSync(path.join(dir, harbourText!), "utf8");
    writeFileSync(path.join(dir, harbourText!), "{ half");
    let parses = 0;
    const kept = store.get(HARBOUR, stamp(root, HARBOUR), () => (parses++, fresh))!;
    expect(parses).toBe(0);
    expect(kept.html).toBe(fresh.html);
    expect(kept.body).toBe(fresh.body);
    expect(parses).toBe(1);
    writeFileSync(path.join(dir, harbourText!), good);

    // A story edited in the same folder: the folder's files are written anew, the other kept.
    const cranes = "content/articles/2024/11/cranes.md";
    writeFileSync(path.join(root, cranes), article({ title: '"Cranes"' }, "Quayside cranes."));
    load(root, dir);
    expect(textFiles()).toHaveLength(2);
    expect(textFiles()).not.toContain(harbourText);
    expect(stored(root, dir, HARBOUR)?.html).toBe(fresh.html);
    expect(stored(root, dir, cranes)?.body).toContain("Quayside cranes.");

    // A text file removed by hand: the folder's stories are parsed again, and it is written anew.
    for (const name of textFiles()) rmSync(path.join(dir, name));
    store = ParsedArticleStore.open(dir, "k");
    expect(store.get(HARBOUR, stamp(root, HARBOUR), notAgain)).toBeUndefined();
    expect(load(root, dir).find((a) => a.file === HARBOUR)?.html).toBe(fresh.html);
    expect(stored(root, dir, HARBOUR)?.html).toBe(fresh.html);
    // A text file no folder names (a build killed before naming it) is removed.
    writeFileSync(path.join(dir, "content%2Farticles%2F2024%2F11~1-2-3.text.json"), "{}");
    load(root, dir);
    expect(textFiles()).toHaveLength(2);
  });
});
