// The search page's state and its URL: `?q=…&topic=…&person=…&year=…&sort=newest`. A search can
// be bookmarked, shared and reached with the back button; the page reads it back from the URL.
import type { PagefindFilters, PagefindSearchOptions } from "./pagefind.d.ts";

/** Best match (the default, left out of the URL) or newest first. */
export type Sort = "" | "newest";

export interface SearchState {
  /** The words, trimmed; "" searches with the facets alone. */
  q: string;
  sort: Sort;
  /** Facet → the values selected, in the URL's order; a facet with none is absent. */
  filters: Record<string, string[]>;
}

/** The sort a form or URL names; anything unknown is best match. */
export function toSort(value: string | null | undefined): Sort {
  return value === "newest" ? "newest" : "";
}

/** Reads the state from a URL's query (`location.search`), keeping only the page's facets. */
export function readState(query: string, facets: readonly string[]): SearchState {
  const params = new URLSearchParams(query);
  const state: SearchState = {
    q: (params.get("q") ?? "").trim(),
    sort: toSort(params.get("sort")),
    filters: {},
  };
  for (const facet of facets) {
    const values = params.getAll(facet).filter(Boolean);
    if (values.length) state.filters[facet] = values;
  }
  return state;
}

/** The query string for a state, without `?`: words, then facets in the page's order, then sort. */
export function stateQuery(state: SearchState, facets: readonly string[]): string {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const facet of facets)
    for (const value of state.filters[facet] ?? []) params.append(facet, value);
  if (state.sort) params.set("sort", state.sort);
  return params.toString();
}

/** The page's URL for a state: its path, and the query when there is one. */
export function stateUrl(pathname: string, state: SearchState, facets: readonly string[]): string {
  const query = stateQuery(state, facets);
  return `${pathname}${query ? `?${query}` : ""}`;
}

/** Whether the state asks for anything: words or a facet value. */
export function hasSearch(state: SearchState): boolean {
  return Boolean(state.q) || Object.keys(state.filters).length > 0;
}

/**
 * Pagefind's filters for a state: each facet's values ORed (`any`), the facets ANDed. `except`
 * leaves one facet out, to count that facet's values with every other facet applied.
 */
export function pagefindFilters(filters: SearchState["filters"], except?: string): PagefindFilters {
  const out: PagefindFilters = {};
  for (const [facet, values] of Object.entries(filters)) {
    if (facet !== except) out[facet] = { any: values };
  }
  return out;
}

/** Pagefind's options for the results of a state: its filters, and newest first by `date`. */
export function searchOptions(state: SearchState): PagefindSearchOptions {
  return {
    filters: pagefindFilters(state.filters),
    sort: state.sort === "newest" ? { date: "desc" } : undefined,
  };
}
