import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { differences } from "../helpers/compare-sites.ts";
import { runBuild } from "../helpers/run-build.ts";
import { findBrokenLinks, listFiles, readPage } from "../helpers/site-files.ts";

/** NATO stories 1 to `count`, a month apart, and one newer story about Iran. */
function archiveArticles(count: number): Record<string, string> {
  const articles = Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `2024/0${i + 1}/story-${i + 1}.md`,
      article({ title: `"Story ${i + 1}"`, date: `2024-0${i + 1}-10`, topics: "[NATO]" }),
    ]),
  );
  articles["2024/09/other.md"] = article({
    title: '"Other"',
    date: "2024-09-01",
    topics: "[Iran]",
  });
  return articles;
}

const fixture = (count: number) =>
  makeFixtureSite({ articles: archiveArticles(count), site: { pageSize: { home: 2, term: 2 } } });

function build(root: string, site?: string): string {
  const out = site ?? path.join(mkdtempSync(path.join(tmpdir(), "archive-pages-")), "_site");
  const run = runBuild(root, out);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return out;
}

const titles = (site: string, file: string) =>
  readPage(site, file)
    .querySelectorAll(".article-list h2")
    .map((h) => h.text);

describe("paginated lists", () => {
  let site: string;
  let grown: string;

  beforeAll(() => {
    site = build(fixture(6));
    // One more NATO story, newer than the others: a clean build of the grown archive.
    grown = build(fixture(7));
  });

  it("splits the home page by the page size from site.json, numbering pages from the oldest", () => {
    const files = listFiles(site).filter((f) => /^(page\/\d+\/)?index\.html$/.test(f));
    expect(files.sort()).toEqual(["index.html", "page/1/index.html", "page/2/index.html"]);
    expect(titles(site, "index.html")).toEqual(["Other", "Story 6", "Story 5"]);
    expect(titles(site, "page/2/index.html")).toEqual(["Story 4", "Story 3"]);
    expect(titles(site, "page/1/index.html")).toEqual(["Story 2", "Story 1"]);
  });

  it("shows a topic's newest stories first, its older pages below, linking the pages to each other", () => {
    const front = readPage(site, "topics/nato/index.html");
    expect(titles(site, "topics/nato/index.html")).toEqual(["Story 6", "Story 5"]);
    expect(front.querySelector('a[rel="next"]')?.getAttribute("href")).toBe("/topics/nato/page/2/");
    expect(front.querySelector('a[rel="prev"]')).toBeNull();
    const middle = readPage(site, "topics/nato/page/2/index.html");
    expect(titles(site, "topics/nato/page/2/index.html")).toEqual(["Story 4", "Story 3"]);
    expect(middle.querySelector('a[rel="prev"]')?.getAttribute("href")).toBe("/topics/nato/");
    expect(middle.querySelector('a[rel="next"]')?.getAttribute("href")).toBe(
      "/topics/nato/page/1/",
    );
    const oldest = readPage(site, "topics/nato/page/1/index.html");
    expect(titles(site, "topics/nato/page/1/index.html")).toEqual(["Story 2", "Story 1"]);
    expect(oldest.querySelector('a[rel="prev"]')?.getAttribute("href")).toBe(
      "/topics/nato/page/2/",
    );
    expect(oldest.querySelector('a[rel="next"]')).toBeNull();
    expect(oldest.querySelector("h1")!.text).toBe("NATO, page 1");
  });

  it("counts a topic's articles on its front page, and gives the days a numbered page covers", () => {
    expect(readPage(site, "topics/nato/index.html").querySelector("p.count")!.text).toBe(
      "6 articles, newest first.",
    );
    expect(readPage(site, "topics/nato/page/1/index.html").querySelector("p.count")!.text).toBe(
      "Articles from 10 January 2024 to 10 February 2024, newest first.",
    );
    expect(readPage(site, "page/1/index.html").querySelector("p.lede")!.text).toBe(
      "Articles from 10 January 2024 to 10 February 2024, newest first.",
    );
  });

  it("leaves the numbered pages as they were when a newer story arrives", () => {
    const same = (file: string) =>
      expect(readFileSync(path.join(grown, file), "utf8"), file).toBe(
        readFileSync(path.join(site, file), "utf8"),
      );
    same("topics/nato/page/1/index.html");
    same("topics/nato/page/2/index.html");
    same("page/1/index.html");
    expect(titles(grown, "topics/nato/index.html")).toEqual(["Story 7", "Story 6", "Story 5"]);
    // The home list gained a full page: the page below it now links to it, nothing else changed.
    expect(titles(grown, "page/3/index.html")).toEqual(["Story 6", "Story 5"]);
    expect(titles(grown, "page/2/index.html")).toEqual(titles(site, "page/2/index.html"));
    expect(
      readPage(grown, "page/2/index.html").querySelector('a[rel="prev"]')?.getAttribute("href"),
    ).toBe("/page/3/");
  });

  it("does not render the numbered pages again when a build with the cache adds a newer story", async () => {
    const root = fixture(6);
    const out = build(root);
    const story = archiveArticles(7)["2024/07/story-7.md"]!;
    const folder = path.join(root, "content", "articles", "2024", "07");
    mkdirSync(folder);
    writeFileSync(path.join(folder, "story-7.md"), story, { flag: "wx" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    build(root, out);
    expect(differences(grown, out)).toEqual([]);
    const writtenSince = (file: string) => statSync(path.join(out, file)).mtimeMs >= started;
    expect(writtenSince("topics/nato/index.html")).toBe(true);
    expect(writtenSince("page/3/index.html")).toBe(true);
    // Linked from the previous build, not rendered.
    expect(writtenSince("topics/nato/page/1/index.html")).toBe(false);
    expect(writtenSince("topics/nato/page/2/index.html")).toBe(false);
    expect(writtenSince("page/1/index.html")).toBe(false);
  });

  it("gives an unregistered topic a page of its own", () => {
    expect(readPage(site, "topics/iran/index.html").querySelector("h1")!.text).toBe("Iran");
  });

  it("leaves no broken internal link", () => {
    expect(findBrokenLinks(site, "/", "https://archive.example.org")).toEqual([]);
    expect(findBrokenLinks(grown, "/", "https://archive.example.org")).toEqual([]);
  });
});
