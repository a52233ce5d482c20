import { readFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { joinNames } from "../../src/import/html/metadata-text.ts";
import { normalizeDate } from "../../src/import/html/normalize-date.ts";
import { readPageMetadata } from "../../src/import/html/page-metadata.ts";
import { stripSiteName } from "../../src/import/html/page-title.ts";

const HTML = path.resolve("tests/fixtures/import/html");

function metadataOf(html: string, pageUrl?: string) {
  return readPageMetadata(parseHTML(html).document, pageUrl);
}

function fixture(name: string) {
  return metadataOf(readFileSync(path.join(HTML, name), "utf8"));
}

describe("page metadata from JSON-LD", () => {
  const metadata = fixture("article-jsonld.html");

  it("reads the article in an @graph, resolving @id references, past a block that is not JSON", () => {
    expect(metadata.title).toEqual({
      value: "Harbour bakery doubles its bread exports",
      from: "JSON-LD headline",
    });
    expect(metadata.byline).toBe("Ana Lima and Tom Berg");
    expect(metadata.publisher).toBe("Harbour Gazette Media");
    expect(metadata.siteName).toBe("The Harbour Gazette");
    expect(metadata.description).toBe(
      "A ferry route to the islands has opened a new market for a family bakery.",
    );
    expect(metadata.articleBody).toMatch(/^A family bakery/);
    expect(metadata.dateline).toBe("Harbourtown");
    expect(metadata.hasArticleData).toBe(true);
    expect(metadata.unreadableJsonLd).toBe(1);
  });

  it("records where its dates came from, keeping the offset", () => {
    expect(metadata.published).toEqual({
      value: "2024-11-12T09:30:00+01:00",
      from: "JSON-LD datePublished",
    });
    expect(metadata.modified).toEqual({
      value: "2024-11-13T16:05:00+01:00",
      from: "JSON-LD dateModified",
    });
  });

  it("reads sections and keywords as lists", () => {
    expect(metadata.sections).toEqual(["Business", "Local economy"]);
    expect(metadata.keywords.slice(0, 3)).toEqual(["bakeries", "exports", "ferries"]);
  });

  it("puts the structured data's image first, with its caption and credit", () => {
    expect(metadata.images[0]).toEqual({
      url: "https://cdn.harbour-gazette.example/photos/oven-line.jpg",
      caption: "The bakery's new oven line, which doubled its output.",
      credit: "Ana Lima",
    });
  });

  it("resolves a relative canonical link against the address the browser saved the page from", () => {
    expect(metadata.canonical).toBe(
      "https://www.harbour-gazette.example/2024/11/harbour-bakery-doubles-exports",
    );
  });
});

describe("page metadata from OpenGraph and meta tags", () => {
  const metadata = fixture("og-only.html");

  it("reads title, date, site, section and tags", () => {
    expect(metadata.title).toEqual({
      value: "Ferry timetable changes for winter",
      from: '<meta property="og:title">',
    });
    expect(metadata.published).toEqual({
      value: "2024-11-20T07:15:00+00:00",
      from: '<meta property="article:published_time">',
    });
    expect(metadata.siteName).toBe("Island News");
    expect(metadata.canonical).toBe("https://island-news.example/ferry-winter-timetable");
    expect(metadata.sections).toEqual(["Transport"]);
    expect(metadata.tags).toEqual(["Ferries", "Winter"]);
    expect(metadata.ogType).toBe("article");
    expect(metadata.hasArticleData).toBe(false);
  });

  it("takes the author's name, not an article:author address", () => {
    expect(metadata.byline).toBe("Jane Doe");
  });

  it("falls back to <title> without the site's name", () => {
    const title = metadataOf(
      '<title>Quay works start - Island News</title><meta property="og:site_name" content="Island News">',
    ).title;
    expect(title).toEqual({ value: "Quay works start", from: "<title>" });
  });
});

describe("dates from elements", () => {
  it("reads a <time> in the article, never one in the site's header", () => {
    const html = `<header><time datetime="2025-06-01">Today</time></header>
      <article><header><time datetime="2024-05-02T08:00:00Z">2 May</time></header><p>Born on <time datetime="1920-04-05">5 April 1920</time>.</p></article>`;
    expect(metadataOf(html).published).toEqual({
      value: "2024-05-02T08:00:00Z",
      from: "<time datetime> in the article",
    });
    expect(
      metadataOf('<header><time datetime="2025-06-01">Today</time></header><p>Text</p>').published,
    ).toBeUndefined();
  });

  it("never reads a date from running text", () => {
    expect(
      metadataOf("<title>A</title><p>Published on 3 March 2024 in London.</p>").published,
    ).toBeUndefined();
  });
});

describe("metadata helpers", () => {
  it("normalizes dates without inventing a time zone", () => {
    expect(normalizeDate("2024-11-12")).toBe("2024-11-12");
    expect(normalizeDate("2024-11-12T09:30:00+01:00")).toBe("2024-11-12T09:30:00+01:00");
    expect(normalizeDate("2024-11-12 09:30:00 +0100")).toBe("2024-11-12T09:30:00+01:00");
    expect(normalizeDate("2024-11-12T09:30:00")).toBe("2024-11-12");
    expect(normalizeDate("Tue, 12 Nov 2024 09:30:00 GMT")).toBe("2024-11-12T09:30:00Z");
    expect(normalizeDate("November 19, 2019, 07:47 PM EST")).toBe("2019-11-19T19:47:00-05:00");
    expect(normalizeDate("0001-01-01T00:00:00Z")).toBeUndefined();
    expect(normalizeDate("2024-13-40")).toBeUndefined();
    expect(normalizeDate("last Tuesday")).toBeUndefined();
  });

  it("joins names the way a byline reads", () => {
    expect(joinNames(["A"])).toBe("A");
    expect(joinNames(["A", "B"])).toBe("A and B");
    expect(joinNames(["A", "B", "C"])).toBe("A, B and C");
  });

  it("strips the site's name from either end of a title, and nothing else", () => {
    expect(stripSiteName("Bakery doubles exports | The Gazette", ["The Gazette"])).toBe(
      "Bakery doubles exports",
    );
    expect(stripSiteName("The Gazette - Bakery doubles exports", ["The Gazette"])).toBe(
      "Bakery doubles exports",
    );
    expect(stripSiteName("Ferries: the winter timetable", ["The Gazette"])).toBe(
      "Ferries: the winter timetable",
    );
  });
});
