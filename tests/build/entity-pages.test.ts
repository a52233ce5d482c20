import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { runBuild } from "../helpers/run-build.ts";
import { findBrokenLinks, listFiles, parseXml, readPage } from "../helpers/site-files.ts";

// Ada appears in January (twice) and March; with Bo twice, with Cy once.
const ARTICLES = {
  "2024/01/jan-one.md": article({
    title: '"Jan one"',
    date: "2024-01-05",
    people: "[Ada, Bo]",
    topics: "[Harbours]",
  }),
  "2024/01/jan-two.md": article({ title: '"Jan two"', date: "2024-01-20", people: "[Ada, Bo]" }),
  "2024/03/mar-one.md": article({
    title: '"Mar one"',
    date: "2024-03-02",
    people: "[Ada, Cy]",
    topics: "[Harbours]",
  }),
  "2024/03/other.md": article({ title: '"Other"', date: "2024-03-03", people: "[Dee]" }),
};

describe("person and topic pages", () => {
  let site: string;
  let files: string[];

  beforeAll(async () => {
    const portrait = await sharp({
      create: { width: 300, height: 400, channels: 3, background: { r: 90, g: 110, b: 140 } },
    })
      .jpeg()
      .toBuffer();
    const root = makeFixtureSite({
      articles: ARTICLES,
      people: [
        {
          id: "ada",
          name: "Ada",
          aliases: ["Ada Lovelace", "Countess of Lovelace"],
          description: "Mathematician.",
          photo: { src: "photos/people/ada.jpg", alt: "Portrait of Ada", credit: "Archive" },
        },
      ],
      files: { "assets/photos/people/ada.jpg": portrait },
    });
    site = path.join(mkdtempSync(path.join(tmpdir(), "archive-entities-")), "_site");
    const run = runBuild(root, site);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    files = listFiles(site);
  });

  it("draws one bar per month from first to last appearance, counting the person's articles", () => {
    const page = readPage(site, "people/ada/index.html");
    const bars = page.querySelectorAll(".timeline svg rect title").map((t) => t.text);
    expect(bars).toEqual([
      "January 2024: 2 articles",
      "February 2024: 0 articles",
      "March 2024: 1 article",
    ]);
    const rows = page
      .querySelectorAll(".timeline tbody tr")
      .map((tr) => [tr.querySelector("th")!.text, tr.querySelector("td")!.text]);
    expect(rows).toEqual([
      ["January 2024", "2"],
      ["March 2024", "1"],
    ]);
  });

  it("links each bar to that month's articles in the person's listing", () => {
    const page = readPage(site, "people/ada/index.html");
    const links = page.querySelectorAll(".timeline svg a").map((a) => a.getAttribute("href"));
    expect(links).toEqual(["/people/ada/#month-2024-01", "/people/ada/#month-2024-03"]);
    const january = page.querySelector("#month-2024-01")!;
    expect(january.text).toBe("January 2024");
    expect(
      january.nextElementSibling!.querySelectorAll(".article-list h2, h2").map((h) => h.text),
    ).toEqual(["Jan two", "Jan one"]);
  });

  it("states the first and last appearance", () => {
    const span = readPage(site, "people/ada/index.html").querySelector(".term-insights .span")!;
    expect(span.querySelectorAll("time").map((t) => t.getAttribute("datetime"))).toEqual([
      "2024-01-05",
      "2024-03-02",
    ]);
  });

  it("lists who appears with a person, with counts, linking to shared articles only for two or more", () => {
    const items = readPage(site, "people/ada/index.html").querySelectorAll(".co-terms li");
    expect(items.map((li) => li.text.replace(/\s+/g, " ").trim())).toEqual([
      "Bo (2 articles together)",
      "Harbours (2 articles together)",
      "Cy (1 article together)",
    ]);
    expect(items[0]!.querySelector("a.count")?.getAttribute("href")).toBe(
      "/people/ada/with/people/bo/",
    );
    expect(items[2]!.querySelector("a.count")).toBeNull();
    const pair = readPage(site, "people/ada/with/people/bo/index.html");
    expect(pair.querySelector("h1")!.text).toBe("Ada and Bo");
    expect(pair.querySelectorAll(".article-list h2").map((h) => h.text)).toEqual([
      "Jan two",
      "Jan one",
    ]);
  });

  it("makes pair pages only for pairs sharing at least two articles", () => {
    const pairPages = files.filter((f) => f.includes("/with/"));
    expect(pairPages.sort()).toEqual([
      "people/ada/with/people/bo/index.html",
      "people/ada/with/topics/harbours/index.html",
    ]);
  });

  it("shows a registered person's photo, description and aliases", () => {
    const page = readPage(site, "people/ada/index.html");
    expect(page.querySelector("figure picture img")?.getAttribute("alt")).toBe("Portrait of Ada");
    expect(page.querySelector("figure figcaption .credit")?.text).toBe("Photo: Archive");
    expect(page.querySelector(".description")!.text).toBe("Mathematician.");
    expect(page.querySelector(".aliases")!.text).toBe(
      "Also known as: Ada Lovelace, Countess of Lovelace",
    );
  });

  it("indexes a tagged person's other names with the article, out of readers' sight", () => {
    const page = readPage(site, "articles/2024/01/jan-one/index.html");
    // Searchable metadata, not text: excerpts are cut from the story's text, never from this list.
    const terms = page.querySelector("[data-pagefind-body] .article-terms")!;
    expect(terms.getAttribute("data-pagefind-ignore")).toBe("index");
    expect(terms.getAttribute("data-pagefind-meta")).toMatch(/^tags:.*Countess of Lovelace/);
    expect(terms.text).not.toContain("Countess of Lovelace");
  });

  it("ends an article with related articles, the most distinctive shared names first", () => {
    const related = readPage(site, "articles/2024/01/jan-one/index.html").querySelectorAll(
      ".related li > a",
    );
    // jan-two shares Ada and Bo; mar-one shares Ada and Harbours (Harbours and Bo are in two articles each).
    expect(related.map((a) => a.text)).toEqual(["Jan two", "Mar one"]);
  });

  it("dates each related article by the day it shows, and machines read the same day", () => {
    const times = readPage(site, "articles/2024/01/jan-one/index.html").querySelectorAll(
      ".related time",
    );
    expect(times.map((t) => [t.getAttribute("datetime"), t.text])).toEqual([
      ["2024-01-20", "20 January 2024"],
      ["2024-03-02", "2 March 2024"],
    ]);
  });

  it("lists every topic, person and place feed in one OPML file", () => {
    const opml = parseXml(readFileSync(path.join(site, "feeds.opml"), "utf8"));
    const urls =
      JSON.stringify(opml).match(/https:\/\/archive\.example\.org\/[^"]*feed\.xml/g) ?? [];
    expect(new Set(urls).size).toBe(1 + 4 + 1);
  });

  it("leaves no broken internal link", () => {
    expect(findBrokenLinks(site, "/", "https://archive.example.org")).toEqual([]);
  });
});
