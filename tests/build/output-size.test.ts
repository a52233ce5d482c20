import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { runBuild } from "../helpers/run-build.ts";
import { findBrokenLinks, listFiles, readPage } from "../helpers/site-files.ts";
import { SearchIndexSession } from "../../src/search/build-search-index.ts";
import { planBundles } from "../../src/search/bundles.ts";
import type { SearchIndexInfo } from "../../src/search/bundle-info.ts";
import { readFragment } from "../../src/search/pagefind-files.ts";

// Ada and Bo share 25 stories: 12 in January, 13 in March (none in February). At ten a page,
// numbered from the oldest, Ada's listing holds January 1–10 on page 1 and the other 15 on its
// front page: March 13–1, January 12 and 11.
const day = (n: number) => String(n).padStart(2, "0");
const ARTICLES = Object.fromEntries([
  ...Array.from({ length: 12 }, (_, i) => [
    `2024/01/jan-${i + 1}.md`,
    article({ title: `"Jan ${i + 1}"`, date: `2024-01-${day(i + 1)}`, people: "[Ada, Bo]" }),
  ]),
  ...Array.from({ length: 13 }, (_, i) => [
    `2024/03/mar-${i + 1}.md`,
    article({ title: `"Mar ${i + 1}"`, date: `2024-03-${day(i + 1)}`, people: "[Ada, Bo]" }),
  ]),
]);

