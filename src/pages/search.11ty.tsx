import { createContext } from "../templates/context.ts";
import { Layout } from "../templates/Layout.tsx";
import type { PageData } from "../templates/page-data.ts";

export const data = { permalink: "/search/index.html" };

export function render({ archive }: PageData) {
  const ctx = createContext(archive.site);
  return (
    <Layout
      ctx={ctx}
      title="Search"
      description={`Search every article, caption and credit in ${archive.site.title}.`}
      path="/search/"
      head={<link rel="stylesheet" href={ctx.url("/pagefind/pagefind-ui.css")} />}
      scripts={["/pagefind/pagefind-ui.js", "/assets/js/search-page.js"]}
    >
      <h1>Search the archive</h1>
      <div id="search" data-bundle-path={ctx.url("/pagefind/")}></div>
      <noscript>
        <p class="notice">
          Search runs in your browser and needs JavaScript. Everything else works without it: browse
          the <a href={ctx.url("/")}>latest articles</a>, <a href={ctx.url("/topics/")}>topics</a>{" "}
          and <a href={ctx.url("/people/")}>people</a>.
        </p>
      </noscript>
    </Layout>
  );
}
