import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIGURE_TALLIES } from "../../src/import/html/figures.ts";
import {
  cleanByline,
  dekFrom,
  laterUpdate,
  parseHtmlPage,
} from "../../src/import/html/html-page.ts";

const HTML = path.resolve("tests/fixtures/import/html");

function parseFixture(name: string) {
  const file = path.join(HTML, name);
  return parseHtmlPage(readFileSync(file), name, { path: file });
}

/** Synthetic paragraphs long enough to be an article. */
function paragraphs(sentence: string, count = 4): string {
  return Array.from({ length: count }, () => `<p>${sentence.repeat(3)}</p>`).join("\n");
}

describe("a page with JSON-LD", () => {
  const result = parseFixture("article-jsonld.html");
  const story = result.stories[0]!;

  it("reads one story with the metadata's facts", () => {
    expect(result.problems).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(story).toMatchObject({
      file: "article-jsonld.html",
      line: 1,
      title: "Harbour bakery doubles its bread exports",
      date: "2024-11-12T09:30:00+01:00",
      dateSource: "metadata",
      updated: "2024-11-13T16:05:00+01:00",
      byline: "Ana Lima and Tom Berg",
      source: "Harbour Gazette Media",
      dateline: "Harbourtown",
      dek: "A ferry route to the islands has opened a new market for a family bakery.",
      canonical: "https://www.harbour-gazette.example/2024/11/harbour-bakery-doubles-exports",
      sourceId: "https://www.harbour-gazette.example/2024/11/harbour-bakery-doubles-exports",
      paragraphs: [],
    });
  });

  it("writes the body as Markdown, without the headline's <h1> or the figures", () => {
    expect(story.markdown).toMatch(/^A family bakery on the harbour front said on Tuesday/);
    expect(story.markdown).toContain("the orders keep growing every month");
    expect(story.markdown).not.toMatch(/<|!\[/);
  });

  it("offers sections, keywords and tags as topics kept only if the registry knows them", () => {
    expect(story.terms.topics).toEqual([
      { name: "Business", ifKnown: true },
      { name: "Local economy", ifKnown: true },
      { name: "bakeries", ifKnown: true },
      { name: "exports", ifKnown: true },
      { name: "ferries", ifKnown: true },
    ]);
    expect(story.terms.people).toEqual([]);
    expect(story.terms.places).toEqual([]);
  });

  it("merges the lead image into the body's figure and counts photos only on the web", () => {
    expect(story.images).toEqual([
      {
        caption: "The bakery's new oven line, which doubled its output.",
        credit: "Ana Lima",
        alt: "Bakers loading loaves into a long oven",
      },
    ]);
    expect(result.tallies).toMatchObject({
      [FIGURE_TALLIES.webOnly]: 1,
      [FIGURE_TALLIES.webOnlyWithoutCaption]: 1,
    });
  });
});

describe("a page with OpenGraph tags only", () => {
  const result = parseFixture("og-only.html");
  const story = result.stories[0]!;

  it("reads title, date, byline, source and canonical from the tags", () => {
    expect(story).toMatchObject({
      title: "Ferry timetable changes for winter",
      date: "2024-11-20T07:15:00+00:00",
      dateSource: "metadata",
      byline: "Jane Doe",
      source: "Island News",
      canonical: "https://island-news.example/ferry-winter-timetable",
    });
  });

  it("drops a description that repeats the first paragraph, and an update that is the same date", () => {
    expect(story.dek).toBeUndefined();
    expect(story.updated).toBeUndefined();
  });

  it("takes article:section and article:tag as topics, once each", () => {
    expect(story.terms.topics.map((t) => t.name)).toEqual(["Transport", "Ferries", "Winter"]);
  });
});

describe("pages that are not articles", () => {
  it("skips a section front with the reason", () => {
    const result = parseFixture("section-front.html");
    expect(result.stories).toEqual([]);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0]!.reason).toMatch(
      /^not an article: a section front \(og:type website, CollectionPage in its structured data, 8 links and \d+ characters of text\)$/,
    );
  });

  it("skips an error page with the reason", () => {
    const result = parseFixture("not-found.html");
    expect(result.stories).toEqual([]);
    expect(result.skipped[0]!.reason).toMatch(
      /^not an article: an error page \(title "404 Page not found/,
    );
  });

  it("reports a page without a title as a problem", () => {
    const html = `<html><body><article>${paragraphs("The ferry ran late on Monday because of fog in the channel. ")}</article></body></html>`;
    const result = parseHtmlPage(Buffer.from(html), "untitled.html", { path: "untitled.html" });
    expect(result.stories).toEqual([]);
    expect(result.problems[0]!.message).toMatch(/^has no title:/);
  });

  it("reports a plain-text file imported as a web page as a problem of that file, not a crash", () => {
    const text = "Ferry timetable\n\nThe ferry ran late on Monday because of fog.\n";
    const result = parseHtmlPage(Buffer.from(text), "notes.txt", { path: "notes.txt" });
    expect(result.stories).toEqual([]);
    expect(result.problems).toEqual([
      {
        file: "notes.txt",
        line: 1,
        message:
          "is not a web page: it holds no HTML element. If it is a plain-text story, import it with --format text.",
      },
    ]);
  });
});

