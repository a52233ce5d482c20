import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { runBuild } from "../helpers/run-build.ts";
import { findBrokenLinks, listFiles, readPage } from "../helpers/site-files.ts";

describe("paginated lists", () => {
  let site: string;

  beforeAll(() => {
    const articles = Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [
        `2024/0${i + 1}/story-${i + 1}.md`,
        article({ title: `"Story ${i + 1}"`, date: `2024-0${i + 1}-10`, topics: "[NATO]" }),
      ]),
    );
    articles["2024/06/other.md"] = article({
      title: '"Other"',
      date: "2024-06-01",
      topics: "[Iran]",
    });
    const root = makeFixtureSite({ articles, site: { pageSize: { home: 2, term: 2 } } });
    site = path.join(mkdtempSync(path.join(tmpdir(), "archive-pages-")), "_site");
    const run = runBuild(root, site);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("splits the home page by the page size from site.json", () => {
    const files = listFiles(site);
    expect(files).toContain("index.html");
    expect(files).toContain("page/2/index.html");
    expect(files).toContain("page/3/index.html");
    expect(files).not.toContain("page/4/index.html");
  });

  it("splits a topic page newest first, linking the pages to each other", () => {
    const first = readPage(site, "topics/nato/index.html");
    expect(first.querySelectorAll(".article-list h2").map((h) => h.text)).toEqual([
      "Story 5",
      "Story 4",
    ]);
    expect(first.querySelector('a[rel="next"]')?.getAttribute("href")).toBe("/topics/nato/page/2/");
    const last = readPage(site, "topics/nato/page/3/index.html");
    expect(last.querySelectorAll(".article-list h2").map((h) => h.text)).toEqual(["Story 1"]);
    expect(last.querySelector('a[rel="prev"]')?.getAttribute("href")).toBe("/topics/nato/page/2/");
    expect(last.querySelector("h1")!.text).toBe("NATO, page 3");
  });

  it("counts a topic's articles on every page of it", () => {
    expect(readPage(site, "topics/nato/page/2/index.html").querySelector("p.count")!.text).toMatch(
      /^5 articles/,
    );
  });

  it("gives an unregistered topic a page of its own", () => {
    expect(readPage(site, "topics/iran/index.html").querySelector("h1")!.text).toBe("Iran");
  });

  it("leaves no broken internal link", () => {
    expect(findBrokenLinks(site, "/", "https://archive.example.org")).toEqual([]);
  });
});
