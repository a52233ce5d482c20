import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { loadArchive } from "../../src/collections/load-archive.ts";
import { runImport } from "../../src/import/run-import.ts";
import { formatSummary } from "../../src/import/summary.ts";
import { makeFixtureSite } from "../helpers/fixture-site.ts";

const TOPICS = JSON.parse(readFileSync("_data/topics.json", "utf8")) as unknown[];

interface PageVersion {
  body: string[];
  modified?: string;
  keywords?: string;
}

/** A news page as a browser saves it, with its photo in `<name>_files/`. */
function savedPage({ body, modified, keywords = "NATO, Harbour walls" }: PageVersion): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Breakwater opens after four years | Harbour Gazette</title>
<link rel="canonical" href="https://gazette.example.com/2024/05/breakwater-opens">
<meta property="og:type" content="article"><meta property="og:site_name" content="Harbour Gazette">
<meta name="description" content="The port's new wall lets the fleet sail in rough weather.">
<meta name="keywords" content="${keywords}">
<script type="application/ld+json">${JSON.stringify({
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: "Breakwater opens after four years",
    datePublished: "2024-05-14T08:30:00+01:00",
    ...(modified ? { dateModified: modified } : {}),
    author: { "@type": "Person", name: "Ann Example" },
    publisher: { "@type": "Organization", name: "Harbour Gazette" },
  })}</script></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Breakwater opens after four years</h1>
