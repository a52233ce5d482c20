import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findBrokenLinks, listFiles, readPage } from "../helpers/site-files.ts";
import { PROJECT_DIR, runBuild } from "../helpers/run-build.ts";
import { searchIndexInfo, storiesWithWord } from "../helpers/search-index.ts";

const IRAN = "articles/2024/11/iranian-president-we-must-manage-relationship-and/index.html";
const BLINKEN = "articles/2024/11/blinken-in-brussels-pledges-to-shore-up-ukraine/index.html";

describe("the sample archive", () => {
  let site: string;
  let files: string[];

  beforeAll(() => {
    site = path.join(mkdtempSync(path.join(tmpdir(), "archive-sample-")), "_site");
    const run = runBuild(PROJECT_DIR, site);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    files = listFiles(site);
  });

  it("writes every page type", () => {
    for (const page of [
      "index.html",
      "404.html",
      "search/index.html",
      IRAN,
      BLINKEN,
      "topics/index.html",
      "topics/nato/index.html",
      "people/index.html",
      "people/masoud-pezeshkian/index.html",
      "places/brussels/index.html",
    ]) {
      expect(files).toContain(page);
    }
  });

  it("has no broken internal link, stylesheet, script or image", () => {
    expect(findBrokenLinks(site, "/", "http://localhost:8080")).toEqual([]);
  });

  it("has exactly one h1 and a skip link on every page", () => {
    for (const page of files.filter((f) => f.endsWith(".html") && !f.startsWith("pagefind/"))) {
      const html = readPage(site, page);
      expect(html.querySelectorAll("h1"), page).toHaveLength(1);
      expect(html.querySelector("a.skip-link")?.getAttribute("href"), page).toBe("#main");
      expect(html.querySelector("main#main"), page).not.toBeNull();
      expect(html.querySelector('form[role="search"] input[name="q"]'), page).not.toBeNull();
    }
  });

  it("shows the article's headline, dates, source, caption and credit", () => {
    const page = readPage(site, BLINKEN);
    expect(page.querySelector("h1")!.text).toBe(
      "Blinken, in Brussels, Pledges to Shore up Ukraine Support Ahead of Trump Transition",
    );
    const time = page.querySelector("article time")!;
    expect(time.getAttribute("datetime")).toBe("2024-11-13");
    expect(time.text).toBe("13 November 2024");
    expect(page.querySelector(".dateline")!.text).toBe("Brussels");
    expect(page.querySelector(".source")!.text).toBe("Source: Asharq Al-Awsat");
    expect(page.querySelector("figure figcaption .caption")!.text).toContain(
      "shake hands at NATO Headquarters in Brussels, Belgium, 13 November 2024.",
    );
    expect(page.querySelector("figure figcaption .credit")!.text).toBe("Photo: EPA");
  });

  it("keeps every paragraph of the seed article word for word", () => {
    const paragraphs = readPage(site, IRAN)
      .querySelectorAll(".body p")
      .map((p) => p.text);
    expect(paragraphs).toHaveLength(10);
    expect(paragraphs[0]).toBe(
      "Iranian President Masoud Pezeshkian called on Tuesday for the “management” of the tense relations between Tehran and Washington, emphasizing the need to “deal with enemies with patience.” This statement comes a week after Donald Trump’s victory in the US presidential election.",
    );
  });

  it("links an article to its topics and people", () => {
    const links = readPage(site, IRAN)
      .querySelectorAll(".article-terms a")
      .map((a) => a.getAttribute("href"));
    expect(links).toContain("/people/masoud-pezeshkian/");
    expect(links).toContain("/topics/iran-us-relations/");
  });

  it("counts articles on the topics and people indexes", () => {
    const topics = readPage(site, "topics/index.html");
    const us = topics
      .querySelectorAll(".term-index li")
      .find((li) => li.text.includes("United States"));
    expect(us?.text).toContain("(2)");
    const people = readPage(site, "people/index.html").querySelectorAll(".term-index li");
    expect(people).toHaveLength(14);
    expect(people.find((li) => li.text.includes("Donald Trump"))?.text).toContain("(2)");
    expect(people.find((li) => li.text.includes("Mark Rutte"))?.text).toContain("(1)");
  });

  it("lists the home page newest first", () => {
    const titles = readPage(site, "index.html")
      .querySelectorAll(".article-list h2")
      .map((h) => h.text);
    expect(titles[0]).toMatch(/^Blinken/);
    expect(titles[1]).toMatch(/^Iranian President/);
  });

  it("indexes only article pages for search, with filters and meta", () => {
    // Pagefind's scripts at pagefind/, the archive's one bundle in its own folder.
    expect(files).toContain("pagefind/pagefind.js");
    expect(files).toContain("pagefind/wasm.en.pagefind");
    const info = searchIndexInfo(site);
    expect(info.bundles.map(({ dir, pages, tag }) => ({ dir, pages, tag }))).toEqual([
      { dir: "2024-11-12/", pages: 2, tag: "00" },
    ]);
    const bundle = path.join(site, "pagefind", "2024-11-12");
    expect(storiesWithWord(bundle, "blinken")).toEqual([`/${BLINKEN.replace(/index\.html$/, "")}`]);
    expect(files.filter((f) => f.startsWith("pagefind/2024-11-12/filter/")).length).toBeGreaterThan(
      0,
    );
    const page = readPage(site, BLINKEN);
    const body = page.querySelector("[data-pagefind-body]")!;
    expect(body.getAttribute("data-pagefind-filter")).toBe("year:2024");
    expect(body.querySelectorAll('[data-pagefind-filter="person"]').map((a) => a.text)).toContain(
      "Mark Rutte",
    );
    expect(body.querySelectorAll('[data-pagefind-filter="topic"]').map((a) => a.text)).toContain(
      "NATO",
    );
    expect(body.getAttribute("data-pagefind-sort")).toMatch(/^date:2024-11-13/);
    expect(
      readPage(site, "topics/nato/index.html").querySelector("[data-pagefind-body]"),
    ).toBeNull();
  });

  it("loads nothing from another origin", () => {
    for (const page of files.filter((f) => f.endsWith(".html") && !f.startsWith("pagefind/"))) {
      const html = readPage(site, page);
      const loaded = [
        ...html.querySelectorAll("script[src], img[src]").map((el) => el.getAttribute("src")!),
        ...html.querySelectorAll('link[rel="stylesheet"]').map((el) => el.getAttribute("href")!),
      ];
      expect(
        loaded.filter((url) => /^(https?:)?\/\//.test(url)),
        page,
      ).toEqual([]);
    }
  });
});
