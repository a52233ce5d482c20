import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { gunzipSync } from "node:zlib";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { runBuild } from "../helpers/run-build.ts";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { expectQuietPage, launchBrowser, watchPage } from "../helpers/browser.ts";
import { startStaticServer } from "../../src/serve/static-server.ts";
import { packTable, readLengths } from "../../src/browser/search-files.ts";
import { searchIndexInfo } from "../helpers/search-index.ts";

/**
 * 24 stories on 12 days, two a day, in shards and bundles of 4 stories (2 days): six bundles, each
 * in `pagefind/<first day>/`, the newest one shard alone. Every story mentions the harbour; every
 * third mentions cranes; the pairs differ in topic. The newest story, once the site is built, is
 * edited to bring a word no story had ("harbourmaster"), whose prefix every bundle has.
 */
const DAYS = Array.from({ length: 12 }, (_, i) => `2024-03-${String(i + 1).padStart(2, "0")}`);
const STORIES = DAYS.flatMap((day, d) =>
  [0, 1].map((k) => {
    const n = d * 2 + k;
    return {
      file: `2024/03/story-${String(n).padStart(2, "0")}.md`,
      title: `Harbour story ${String(n).padStart(2, "0")}`,
      date: `${day}T${k ? "15" : "09"}:00:00Z`,
      topic: k ? "Shipping" : "Weather",
      cranes: n % 3 === 0,
    };
  }),
);
const newestFirst = [...STORIES].sort((a, b) => b.date.localeCompare(a.date));
const NEWEST = newestFirst[0]!;
const body = (s: (typeof STORIES)[number], extra = "") =>
  `The harbour was busy today.${s.cranes ? " The cranes came back to the quay." : ""}${extra}`;