describe("output size: what multiplies per term", () => {
  let site: string;
  let files: string[];

  beforeAll(() => {
    const root = makeFixtureSite({ articles: ARTICLES });
    site = path.join(mkdtempSync(path.join(tmpdir(), "archive-output-size-")), "_site");
    const run = runBuild(root, site);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    files = listFiles(site);
  });

  it("writes no page per term and month", () => {
    expect(files.filter((f) => /^(people|topics|places)\/[^/]+\/\d{4}\//.test(f))).toEqual([]);
  });

  it("links each timeline bar to its month's heading on the listing page where the month begins", () => {
    const links = readPage(site, "people/ada/index.html")
      .querySelectorAll(".timeline svg a")
      .map((a) => a.getAttribute("href"));
    expect(links).toEqual(["/people/ada/#month-2024-01", "/people/ada/#month-2024-03"]);
    const newest = { "2024-01": "Jan 12", "2024-03": "Mar 13" };
    for (const link of links) {
      const [url, id] = link!.split("#") as [string, string];
      const page = readPage(site, `${url.slice(1)}index.html`);
      const heading = page.querySelector(`#${id}`);
      expect(heading, link!).not.toBeNull();
      const list = heading!.nextElementSibling!;
      expect(list.querySelector(".article-list h2, h2")!.text).toBe(
        newest[id.replace("month-", "") as keyof typeof newest],
      );
    }
  });

  it("heads each month on a listing page, a month begun on the page before without the anchor", () => {
    const headings = (file: string) =>
      readPage(site, file)
        .querySelectorAll("h2.list-heading")
        .map((h) => [h.text, h.getAttribute("id") ?? null]);
    expect(headings("people/ada/index.html")).toEqual([
      ["March 2024", "month-2024-03"],
      ["January 2024", "month-2024-01"],
    ]);
    expect(headings("people/ada/page/1/index.html")).toEqual([["January 2024, continued", null]]);
  });

  it("makes one page per pair, listing the newest shared stories", () => {
    expect(files.filter((f) => f.includes("/with/"))).toEqual([
      "people/ada/with/people/bo/index.html",
    ]);
    const pair = readPage(site, "people/ada/with/people/bo/index.html");
    expect(pair.querySelector(".count")!.text).toBe(
      "25 articles name both; the newest 10, newest first.",
    );
    expect(pair.querySelectorAll(".article-list h2").map((h) => h.text)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Mar ${13 - i}`),
    );
  });

  it("gives a term's feed the newest 20 entries, the archive's feed more", () => {
    const entries = (file: string) =>
      [...readFileSync(path.join(site, file), "utf8").matchAll(/<entry>[\s\S]*?<\/entry>/g)].map(
        ([entry]) => /<title type="text">([^<]*)<\/title>/.exec(entry)![1],
      );
    expect(entries("people/ada/feed.xml")).toEqual([
      ...Array.from({ length: 13 }, (_, i) => `Mar ${13 - i}`),
      ...Array.from({ length: 7 }, (_, i) => `Jan ${12 - i}`),
    ]);
    expect(entries("feed.xml")).toHaveLength(25);
  });

  it("leaves no link without a target", () => {
    expect(findBrokenLinks(site)).toEqual([]);
  });
});

describe("output size: the search index's fragment packs", () => {
  const stories = Array.from({ length: 12 }, (_, i) => ({
    day: "2024-01-01",
    url: `/articles/story-${i}/`,
  }));
  const plan = planBundles(stories);
  let site: string;
  let info: SearchIndexInfo;

  beforeAll(async () => {
    site = mkdtempSync(path.join(tmpdir(), "archive-fragments-"));
    const session = new SearchIndexSession(site, plan, { language: "en", perPack: 5 });
    for (let i = 0; i < 12; i++) {
      void session.add(`articles/story-${i}/index.html`, {
        document: `<!doctype html><html lang="en"><body><main data-pagefind-body><h1>Story ${i}</h1><p>Harbour news number ${i}.</p></main></body></html>`,
      });
    }
    const result = await session.finish();
    expect(result.pages).toBe(12);
    info = result.info;
  });

  it("packs fragments a few to a file, each found by the offsets at the pack's start", () => {
    const [bundle] = info.bundles;
    expect(info.bundles).toHaveLength(1);
    expect(info.perPack).toBe(5);
    const folder = path.join(site, "pagefind", bundle!.dir, "fragment");
    // Twelve stories, five to a pack: no fragment file per story, and no sentinel page; one file
    // of the fragments' lengths beside the packs.
    expect(readdirSync(folder).sort()).toEqual(
      [...bundle!.packs.map((p) => `${p}.pf_pack`), `${bundle!.lengths}.pf_lengths`].sort(),
    );
    expect(bundle!.packs).toHaveLength(3);
    // Each pack's fragments, cut at its offsets, are the stories in date (here address) order.
    const urls = bundle!.packs.flatMap((pack) => {
      const bytes = readFileSync(path.join(folder, `${pack}.pf_pack`));
      const count = bytes.readUInt32LE(0) / 4 - 1;
      return Array.from({ length: count }, (_, i) => {
        const from = bytes.readUInt32LE(4 * i);
        const to = bytes.readUInt32LE(4 * (i + 1));
        return readFragment(bytes.subarray(from, to), pack).url;
      });
    });
    expect(urls).toEqual([...plan.shardOf.keys()].map((o) => `/${o.replace(/index\.html$/, "")}`));
  });

  it("writes Pagefind's scripts once, with only the WebAssembly its language loads", () => {
    const root = path.join(site, "pagefind");
    expect(readdirSync(root).filter((file) => file.startsWith("wasm."))).toEqual([
      "wasm.en.pagefind",
    ]);
    expect(readdirSync(root)).toContain("pagefind.js");
    expect(readdirSync(path.join(root, info.bundles[0]!.dir))).not.toContain("pagefind.js");
    expect(info.language).toBe("en");
  });
});

describe("output size: the search index's share of the host's limits", () => {
  it("adds far fewer files than stories, and under two kilobytes of index each", async () => {
    // 400 stories on 40 days, in shards of 50 and bundles of 200: a sealed bundle, smaller ones,
    // the newest shard. Each story a paragraph of words of its own and shared ones.
    const words = "harbour trade talks ministers quay cranes tariff port shipping grain".split(" ");
    const stories = Array.from({ length: 400 }, (_, i) => ({
      day: `2024-${String(1 + Math.floor(i / 300)).padStart(2, "0")}-${String(1 + (Math.floor(i / 10) % 28)).padStart(2, "0")}`,
      url: `/articles/story-${i}/`,
    }));
    const plan = planBundles(stories, 200, 50);
    expect(plan.bundles.length).toBeGreaterThan(2);
    const site = mkdtempSync(path.join(tmpdir(), "archive-index-size-"));
    const session = new SearchIndexSession(site, plan, { language: "en" });
    for (let i = 0; i < stories.length; i++) {
      const text = Array.from(
        { length: 80 },
        (_, w) => `${words[(i * 7 + w) % words.length]}${w % 9 === 0 ? `w${i}x${w}` : ""}`,
      ).join(" ");
      const wait = session.add(`articles/story-${i}/index.html`, {
        document: `<!doctype html><html lang="en"><body><main data-pagefind-body><h1>Story ${i}</h1><p>${text}.</p></main></body></html>`,
      });
      if (wait) await wait;
    }
    await session.finish();
    const files = listFiles(path.join(site, "pagefind"));
    const bytes = files.reduce(
      (sum, file) => sum + readFileSync(path.join(site, "pagefind", file)).length,
      0,
    );
    // The site may hold 1.5 files and 12 KiB per story; the index takes a small part of that.
    expect(files.length / stories.length).toBeLessThan(0.25);
    const runtime = files.filter((file) => !file.includes("/"));
    const indexBytes =
      bytes -
      runtime.reduce((sum, f) => sum + readFileSync(path.join(site, "pagefind", f)).length, 0);
    expect(indexBytes / stories.length).toBeLessThan(2 * 1024);
  }, 120_000);
});
