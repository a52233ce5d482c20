import { SEARCH_INDEX_PLACEHOLDER } from "../search/search-page-info.ts";
import { createContext } from "../templates/context.ts";
import { Layout } from "../layout/Layout.tsx";
import type { PageData } from "../templates/page-data.ts";

export const data = { permalink: "/search/index.html" };

/** Facets offered on the search page: Pagefind filter name → label. */
export const SEARCH_FACETS = [
  ["topic", "Topic"],
  ["person", "Person"],
  ["place", "Place"],
  ["year", "Year"],
  ["source", "Source"],
] as const;

export function render({ archive }: PageData) {
  const ctx = createContext(archive.site);
  return (
    <Layout
      ctx={ctx}
      title="Search"
      description={`Search every article, caption and credit in ${archive.site.title}.`}
      path="/search/"
      scripts={["/assets/js/search-page.js"]}
    >
      <h1>Search the archive</h1>
      <div
        id="search"
        class="search"
        data-bundle-path={ctx.url("/pagefind/")}
        data-search-index={SEARCH_INDEX_PLACEHOLDER}
        data-base-url={archive.site.pathPrefix}
      >
        <form id="search-form" class="search-form" action={ctx.url("/search/")} method="get">
          <label for="search-query">Words to find</label>
          <div class="search-row">
            <input id="search-query" type="search" name="q" autocomplete="off" />
            <label for="search-sort" class="inline-label">
              Order
            </label>
            <select id="search-sort" name="sort">
              <option value="">Best match</option>
              <option value="newest">Newest first</option>
            </select>
            <button type="submit">Search</button>
          </div>
        </form>
        {/* Results first, then the facets: beside the results on a wide screen, after them on a
            narrow one, so facet counts, which arrive after the results, never push them down. */}
        <div class="search-layout">
          <div class="search-results">
            <p id="search-status" class="search-status" role="status" aria-live="polite"></p>
            <ol id="search-results" class="result-list"></ol>
            <button id="search-more" type="button" hidden>
              Show more results
            </button>
          </div>
          <div
            id="search-facets"
            class="search-facets"
            aria-label="Narrow the results"
            role="group"
          >
            {SEARCH_FACETS.map(([name, label]) => (
              <fieldset key={name} class="facet" data-facet={name} hidden>
                <legend>{label}</legend>
                <ul></ul>
              </fieldset>
            ))}
          </div>
        </div>
        {/* Filled by src/browser/offline-offer.ts where a service worker runs. Below the results,
            so that it moves nothing a reader sees when it appears. */}
        <div id="offline-offer" class="offline-offer" hidden>
          <p id="offline-text"></p>
          <button id="offline-save" type="button" hidden>
            Save for offline use
          </button>
          <progress id="offline-progress" max="1" value="0" hidden></progress>
        </div>
      </div>
      <noscript>
        <p class="notice">
          Search runs in your browser and needs JavaScript, which is turned off or unavailable.
          Everything else works without it: browse the <a href={ctx.url("/")}>latest articles</a>,{" "}
          <a href={ctx.url("/topics/")}>topics</a>, <a href={ctx.url("/people/")}>people</a> and{" "}
          <a href={ctx.url("/places/")}>places</a>.
        </p>
      </noscript>
    </Layout>
  );
}
