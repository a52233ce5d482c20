import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runBuild } from "../helpers/run-build.ts";
import { copyPublishingFixture } from "../fixtures/publishing-site.ts";
import {
  atomProblems,
  findBrokenLinks,
  jsonFeedProblems,
  listFiles,
  readPage,
} from "../helpers/site-files.ts";

const ORIGIN = "https://news.example.org";

describe("the feeds of a built archive", () => {
  let site: string;
  let files: string[];

  beforeAll(() => {
    site = path.join(mkdtempSync(path.join(tmpdir(), "archive-feeds-")), "_site");
    const run = runBuild(copyPublishingFixture(), site);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    files = listFiles(site);
  });

  const read = (file: string) => readFileSync(path.join(site, file), "utf8");

  it("writes an Atom feed for the archive and for every topic, person and place", () => {
    expect(files.filter((file) => file.endsWith("feed.xml"))).toEqual([
      "feed.xml",
      "people/mark-rutte/feed.xml",
      "places/brussels/feed.xml",
      "topics/nato/feed.xml",
      "topics/trade/feed.xml",
    ]);
  });

  it("writes every Atom feed with the elements Atom requires, parsed by an XML parser", () => {
    for (const file of files.filter((f) => f.endsWith("feed.xml"))) {
      expect(atomProblems(read(file)), file).toEqual([]);
    }
  });

  it("carries full text in the archive's feed and summaries in each topic's, person's and place's", () => {
    const count = (file: string, element: string) =>
      read(file).match(new RegExp(`<${element}\\b`, "g"))?.length ?? 0;
    expect(count("feed.xml", "content")).toBe(5);
    const termFeeds = files.filter((f) => f.endsWith("/feed.xml"));
    expect(termFeeds).toHaveLength(4);
    for (const file of termFeeds) {
      expect(count(file, "entry"), file).toBeGreaterThan(0);
      expect(count(file, "summary"), file).toBe(count(file, "entry"));
      expect(count(file, "content"), file).toBe(0);
    }
  });

  it("writes a JSON Feed of the whole archive with the fields JSON Feed requires", () => {
    expect(jsonFeedProblems(read("feed.json"))).toEqual([]);
    expect(JSON.parse(read("feed.json")).items).toHaveLength(5);
  });

  it("links each topic, person and place page to its feed, in the head and on the page", () => {
    for (const page of [
      "topics/nato/",
      "topics/trade/",
      "people/mark-rutte/",
      "places/brussels/",
    ]) {
      const html = readPage(site, `${page}index.html`);
      const alternates = html
        .querySelectorAll('link[rel="alternate"][type="application/atom+xml"]')
        .map((link) => link.getAttribute("href"));
      expect(alternates, page).toContain(`/${page}feed.xml`);
      expect(html.querySelector(".feed a")?.getAttribute("href"), page).toBe(`/${page}feed.xml`);
    }
  });

  it("advertises the archive's Atom and JSON feeds on every page", () => {
    for (const page of files.filter((f) => f.endsWith(".html") && !f.startsWith("pagefind/"))) {
      const alternates = readPage(site, page)
        .querySelectorAll('link[rel="alternate"]')
        .map((link) => `${link.getAttribute("type")} ${link.getAttribute("href")}`);
      expect(alternates, page).toEqual(
        expect.arrayContaining([
          "application/atom+xml /feed.xml",
          "application/feed+json /feed.json",
        ]),
      );
    }
  });

  it("points every URL in the feeds, entry content included, at a file of the site", () => {
    const broken = findBrokenLinks(site, "/", ORIGIN);
    expect(broken.filter((link) => /feed\.(xml|json)$/.test(link.page))).toEqual([]);
    // The lead photo is among the URLs checked: an absolute img src inside the escaped content.
    expect(read("feed.xml")).toMatch(/&lt;img src=&quot;https:\/\/news\.example\.org\/[^&]+&quot;/);
  });
});
