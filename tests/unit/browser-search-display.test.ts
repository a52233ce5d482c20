import { describe, expect, it } from "vitest";
import {
  facetEntries,
  formatDate,
  hasMore,
  localUrl,
  nextPage,
  statusText,
} from "../../src/browser/search-display.ts";

const KINDS = { topic: "Topic", person: "Person", place: "Place", year: "Year" };

describe("the search page's status line", () => {
  it("counts results, quotes the words and names the values narrowed to", () => {
    expect(statusText({ q: "oil", sort: "", filters: {} }, 1, KINDS)).toBe("1 result for “oil”.");
    expect(
      statusText({ q: "", sort: "", filters: { topic: ["Oil"], year: ["1987"] } }, 12, KINDS),
    ).toBe("12 results, narrowed to Oil, 1987.");
  });

  it("says the kind of a value that two facets share", () => {
    const state = {
      q: "trade",
      sort: "" as const,
      filters: { topic: ["United States"], place: ["United States", "Japan"] },
    };
    expect(statusText(state, 3, KINDS)).toBe(
      "3 results for “trade”, narrowed to United States · topic, United States · place, Japan.",
    );
  });

  it("suggests what to change when nothing is found", () => {
    expect(statusText({ q: "xyzzy", sort: "", filters: {} }, 0, KINDS)).toBe(
      "No results for “xyzzy”. Check the spelling, use fewer words, or remove a filter.",
    );
    expect(statusText({ q: "", sort: "", filters: { year: ["1900"] } }, 0, KINDS)).toBe(
      "No results. Check the spelling, use fewer words, or remove a filter.",
    );
  });
});

describe("facet values offered", () => {
  it("puts the most frequent first, then by name, and leaves out values not found", () => {
    expect(facetEntries("topic", { Oil: 3, Gas: 5, Coal: 3, Tin: 0 }, new Set())).toEqual([
      ["Gas", 5],
      ["Coal", 3],
      ["Oil", 3],
    ]);
  });

  it("puts years newest first", () => {
    expect(facetEntries("year", { "1986": 9, "1987": 2 }, new Set())).toEqual([
      ["1987", 2],
      ["1986", 9],
    ]);
  });

  it("keeps selected values, with a count of 0 when none is left, so they can be unticked", () => {
    expect(facetEntries("topic", { Oil: 2, Tin: 0 }, new Set(["Tin", "Zinc"]))).toEqual([
      ["Oil", 2],
      ["Tin", 0],
      ["Zinc", 0],
    ]);
  });
});

describe("results", () => {
  it("dates articles as the site does", () => {
    expect(formatDate("1987-03-05")).toBe("5 March 1987");
    expect(formatDate("March 1987")).toBe("March 1987");
  });

  it("opens result links from disk relative to the site, folders as index.html", () => {
    expect(localUrl("/articles/1987/03/a/?highlight=oil", "/", "../", true)).toBe(
      "../articles/1987/03/a/index.html?highlight=oil",
    );
    expect(localUrl("/articles/a.html#x", "/", "../", true)).toBe("../articles/a.html#x");
    expect(localUrl("/articles/1987/03/a/", "/", "../", false)).toBe("/articles/1987/03/a/");
    expect(localUrl("https://example.org/", "/", "../", true)).toBe("https://example.org/");
  });

  it("shows results a page at a time", () => {
    expect(nextPage(0, 25, 10)).toEqual({ from: 0, to: 10 });
    expect(nextPage(20, 25, 10)).toEqual({ from: 20, to: 25 });
    expect(nextPage(0, 0, 10)).toEqual({ from: 0, to: 0 });
    expect(hasMore(20, 25)).toBe(true);
    expect(hasMore(25, 25)).toBe(false);
  });
});