<figure><img src="breakwater_files/wall.jpg" alt="The new breakwater at low tide">
<figcaption>The new breakwater at low tide. Photo: Ben Example</figcaption></figure>
${body.map((p) => `<p>${p}</p>`).join("\n")}
<figure><img src="https://cdn.gazette.example.com/map.png" alt="Map"><figcaption>Where the wall stands.</figcaption></figure>
<div class="share-buttons"><a href="https://social.example.com/share">Share</a></div>
</article><footer>© Harbour Gazette</footer></body></html>`;
}

const BODY = [
  "The harbour authority opened the new breakwater on Tuesday after four years of work, ending a dispute that had kept the fishing fleet tied up through two winters.",
  "Fishermen said the wall would let boats leave in weather that used to close the port for days at a time, and NATO ships would use it too.",
  "The project ran over its budget by a fifth, the authority said, mostly because of the price of stone brought in by sea.",
];

let jpeg: Buffer;
beforeAll(async () => {
  jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#468" } })
    .jpeg()
    .toBuffer();
});

function inputFolder(version: PageVersion): string {
  const dir = mkdtempSync(path.join(tmpdir(), "saved-pages-"));
  writeFileSync(path.join(dir, "breakwater.html"), savedPage(version));
  mkdirSync(path.join(dir, "breakwater_files"));
  writeFileSync(path.join(dir, "breakwater_files", "wall.jpg"), jpeg);
  // A saved frame among the page's files is not a story of its own.
  writeFileSync(path.join(dir, "breakwater_files", "advert.html"), savedPage({ body: ["x"] }));
  return dir;
}

const ARTICLE = "content/articles/2024/05/breakwater-opens-after-four-years.md";

describe("importing saved web pages", () => {
  it("writes the article with its metadata, figures and copied photo", () => {
    const root = makeFixtureSite({ topics: TOPICS });
    const summary = runImport({ root, inputs: [inputFolder({ body: BODY })], today: "2025-01-01" });
    expect(summary.counts).toMatchObject({ imported: 1, failed: 0 });
    expect(summary.outcomes.map((o) => o.article)).toEqual([ARTICLE]);
    const text = readFileSync(path.join(root, ARTICLE), "utf8");
    expect(text).toContain("title: Breakwater opens after four years");
    expect(text).toContain("date: 2024-05-14T08:30:00+01:00");
    expect(text).toContain("byline: Ann Example");
    expect(text).toContain("source: Harbour Gazette");
    expect(text).toContain("canonical: https://gazette.example.com/2024/05/breakwater-opens");
    expect(text).toContain("dek: The port's new wall lets the fleet sail in rough weather.");
    expect(text).toMatch(/topics:\n {2}- NATO\n/);
    expect(text).not.toContain("Harbour walls");
    expect(text).toContain(BODY[0]);
    for (const boilerplate of ["Home", "Share", "©", "Where the wall stands"])
      expect(text.split("---\n")[2]).not.toContain(boilerplate);
    const photos = readdirSync(path.join(root, "assets", "photos", "2024", "05"));
    expect(photos).toEqual([
      expect.stringMatching(/^breakwater-opens-after-four-years-[0-9a-f]{8}\.jpg$/),
    ]);
    expect(readFileSync(path.join(root, "assets", "photos", "2024", "05", photos[0]!))).toEqual(
      jpeg,
    );
    expect(text).toContain(
      [
        "images:",
        `  - src: photos/2024/05/${photos[0]}`,
        "    alt: The new breakwater at low tide",
        "    caption: The new breakwater at low tide.",
        "    credit: Ben Example",
        "  - caption: Where the wall stands.",
        "canonical:",
      ].join("\n"),
    );
    // The article is valid for the build.
    const archive = loadArchive(root, {});
    expect(archive.articles.map((a) => a.title)).toEqual(["Breakwater opens after four years"]);
    const report = formatSummary(summary);
    expect(report).toContain("1 photos only on the web, kept as caption-only figures");
    expect(report).toMatch(/keywords +1 not in the registry, left out: "Harbour walls" \(1\)/);
  });

  it("changes nothing when the same pages are imported again", () => {
    const root = makeFixtureSite({ topics: TOPICS });
    const input = inputFolder({ body: BODY });
    runImport({ root, inputs: [input], today: "2025-01-01" });
    const before = readFileSync(path.join(root, ARTICLE), "utf8");
    const again = runImport({ root, inputs: [input], today: "2025-01-01" });
    expect(again.counts).toMatchObject({ imported: 0, updated: 0, unchanged: 1 });
    expect(readFileSync(path.join(root, ARTICLE), "utf8")).toBe(before);
    expect(readdirSync(path.join(root, "assets", "photos", "2024", "05"))).toHaveLength(1);
  });

  it("updates the article from a newer copy of the same page, unless it was edited by hand", () => {
    const root = makeFixtureSite({ topics: TOPICS });
    runImport({ root, inputs: [inputFolder({ body: BODY })], today: "2025-01-01" });
    const newer = inputFolder({
      body: [...BODY, "A correction was added on Wednesday."],
      modified: "2024-05-15T10:00:00+01:00",
    });
    const updated = runImport({ root, inputs: [newer], today: "2025-01-01" });
    expect(updated.outcomes.map((o) => [o.status, o.article])).toEqual([["updated", ARTICLE]]);
    const text = readFileSync(path.join(root, ARTICLE), "utf8");
    expect(text).toContain("A correction was added on Wednesday.");
    expect(text).toContain("updated: 2024-05-15T10:00:00+01:00");

    writeFileSync(path.join(root, ARTICLE), text.replace("Tuesday", "Tuesday morning"));
    const newest = inputFolder({ body: [...BODY, "Another line."], modified: "2024-05-16" });
    const kept = runImport({ root, inputs: [newest], today: "2025-01-01" });
    expect(kept.outcomes.map((o) => o.status)).toEqual(["kept"]);
    expect(readFileSync(path.join(root, ARTICLE), "utf8")).toContain("Tuesday morning");
  });

  it("skips a page that is not an article and says why", () => {
    const root = makeFixtureSite();
    const dir = mkdtempSync(path.join(tmpdir(), "saved-pages-"));
    writeFileSync(
      path.join(dir, "front.html"),
      readFileSync("tests/fixtures/import/html/section-front.html"),
    );
    const summary = runImport({ root, inputs: [dir], today: "2025-01-01" });
    expect(summary.counts).toMatchObject({ imported: 0, skipped: 1, failed: 0 });
    expect(summary.outcomes[0]!.reason).toMatch(/^not an article: a section front/);
    expect(summary.outcomes.filter((o) => o.article)).toEqual([]);
  });
});
