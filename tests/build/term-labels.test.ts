import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { runBuild } from "../helpers/run-build.ts";
import { findBrokenLinks, readPage } from "../helpers/site-files.ts";

// "United States" is a place and a topic; Earnings, Brazil and Ada are unique. Ada's stories all
// fall in November 2024.
const ARTICLES = {
  "2024/09/one.md": article({
    title: '"One"',
    date: "2024-09-05",
    topics: "[Earnings, United States]",
    places: "[United States]",
  }),
  "2024/10/two.md": article({
    title: '"Two"',
    date: "2024-10-05",
    topics: "[Earnings, United States]",
    places: "[United States]",
  }),
  "2024/10/three.md": article({
    title: '"Three"',
    date: "2024-10-20",
    topics: "[Earnings]",
    places: "[United States, Brazil]",
  }),
  "2024/11/four.md": article({
    title: '"Four"',
    date: "2024-11-02",
    people: "[Ada]",
    places: "[Brazil]",
  }),
  "2024/11/five.md": article({
    title: '"Five"',
    date: "2024-11-20",
    people: "[Ada]",
    places: "[Brazil]",
  }),
};

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

describe("names two kinds share, on built pages", () => {
  let site: string;

  beforeAll(() => {
    const root = makeFixtureSite({
      articles: ARTICLES,
      topics: [{ name: "United States", description: "Policy and economy." }],
      places: [{ name: "United States" }],
    });
    site = path.join(mkdtempSync(path.join(tmpdir(), "archive-term-labels-")), "_site");
    const run = runBuild(root, site);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("label the place and the topic in Often appears with", () => {
    const items = readPage(site, "topics/earnings/index.html").querySelectorAll(".co-terms li");
    expect(items.map((li) => squash(li.text))).toEqual([
      "United States · place (3 articles together)",
      "United States · topic (2 articles together)",
      "Brazil (1 article together)",
    ]);
  });

  it("label the other United States on each one's own page, and nothing unique", () => {
    const place = readPage(site, "places/united-states/index.html").querySelectorAll(
      ".co-terms li > a:not(.count)",
    );
    expect(place.map((a) => squash(a.text))).toEqual([
      "Earnings",
      "United States · topic",
      "Brazil",
    ]);
    const ada = readPage(site, "people/ada/index.html").querySelectorAll(".co-terms li");
    expect(ada.map((li) => squash(li.text))).toEqual(["Brazil (2 articles together)"]);
  });

  it("label the kinds in a pair page's title, heading and links", () => {
    const pair = readPage(site, "places/united-states/with/topics/united-states/index.html");
    expect(squash(pair.querySelector("h1")!.text)).toBe(
      "United States · place and United States · topic",
    );
    expect(pair.querySelector("title")!.text).toMatch(
      /^United States · place and United States · topic · /,
    );
    expect(pair.querySelectorAll(".kicker a").map((a) => squash(a.text))).toEqual([
      "United States · place",
      "United States · topic",
    ]);
    const earnings = readPage(site, "places/united-states/with/topics/earnings/index.html");
    expect(squash(earnings.querySelector("h1")!.text)).toBe("United States · place and Earnings");
  });

  it("leave pair pages of unique names unlabelled", () => {
    const pair = readPage(site, "people/ada/with/places/brazil/index.html");
    expect(squash(pair.querySelector("h1")!.text)).toBe("Ada and Brazil");
  });

  it("label what related articles share", () => {
    const meta = readPage(site, "articles/2024/10/two/index.html").querySelectorAll(
      ".related .meta",
    );
    expect(meta.length).toBeGreaterThan(0);
    expect(squash(meta[0]!.text)).toMatch(/shares .*United States · (place|topic)/);
  });

  it("draw a single month's timeline as a visible bar on a baseline, with its counts table", () => {
    const page = readPage(site, "people/ada/index.html");
    const bars = page.querySelectorAll(".timeline svg rect.timeline-bar");
    expect(bars).toHaveLength(1);
    expect(Number(bars[0]!.getAttribute("height"))).toBeGreaterThan(0);
    expect(Number(bars[0]!.getAttribute("width")!.replace("%", ""))).toBeLessThanOrEqual(10);
    expect(page.querySelector(".timeline svg line.timeline-axis")).not.toBeNull();
    expect(page.querySelectorAll(".timeline svg text").map((t) => t.text)).toEqual([
      "2",
      "November 2024",
    ]);
    const rows = page
      .querySelectorAll(".timeline-table tbody tr")
      .map((tr) => [tr.querySelector("th")!.text, tr.querySelector("td")!.text]);
    expect(rows).toEqual([["November 2024", "2"]]);
    expect(page.toString()).not.toMatch(/\sstyle=/);
  });

  it("colour the chart from the stylesheet with the site's colours", () => {
    const css = readFileSync(path.join(site, "assets", "css", "site.css"), "utf8");
    const rule = (selector: string) =>
      css.match(new RegExp(`(?:^|\\n)${selector.replace(".", "\\.")} \\{([^}]*)\\}`))?.[1] ?? "";
    expect(rule(".timeline-bar")).toMatch(/fill: var\(--accent\)/);
    expect(rule(".timeline-axis")).toMatch(/stroke: var\(--text\)/);
  });

  it("leave no broken internal link", () => {
    expect(findBrokenLinks(site, "/", "https://archive.example.org")).toEqual([]);
  });
});
