import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { PROJECT_DIR } from "../helpers/run-build.ts";
import { DateTime } from "luxon";
import { inputsComparer, PageFingerprints } from "../../src/cache/page-fingerprints.ts";
import { attachPicture } from "../../src/images/attached-pictures.ts";
import { BULK_PAGES } from "../../src/render/bulk-pages.ts";
import { loadPageModules, pageInstances } from "../../src/render/page-instances.ts";
import { loadArchive } from "../../src/collections/load-archive.ts";
import { ParsedArticleStore } from "../../src/cache/parsed-articles.ts";

/** Every bulk page's fingerprint, by output path, for the archive at `root` as it is now. */
async function fingerprints(
  root: string,
  archive = loadArchive(root),
): Promise<Map<string, string | undefined>> {
  const modules = await loadPageModules(path.join(PROJECT_DIR, "src", "pages"), BULK_PAGES);
  const pages = new PageFingerprints(archive);
  return new Map(pageInstances(modules, archive).map((i) => [i.output, pages.page(i)]));
}

describe("the build cache's page fingerprints", () => {
  it("stay the same for pages that show nothing of a new story, though related scores move", async () => {
    const root = makeFixtureSite({
      topics: [{ name: "Trade" }, { name: "Shipping" }],
      people: [{ name: "Ada Lovelace" }],
      articles: {
        "2024/11/a.md": article({ title: '"A"', date: "2024-11-01", topics: "[Trade]" }),
        "2024/11/b.md": article({ title: '"B"', date: "2024-11-02", topics: "[Trade]" }),
        "2024/11/c.md": article({
          title: '"C"',
          date: "2024-11-03",
          people: "[Ada Lovelace]",
        }),
      },
    });
    const before = await fingerprints(root);
    // A story on Shipping: more stories, so every term's weight in related scores changes.
    writeFileSync(
      path.join(root, "content", "articles", "2024", "11", "d.md"),
      article({ title: '"D"', date: "2024-11-04", topics: "[Shipping]" }),
    );
    const after = await fingerprints(root);
    for (const page of [
      "articles/2024/11/a/index.html",
      "articles/2024/11/b/index.html",
      "topics/trade/index.html",
      "people/ada-lovelace/index.html",
    ]) {
      expect(after.get(page), page).toBeDefined();
      expect(after.get(page), page).toBe(before.get(page));
    }
    // The pages that list every story do change.
    expect(after.get("index.html")).not.toBe(before.get("index.html"));
  });

  it("change when an article's text, or a photo's published files, change", async () => {
    const root = makeFixtureSite({
      articles: { "2024/11/a.md": article({ title: '"A"', date: "2024-11-01" }, "First text.") },
    });
    const before = await fingerprints(root);
    writeFileSync(
      path.join(root, "content", "articles", "2024", "11", "a.md"),
      article({ title: '"A"', date: "2024-11-01" }, "Second text."),
    );
    const after = await fingerprints(root);
    expect(after.get("articles/2024/11/a/index.html")).not.toBe(
      before.get("articles/2024/11/a/index.html"),
    );
  });

  it("are the same whether the parsed-article store gave the articles, with their text's hash, or not", async () => {
    const root = makeFixtureSite({
      topics: [{ name: "Trade" }],
      articles: {
        "2024/11/a.md": article({ title: '"A"', date: "2024-11-01", topics: "[Trade]" }, "One."),
        "2024/11/b.md": article({ title: '"B"', date: "2024-11-02", topics: "[Trade]" }, "Two."),
      },
    });
    const dir = mkdtempSync(path.join(tmpdir(), "parsed-"));
    const stored = () => loadArchive(root, {}, { store: () => ParsedArticleStore.open(dir, "k") });
    const parsed = stored();
    const kept = stored();
    expect(kept.articles.map((a) => a.textHash)).toEqual(parsed.articles.map((a) => a.textHash));
    expect(kept.articles.every((a) => a.textHash)).toBe(true);
    const clean = await fingerprints(root);
    expect(clean.get("articles/2024/11/a/index.html")).toBeDefined();
    expect(await fingerprints(root, parsed)).toEqual(clean);
    expect(await fingerprints(root, kept)).toEqual(clean);
  });
});

describe("inputsComparer", () => {
  const story = { title: "A story" };
  const same = inputsComparer(new Set([story]));
  const print = (value: unknown) => new PageFingerprints().of(value);

  it("finds equal what the fingerprint reads alike, and only that", () => {
    const pairs: Array<[unknown, unknown, boolean]> = [
      [{ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, true],
      // A key whose value is undefined is no key, to the fingerprint as to a template.
      [{ a: 1, b: undefined }, { a: 1 }, true],
      [{ a: 1 }, { a: 1, c: 2 }, false],
      [[1, 2], [2, 1], false],
      [
        new Map([
          ["x", 1],
          ["y", 2],
        ]),
        new Map([
          ["x", 1],
          ["y", 2],
        ]),
        true,
      ],
      // Maps and sets are read in order.
      [
        new Map([
          ["x", 1],
          ["y", 2],
        ]),
        new Map([
          ["y", 2],
          ["x", 1],
        ]),
        false,
      ],
      [new Set(["x"]), new Map([["x", "x"]]), false],
      [[1], { 0: 1 }, false],
      [DateTime.fromISO("2024-11-01T10:00:00Z"), DateTime.fromISO("2024-11-01T10:00:00Z"), true],
      [
        DateTime.fromISO("2024-11-01T10:00:00Z"),
        DateTime.fromISO("2024-11-01T10:00:00Z").setZone("Europe/London"),
        false,
      ],
      [{ toJSON: () => "x" }, { toJSON: () => "x" }, true],
      [{ toJSON: () => "x" }, "x", false],
      ["1", 1, false],
      [null, undefined, false],
    ];
    for (const [a, b, expected] of pairs) {
      expect(same(a, b), `${print(a)} / ${print(b)}`).toBe(expected);
      // Equal inputs make equal fingerprints, whichever way round.
      if (expected) expect(print(a)).toBe(print(b));
      expect(same(b, a)).toBe(expected);
    }
  });

  it("takes an article for the same only when it is the same object", () => {
    expect(same({ list: [story] }, { list: [story] })).toBe(true);
    expect(same({ list: [story] }, { list: [{ ...story }] })).toBe(false);
  });

  it("sees the photo attached beside a figure", () => {
    const figure = () => ({ src: "photos/a.jpg", caption: "A quay" });
    const [a, b] = [figure(), figure()];
    const picture = (width: number) =>
      ({ sources: [], fallback: { url: `/img/a-${width}.jpg`, width, height: 10 } }) as never;
    attachPicture(a, picture(400));
    attachPicture(b, picture(400));
    expect(same(a, b)).toBe(true);
    attachPicture(b, picture(800));
    expect(same(a, b)).toBe(false);
  });

  it("compares a large value shared by many pages once, not once per page", () => {
    const long = Array.from({ length: 1000 }, (_, i) => ({ n: i }));
    const copy = long.map((item) => ({ ...item }));
    const counting = new Proxy(copy, {
      get(target, key, receiver) {
        if (key === "length") reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    let reads = 0;
    const compare = inputsComparer(new Set());
    for (let page = 0; page < 50; page++)
      expect(compare({ page, long }, { page, long: counting })).toBe(true);
    expect(reads).toBeLessThan(5);
  });
});
