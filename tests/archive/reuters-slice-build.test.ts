import { statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadArchive } from "../../src/collections/load-archive.ts";
import type { Archive } from "../../src/collections/archive.ts";
import { listLayout } from "../../src/collections/paginate.ts";
import { buildReutersSite, type ReutersSite } from "../helpers/reuters.ts";
import { findBrokenLinks, listFiles, readPage } from "../helpers/site-files.ts";

describe("a 1,000-story Reuters slice, imported and built", () => {
  let built: ReutersSite;
  let archive: Archive;
  let files: string[];

  beforeAll(() => {
    built = buildReutersSite(1000);
    archive = loadArchive(built.root, {});
    files = listFiles(built.site);
  });

  it("imports 1,000 stories and writes a page for each", () => {
    expect(built.summary.counts.imported).toBe(1000);
    const articlePages = files.filter((f) =>
      /^articles\/\d{4}\/\d{2}\/[^/]+\/index\.html$/.test(f),
    );
    expect(articlePages).toHaveLength(1000);
  });

  it("counts every topic's articles as the corpus tags them", () => {
    const topics = readPage(built.site, "topics/index.html");
    for (const term of archive.terms.topics) {
      const item = topics
        .querySelectorAll(".term-index li")
        .find((li) => li.querySelector("a")?.text === term.name);
      expect(item?.text, term.name).toContain(`(${term.articles.length})`);
    }
    const biggest = [...archive.terms.topics].sort(
      (a, b) => b.articles.length - a.articles.length,
    )[0]!;
    expect(biggest.articles.length).toBeGreaterThan(100);
  });

  it("paginates the largest topic and lists every one of its articles across the pages", () => {
    const biggest = [...archive.terms.topics].sort(
      (a, b) => b.articles.length - a.articles.length,
    )[0]!;
    const pages = files.filter(
      (f) =>
        f.startsWith(`topics/${biggest.id}/`) &&
        /^(page\/\d+\/)?index\.html$/.test(f.slice(`topics/${biggest.id}/`.length)),
    );
    const listed = pages.flatMap((page) =>
      readPage(built.site, page)
        .querySelectorAll(".article-list h2 a")
        .map((a) => a.getAttribute("href")),
    );
    const { numbered } = listLayout(biggest.articles.length, archive.site.pageSize.term);
    expect(pages.length).toBe(numbered + 1);
    expect(pages).toContain(`topics/${biggest.id}/page/1/index.html`);
    expect(new Set(listed).size).toBe(biggest.articles.length);
  });

  it("keeps every page under 500 KB of HTML", () => {
    const sizes = files
      .filter((f) => f.endsWith(".html"))
      .map((f) => statSync(path.join(built.site, f)).size);
    expect(Math.max(...sizes)).toBeLessThan(500 * 1024);
  });

  it("has no broken internal link", () => {
    expect(findBrokenLinks(built.site, "/", "https://reuters.example.org")).toEqual([]);
  });
});
