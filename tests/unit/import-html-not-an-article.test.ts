import { describe, expect, it } from "vitest";
import type { PageMetadata } from "../../src/import/html/metadata-types.ts";
import { notAnArticle } from "../../src/import/html/not-an-article.ts";

function metadata(extra: Partial<PageMetadata> = {}): PageMetadata {
  return {
    sections: [],
    keywords: [],
    tags: [],
    images: [],
    structuredTypes: [],
    hasArticleData: false,
    unreadableJsonLd: 0,
    ...extra,
  };
}

const STORY =
  "<p>The ferry company will run two crossings a day instead of three from December, it said, citing fewer passengers in winter and the cost of fuel. Island councillors said they would ask it to keep the Saturday sailing, when many residents travel to the mainland market and the hospital.</p>";

describe("pages that are not articles", () => {
  it("keeps an article's text even when og:type says website", () => {
    expect(
      notAnArticle({
        metadata: metadata({ ogType: "website" }),
        bodyHtml: STORY,
        title: "Ferry timetable",
      }),
    ).toBeUndefined();
  });

  it("names a page with no article text at all", () => {
    expect(notAnArticle({ metadata: metadata({ ogType: "website" }), title: "Home" })).toBe(
      "not an article: no article text found (og:type website)",
    );
  });

  it("names search results by their structured data or address", () => {
    const links = Array.from(
      { length: 6 },
      (_, i) => `<a href="/s/${i}">Ferry result number ${i}</a>`,
    ).join(" ");
    expect(
      notAnArticle({
        metadata: metadata({ structuredTypes: ["SearchResultsPage"] }),
        bodyHtml: `<p>${links}</p>`,
        title: "Search",
      }),
    ).toMatch(
      /^not an article: search results \(SearchResultsPage in its structured data, 6 links/,
    );
    expect(
      notAnArticle({
        metadata: metadata(),
        bodyHtml: `<p>${links}</p>`,
        url: "https://example.com/search?q=ferry",
      }),
    ).toMatch(/^not an article: search results/);
  });

  it("names a tag index and a gallery without text", () => {
    const links = Array.from(
      { length: 6 },
      (_, i) => `<a href="/a/${i}">Story about ferries ${i}</a>`,
    ).join(" ");
    expect(
      notAnArticle({
        metadata: metadata(),
        bodyHtml: links,
        url: "https://example.com/tag/ferries",
      }),
    ).toMatch(/^not an article: a tag or topic index/);
    const photos = '<img src="a.jpg"><img src="b.jpg"><img src="c.jpg"><p>Ferries in winter.</p>';
    expect(notAnArticle({ metadata: metadata({ ogType: "article" }), bodyHtml: photos })).toMatch(
      /^not an article: a photo gallery without text/,
    );
  });

  it("names a login or paywall stub", () => {
    expect(
      notAnArticle({
        metadata: metadata({ hasArticleData: true }),
        bodyHtml: "<p>Subscribe to continue reading this story.</p>",
      }),
    ).toMatch(/^not an article: a login or paywall page/);
  });

  it("says too little text when an article-typed page has a few words", () => {
    expect(
      notAnArticle({
        metadata: metadata({ hasArticleData: true }),
        bodyHtml: "<p>Video: the ferry in a storm.</p>",
      }),
    ).toBe("not an article: too little text (0 links and 28 characters of text)");
  });
});