describe("encodings", () => {
  it("reads a gzip-compressed page", () => {
    const bytes = gzipSync(readFileSync(path.join(HTML, "og-only.html")));
    const result = parseHtmlPage(bytes, "og-only.html.gz", { path: "og-only.html.gz" });
    expect(result.stories[0]!.title).toBe("Ferry timetable changes for winter");
  });

  it("reads a windows-1251 page", () => {
    const text = `<html><head><meta charset="windows-1251"><title>Паром задерживается</title></head><body><article>${paragraphs(
      "Паром из гавани задерживается из-за тумана в проливе, сообщила компания. ",
    )}</article></body></html>`;
    const bytes = Uint8Array.from([...text], (c) => {
      const code = c.charCodeAt(0);
      return code >= 0x410 && code <= 0x44f ? 0xc0 + code - 0x410 : code;
    });
    const story = parseHtmlPage(bytes, "ru.html", { path: "ru.html" }).stories[0]!;
    expect(story.title).toBe("Паром задерживается");
    expect(story.markdown).toContain("Паром из гавани задерживается из-за тумана в проливе");
  });

  it("reads a shift_jis page", () => {
    const news = [
      0x93, 0xfa, 0x96, 0x7b, 0x82, 0xcc, 0x83, 0x6a, 0x83, 0x85, 0x81, 0x5b, 0x83, 0x58,
    ];
    const ascii = (s: string) => [...Buffer.from(s, "ascii")];
    const bytes = Uint8Array.from([
      ...ascii(
        '<html><head><meta http-equiv="content-type" content="text/html; charset=shift_jis"><title>',
      ),
      ...news,
      ...ascii("</title></head><body><article><p>"),
      ...news,
      ...ascii(
        `</p>${paragraphs("The harbour ferry was delayed by fog in the channel on Monday morning. ")}</article></body></html>`,
      ),
    ]);
    const story = parseHtmlPage(bytes, "ja.html", { path: "ja.html" }).stories[0]!;
    expect(story.title).toBe("日本のニュース");
    expect(story.markdown).toMatch(/^日本のニュース/);
  });
});

describe("a page saved with its photos", () => {
  let root: string;
  let page: string;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), "import-html-page-"));
    const folder = path.join(root, "site");
    mkdirSync(path.join(folder, "harbour-bakery_files"), { recursive: true });
    page = path.join(folder, "harbour-bakery.html");
    copyFileSync(path.join(HTML, "saved", "harbour-bakery.html"), page);
    const jpeg = await sharp({ create: { width: 4, height: 3, channels: 3, background: "#d94" } })
      .jpeg()
      .toBuffer();
    const png = await sharp({ create: { width: 4, height: 3, channels: 3, background: "#49d" } })
      .png()
      .toBuffer();
    writeFileSync(path.join(folder, "harbour-bakery_files", "oven.jpg"), jpeg);
    writeFileSync(path.join(folder, "harbour-bakery_files", "counter.png"), png);
    writeFileSync(path.join(root, "outside.jpg"), jpeg);
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("points each figure at its saved file, or keeps it caption-only, and counts the rest", () => {
    const result = parseHtmlPage(readFileSync(page), "site/harbour-bakery.html", { path: page });
    const story = result.stories[0]!;
    expect(story.date).toBe("2025-03-04");
    expect(story.canonical).toBeUndefined();
    expect(story.sourceId).toBeUndefined();
    expect(story.images).toEqual([
      {
        caption: "The second oven line on its first morning.",
        credit: "Tom Berg",
        alt: "Two bakers beside the new oven",
        file: path.join(root, "site", "harbour-bakery_files", "oven.jpg"),
      },
      {
        caption: "Bread crates are loaded onto the morning ferry.",
        credit: "Jane Doe/Harbour Press",
        alt: "Crates on the ferry ramp",
      },
      {
        caption: "This file lies outside the saved page's folder.",
        alt: "A photo kept outside the page's folder",
      },
    ]);
    expect(result.tallies).toEqual({
      [FIGURE_TALLIES.webOnly]: 2,
      [FIGURE_TALLIES.outsideFolder]: 1,
      [FIGURE_TALLIES.withoutText]: 2,
    });
  });
});

describe("story helpers", () => {
  it("keeps a dek that says more than the opening words", () => {
    const body = "<p>The ferry company will run two crossings a day from December.</p>";
    expect(dekFrom("The ferry company will run two crossings…", "Title", body)).toBeUndefined();
    expect(dekFrom("Fewer winter sailings for islanders", "Title", body)).toBe(
      "Fewer winter sailings for islanders",
    );
    expect(dekFrom("Title", "Title", body)).toBeUndefined();
  });

  it("counts an update only when it is later", () => {
    expect(laterUpdate("2024-11-12T09:30:00+01:00", "2024-11-12T08:15:00Z")).toBeUndefined();
    expect(laterUpdate("2024-11-12T09:30:00+01:00", "2024-11-12T09:45:00Z")).toBe(
      "2024-11-12T09:45:00Z",
    );
    expect(laterUpdate("2024-11-12", "2024-11-12T18:00:00Z")).toBeUndefined();
    expect(laterUpdate("2024-11-12", "2024-11-13")).toBe("2024-11-13");
  });

  it("keeps a byline's name and leaves out a date printed beside it", () => {
    expect(cleanByline("By Jane Doe")).toBe("Jane Doe");
    expect(cleanByline("JANE DOE - 2019-04-10")).toBe("JANE DOE");
    expect(cleanByline("19 November 2019 • 1:16pm")).toBeUndefined();
  });
});