describe("search over several bundles", () => {
  let browser: Browser;
  let site: string;
  let server: Awaited<ReturnType<typeof startStaticServer>>;
  /** The shards Pagefind indexed in the build after the new word came. */
  let shardsIndexed: string[];
  let bundlesReported: number;

  beforeAll(async () => {
    const root = makeFixtureSite({
      // The stories after the last sealed bundle stay whole, as one newest bundle.
      site: { search: { bundleSize: 4, newestBundleSize: 4 } },
      articles: Object.fromEntries(
        STORIES.map((s) => [
          s.file,
          article({ title: `"${s.title}"`, date: s.date, topics: `[${s.topic}]` }, body(s)),
        ]),
      ),
    });
    site = path.join(mkdtempSync(path.join(tmpdir(), "archive-bundles-")), "_site");
    const run = runBuild(root, site, {}, ["--portable"]);
    expect(run.status, run.stderr).toBe(0);
    // A publish: the newest story brings a word no story had.
    const file = path.join(root, "content", "articles", NEWEST.file);
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(body(NEWEST), body(NEWEST, " The harbourmaster waved.")),
    );
    const stats = path.join(mkdtempSync(path.join(tmpdir(), "archive-bundles-stats-")), "s.json");
    const again = runBuild(root, site, {}, ["--portable", "--stats", stats]);
    expect(again.status, again.stderr).toBe(0);
    const measured = JSON.parse(readFileSync(stats, "utf8")) as {
      searchProcesses: Array<{ bundle: string }>;
      searchBundles: number;
    };
    shardsIndexed = measured.searchProcesses.map((p) => p.bundle);
    bundlesReported = measured.searchBundles;
    server = await startStaticServer({ dir: site });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("writes one bundle per two days, each in its own folder, Pagefind's scripts once", () => {
    const folders = readdirSync(path.join(site, "pagefind")).filter((f) => /^\d{4}-/.test(f));
    expect(folders.sort()).toEqual([
      "2024-03-01",
      "2024-03-03",
      "2024-03-05",
      "2024-03-07",
      "2024-03-09",
      "2024-03-11",
    ]);
    expect(existsSync(path.join(site, "pagefind", "pagefind.js"))).toBe(true);
    // The build's --stats count bundles, not the shards Pagefind indexed (the bench reports both).
    expect(bundlesReported).toBe(folders.length);
    // Bundles hold data only: the scripts come once, from pagefind/ itself.
    for (const folder of folders) {
      expect(existsSync(path.join(site, "pagefind", folder, "pagefind.js"))).toBe(false);
      expect(existsSync(path.join(site, "pagefind", folder, "bundle.json"))).toBe(true);
    }
  });

  it("indexes only the newest shard again for a word no story had", () => {
    expect(shardsIndexed).toEqual(["2024-03-11"]);
  });

  async function search(
    url: string,
  ): Promise<{ page: Page; titles: string[]; requests: string[] }> {
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    const watch = watchPage(page, new URL(server.url).origin);
    const requests: string[] = [];
    page.on("request", (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(`${server.url}${url}`);
    await page.locator("#search-status", { hasText: /results? for/ }).waitFor();
    const titles = await page.locator("#search-results h2").allTextContents();
    await page.locator('#search-facets[aria-busy="false"]').waitFor({ state: "attached" });
    // Blocking the service worker (for a cold cache) is the one thing Playwright logs.
    watch.consoleMessages = watch.consoleMessages.filter(
      (m) => !m.includes("blocked by Playwright"),
    );
    expectQuietPage(watch);
    return { page, titles, requests };
  }

  it("lists newest first exactly across bundles and pages through all of them", async () => {
    const { page, titles, requests } = await search("search/?q=harbour&sort=newest");
    expect(titles).toEqual(newestFirst.slice(0, 10).map((s) => s.title));
    // Ten results come from the three newest bundles (4 stories each); the other bundles load
    // after them, for the count and the facets. Each bundle's metadata is loaded once, and no
    // bundle asks for an entry file: the search page carries what it would say.
    const metas = requests.filter((p) => p.endsWith(".pf_meta"));
    expect(metas).toHaveLength(6);
    expect(new Set(metas).size).toBe(6);
    expect(requests.filter((p) => p.endsWith("pagefind-entry.json"))).toEqual([]);
    expect(await page.locator("#search-status").textContent()).toBe("24 results for “harbour”.");
    await page.locator("#search-more").click();
    await page.locator("#search-results li").nth(19).waitFor();
    await page.locator("#search-more").click();
    await page.locator("#search-results li").nth(23).waitFor();
    expect(await page.locator("#search-results h2").allTextContents()).toEqual(
      newestFirst.map((s) => s.title),
    );
    expect(await page.locator("#search-more").isHidden()).toBe(true);
    await page.context().close();
  });

  it("loads only the newest bundles before the first newest-first results show", async () => {
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    await page.goto(`${server.url}search/`);
    await page.waitForLoadState("networkidle");
    // Holds back the three oldest bundles: the first results show without them.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/pagefind\/2024-03-0[1-5]\//, async (route) => {
      await held;
      await route.continue();
    });
    await page.locator("#search-query").fill("harbour");
    await page.locator("#search-sort").selectOption("newest");
    await page.locator("#search-status", { hasText: /results? for/ }).waitFor();
    expect(await page.locator("#search-results h2").allTextContents()).toEqual(
      newestFirst.slice(0, 10).map((s) => s.title),
    );
    expect(await page.locator("#search-status").textContent()).toBe(
      "At least 12 results for “harbour”.",
    );
    release();
    await page.locator("#search-status", { hasText: "24 results" }).waitFor();
    await context.close();
  });

  it("ranks best matches over every bundle and counts facets over all of them", async () => {
    const { page, titles } = await search("search/?q=cranes");
    expect(titles.sort()).toEqual(
      STORIES.filter((s) => s.cranes)
        .map((s) => s.title)
        .sort(),
    );
    const topics = page.getByRole("group", { name: "Topic" });
    expect(
      await topics
        .getByLabel(/Weather/)
        .locator("..")
        .textContent(),
    ).toContain(`(${STORIES.filter((s) => s.cranes && s.topic === "Weather").length})`);
    expect(
      await topics
        .getByLabel(/Shipping/)
        .locator("..")
        .textContent(),
    ).toContain(`(${STORIES.filter((s) => s.cranes && s.topic === "Shipping").length})`);
    await page.context().close();
  });

  it("ORs the values of one facet across bundles and keeps newest first", async () => {
    const { titles } = await search("search/?q=harbour&topic=Weather&topic=Shipping&sort=newest");
    expect(titles).toEqual(newestFirst.slice(0, 10).map((s) => s.title));
    const { titles: weather } = await search("search/?q=harbour&topic=Weather&sort=newest");
    expect(weather).toEqual(
      newestFirst
        .filter((s) => s.topic === "Weather")
        .slice(0, 10)
        .map((s) => s.title),
    );
  });

  it("finds exactly the stories of a new word, without the older bundles' prefix matches", async () => {
    for (const sort of ["", "&sort=newest"]) {
      const { page, titles } = await search(`search/?q=harbourmaster${sort}`);
      expect(titles, sort).toEqual([NEWEST.title]);
      expect(await page.locator("#search-status").textContent()).toBe(
        "1 result for “harbourmaster”.",
      );
      // The facets count that story alone.
      const topics = page.getByRole("group", { name: "Topic" });
      expect(
        await topics.getByLabel(new RegExp(NEWEST.topic)).locator("..").textContent(),
      ).toContain("(1)");
      await page.context().close();
    }
  });

  it("fetches a result's fragment by byte range from its bundle's pack", async () => {
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    const ranges: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith(".pf_pack")) ranges.push(r.headers()["range"] ?? "whole");
    });
    await page.goto(`${server.url}search/?q=cranes&sort=newest`);
    await page.locator("#search-status", { hasText: /results? for/ }).waitFor();
    expect(ranges.length).toBeGreaterThan(0);
    for (const range of ranges) expect(range).toMatch(/^bytes=\d+-\d+$/);
    await context.close();
  });

  it("knows every pack's offsets after the first search: later results cost one request each", async () => {
    // The build's file of fragment lengths gives each pack's header as the pack holds it.
    const info = searchIndexInfo(site);
    for (const bundle of info.bundles) {
      const dir = path.join(site, "pagefind", bundle.dir, "fragment");
      const lengths = readLengths(
        gunzipSync(readFileSync(path.join(dir, `${bundle.lengths}.pf_lengths`))),
      );
      expect(lengths).toHaveLength(bundle.pages);
      bundle.packs.forEach((pack, i) => {
        const bytes = readFileSync(path.join(dir, `${pack}.pf_pack`));
        const count = Math.min(info.perPack, bundle.pages - i * info.perPack);
        const header = Array.from({ length: count + 1 }, (_, k) => bytes.readUInt32LE(4 * k));
        expect([...packTable(lengths, i * info.perPack, count)]).toEqual(header);
        expect(header.at(-1)).toBe(bytes.length);
      });
    }
    // A first search that shows nothing, then one with results from every bundle: no pack is
    // asked for its header, each fragment is one range after its pack's header.
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    const ranges: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith(".pf_pack")) ranges.push(r.headers()["range"] ?? "whole");
    });
    const lengthsLoaded = page.waitForResponse((r) => r.url().endsWith(".pf_lengths"));
    await page.goto(`${server.url}search/?q=qqqwzx`);
    await page.locator("#search-status", { hasText: /results? for/ }).waitFor();
    await lengthsLoaded;
    await page.waitForLoadState("networkidle");
    ranges.length = 0;
    await page.locator("#search-query").fill("harbour");
    await page.keyboard.press("Enter");
    await page.locator("#search-status", { hasText: "results for “harbour”" }).waitFor();
    await page.locator("#search-results li").nth(9).waitFor();
    const titles = await page.locator("#search-results h2").allTextContents();
    expect(titles).toEqual((await search("search/?q=harbour")).titles);
    expect(ranges.length).toBeGreaterThanOrEqual(10);
    for (const range of ranges) expect(range).toMatch(/^bytes=([1-9]\d*)-\d+$/);
    await context.close();
  });

  it("searches the other bundles, and says which days it missed, when one fails to load", async () => {
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    await page.route(/\/pagefind\/2024-03-05\//, (route) => route.fulfill({ status: 404 }));
    await page.goto(`${server.url}search/?q=harbour&sort=newest`);
    await page.locator("#search-status", { hasText: "20 results" }).waitFor();
    expect(await page.locator("#search-status").textContent()).toContain(
      "Stories from 5 March 2024 to 6 March 2024 could not be searched",
    );
    const titles = await page.locator("#search-results h2").allTextContents();
    expect(titles).toEqual(
      newestFirst
        .filter((s) => !/^2024-03-0[56]/.test(s.date))
        .slice(0, 10)
        .map((s) => s.title),
    );
    await context.close();
  });

  it("finds the same results, in the same order, opened from disk", async () => {
    for (const query of ["harbour&sort=newest", "cranes&sort=newest"]) {
      const page = await browser.newPage();
      await page.goto(`${pathToFileURL(path.join(site, "search", "index.html")).href}?q=${query}`);
      await page.locator("#search-status", { hasText: /results? for/ }).waitFor();
      const fromDisk = await page.locator("#search-results h2").allTextContents();
      await page.close();
      const { titles, page: served } = await search(`search/?q=${query}`);
      await served.context().close();
      expect(fromDisk, query).toEqual(titles);
    }
  });

  it("answers from every bundle offline", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}search/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      polling: 100,
      timeout: 20_000,
    });
    // A small index is saved by itself after a first visit; the search page says when it is.
    await page.goto(`${server.url}search/`);
    await page.locator("#offline-text", { hasText: "is saved on this device" }).waitFor();
    await context.setOffline(true);
    await page.goto(`${server.url}search/?q=cranes&sort=newest`);
    await page.locator("#search-status", { hasText: /results? for/ }).waitFor();
    await page.locator('#search-facets[aria-busy="false"]').waitFor({ state: "attached" });
    expect(await page.locator("#search-results h2").allTextContents()).toEqual(
      newestFirst.filter((s) => s.cranes).map((s) => s.title),
    );
    await context.close();
  });

  it("gives the portable copy every bundle's files as scripts, a story's fragment a script of its own", () => {
    for (const folder of ["2024-03-01", "2024-03-11"]) {
      const packs = readdirSync(path.join(site, "pagefind", folder, "fragment"));
      expect(packs.length).toBeGreaterThan(0);
      const { tag, pages } = JSON.parse(
        readFileSync(path.join(site, "pagefind", folder, "bundle.json"), "utf8"),
      ) as { tag: string; pages: number };
      const scripts = readdirSync(path.join(site, "pagefind", "file", folder, "fragment"));
      expect(scripts.sort()).toEqual(
        Array.from({ length: pages }, (_, i) => `${tag}${i.toString(36)}.pf_fragment.js`).sort(),
      );
    }
    expect(existsSync(path.join(site, "pagefind", "file", "wasm.en.pagefind.js"))).toBe(true);
  });
});
