import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  hasSearch,
  pagefindFilters,
  readState,
  searchOptions,
  stateQuery,
  stateUrl,
  toSort,
  type SearchState,
} from "../../src/browser/search-state.ts";

const FACETS = ["topic", "person", "place", "year", "source"];

describe("the search page's state in its URL", () => {
  it("reads words, facet values and sort; trims words, drops empty values and unknown facets", () => {
    expect(
      readState("?q=+oil+prices+&topic=Oil&topic=Trade&place=&colour=red&sort=newest", FACETS),
    ).toEqual({ q: "oil prices", sort: "newest", filters: { topic: ["Oil", "Trade"] } });
  });

  it("reads an empty or unknown sort as best match", () => {
    expect(readState("?q=x&sort=oldest", FACETS).sort).toBe("");
    expect(readState("", FACETS)).toEqual({ q: "", sort: "", filters: {} });
    expect(toSort("newest")).toBe("newest");
    expect(toSort(null)).toBe("");
  });

  it("writes words, then facets in the page's order, then sort, and leaves out what is empty", () => {
    const state: SearchState = {
      q: "wheat & corn",
      sort: "newest",
      filters: { year: ["1987"], topic: ["Grain", "Corn"] },
    };
    expect(stateQuery(state, FACETS)).toBe(
      "q=wheat+%26+corn&topic=Grain&topic=Corn&year=1987&sort=newest",
    );
    expect(stateUrl("/search/", { q: "", sort: "", filters: {} }, FACETS)).toBe("/search/");
    expect(stateUrl("/news/search/", { q: "oil", sort: "", filters: {} }, FACETS)).toBe(
      "/news/search/?q=oil",
    );
  });

  it("reads back every state it writes", () => {
    const value = fc.string({ minLength: 1 }).filter((s) => s.trim() === s && s !== "");
    const state = fc.record({
      q: fc.string().map((s) => s.trim()),
      sort: fc.constantFrom("" as const, "newest" as const),
      filters: fc.dictionary(fc.constantFrom(...FACETS), fc.array(value, { minLength: 1 })),
    });
    fc.assert(
      fc.property(state, (s) => {
        const read = readState(`?${stateQuery(s, FACETS)}`, FACETS);
        expect(read.q).toBe(s.q);
        expect(read.sort).toBe(s.sort);
        expect(read.filters).toEqual(s.filters);
      }),
    );
  });

  it("asks for a search when there are words or a facet value", () => {
    expect(hasSearch({ q: "", sort: "newest", filters: {} })).toBe(false);
    expect(hasSearch({ q: "oil", sort: "", filters: {} })).toBe(true);
    expect(hasSearch({ q: "", sort: "", filters: { year: ["1987"] } })).toBe(true);
  });
});

describe("Pagefind's options for a state", () => {
  const filters = { topic: ["Oil", "Gas"], year: ["1987"] };

  it("ORs the values of a facet and ANDs the facets", () => {
    expect(pagefindFilters(filters)).toEqual({
      topic: { any: ["Oil", "Gas"] },
      year: { any: ["1987"] },
    });
  });

  it("leaves one facet out to count its values with the others applied", () => {
    expect(pagefindFilters(filters, "topic")).toEqual({ year: { any: ["1987"] } });
  });

  it("sorts newest first by date, and leaves best match to Pagefind", () => {
    expect(searchOptions({ q: "x", sort: "newest", filters: {} })).toEqual({
      filters: {},
      sort: { date: "desc" },
    });
    expect(searchOptions({ q: "x", sort: "", filters }).sort).toBeUndefined();
  });
});
