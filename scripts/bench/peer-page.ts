// The peer of the search benches: Hugo, then the Pagefind CLI on its article pages, searched from
// a minimal page over Pagefind's JS API, the kind a Hugo site's author writes from Pagefind's
// documentation. The bench writes the page into Hugo's output folder.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Where `writePeerSearchPage` puts the peer's search page, relative to its site. */
export const PEER_PAGE = "search/";

/**
 * The peer's search page: a form, and on submit Pagefind's JS API as its documentation shows it
 * (`import("/pagefind/pagefind.js")`, `search`, then `data()` of the first ten results), each
 * result shown with its title and excerpt. Pagefind is imported when the first query is
 * submitted, as our page does, and runs with its defaults (its search in a worker).
 */
const PEER_PAGE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Search</title>
  </head>
  <body>
    <main>
      <h1>Search</h1>
      <form id="search-form">
        <label for="search-query">Words to find</label>
        <input id="search-query" type="search" name="q" autocomplete="off" />
        <button type="submit">Search</button>
      </form>
      <p id="search-status" role="status"></p>
      <ol id="search-results"></ol>
    </main>
    <script type="module">
      const form = document.getElementById("search-form");
      const input = document.getElementById("search-query");
      const status = document.getElementById("search-status");
      const list = document.getElementById("search-results");
      let pagefind;
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const q = input.value.trim();
        pagefind ??= await import("/pagefind/pagefind.js");
        const s = await pagefind.search(q);
        const data = await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
        list.replaceChildren(
          ...data.map((result) => {
            const li = document.createElement("li");
            const link = document.createElement("a");
            link.href = result.url;
            link.textContent = result.meta.title;
            const excerpt = document.createElement("p");
            excerpt.innerHTML = result.excerpt;
            li.append(link, excerpt);
            return li;
          }),
        );
        status.textContent = s.results.length
          ? s.results.length + " results for “" + q + "”"
          : "No results for “" + q + "”";
      });
    </script>
  </body>
</html>
`;

/** Writes the peer's search page into Hugo's output folder (not into the Hugo site's sources). */
export function writePeerSearchPage(siteDir: string): void {
  mkdirSync(path.join(siteDir, PEER_PAGE), { recursive: true });
  writeFileSync(path.join(siteDir, PEER_PAGE, "index.html"), PEER_PAGE_HTML);
}

export type Side = "peer" | "best" | "newest";
export const SIDE_NAMES: Record<Side, string> = {
  peer: "Hugo + Pagefind CLI",
  best: "ours, best match",
  newest: "ours, newest first",
};
