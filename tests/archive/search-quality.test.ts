import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { loadArchive } from "../../src/collections/load-archive.ts";
import type { Archive, TermEntry } from "../../src/collections/archive.ts";
import type { Article } from "../../src/content/article.ts";
import { startStaticServer } from "../../src/serve/static-server.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { buildReutersSite } from "../helpers/reuters.ts";
import { build } from "esbuild";
import { PROJECT_DIR } from "../helpers/run-build.ts";
import type { SearchIndexInfo } from "../../src/search/bundle-info.ts";

/**
 * The search page's own searcher (src/browser/search-page.ts): one Pagefind instance on the page
 * over every bundle, the prefix fallbacks of bundles that lack a word left out, newest first by
 * bundle and place. Bundled here from the same modules, so that the test searches as a reader.
 */
const SEARCHER = `
  import { BundledSearch } from "./src/browser/bundled-search.ts";
  import { loadPagefind } from "./src/browser/load-pagefind.ts";
  import { judgeFallback } from "./src/browser/prefix-fallback.ts";
  window.openSearch = async (info) => {
    const base = new URL("/pagefind/", location.href).href;
    const { open, options, files } = await loadPagefind(base, "/", false, info);
    window.searching = new BundledSearch(
      info.bundles,
      (bundle, bundleOptions) => open(base + bundle.dir, bundleOptions),
      (bundle) => base + bundle.dir,
      options,
      (query, tags) =>
        judgeFallback(query, new Map(tags.map((tag) => [tag, files.wordsOf(tag)])), info.language),
      () => files.brokenTags(),
    );
  };
`;

interface Hit {
  url: string;
  title: string;
  date: string;
}

/** Search quality on the whole Reuters-21578 archive: answers checked against the articles themselves. */
describe("search on the whole Reuters archive", () => {
  let archive: Archive;
  let browser: Browser;
  let page: Page;
  let server: Awaited<ReturnType<typeof startStaticServer>>;

  beforeAll(async () => {
    const built = buildReutersSite();
    archive = loadArchive(built.root, {});
    server = await startStaticServer({ dir: built.site });
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.goto(`${server.url}search/`);
    // Every bundle searched as the search page searches them.
    const info = JSON.parse(
      (await page.locator("#search").getAttribute("data-search-index")) ?? "{}",
    ) as SearchIndexInfo;
    expect(info.bundles.length).toBeGreaterThan(1);
    const bundled = await build({
      stdin: { contents: SEARCHER, resolveDir: PROJECT_DIR, loader: "ts" },
      bundle: true,
      write: false,
      format: "iife",
      target: "es2022",
    });
    // Evaluated, not added as a script tag, which the page's CSP would refuse as inline.
    await page.evaluate(bundled.outputFiles[0]!.text);
    await page.evaluate(
      async (description) =>
        (window as unknown as { openSearch(i: unknown): Promise<void> }).openSearch(description),
      info,
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  type Filters = Record<string, string | { any: string[] }>;

  /** Number of results, and the top `top` with their data. */
  async function search(
    query: string | null,
    options: { filters?: Filters; sort?: Record<string, string>; top?: number } = {},
  ) {
    return page.evaluate(
      async ({ query, filters, sort, top }) => {
        type Searching = {
          search(
            q: string | null,
            o: unknown,
            order: "newest" | "relevance",
            need: number,
          ): Promise<
            | {
                results: Array<{
                  data(): Promise<{ url: string; meta: Record<string, string> }>;
                }>;
              }
            | undefined
          >;
        };
        const { searching } = window as unknown as { searching: Searching };
        const found = await searching.search(
          query,
          { filters: filters ?? {} },
          sort ? "newest" : "relevance",
          Infinity,
        );
        const results = found?.results ?? [];
        const hits = await Promise.all(results.slice(0, top).map((r) => r.data()));
        return {
          count: results.length,
          // Pagefind adds the query to a result's URL for highlighting (`?highlight=`).
          hits: hits.map((h) => ({
            url: h.url.replace(/[?#].*$/, ""),
            title: h.meta.title ?? "",
            date: h.meta.date ?? "",
          })),
        };
      },
      { query, filters: options.filters, sort: options.sort, top: options.top ?? 10 },
    );
  }

  const term = (kind: "topics" | "people" | "places", id: string): TermEntry => {
    const found = archive.terms[kind].find((t) => t.id === id);
    if (!found) throw new Error(`no ${kind} ${id} in the archive`);
    return found;
  };
  const mentions = (article: Article, word: RegExp) =>
    word.test(article.title) || word.test(article.body);
  const byUrl = (hits: Hit[]) => hits.map((h) => h.url);

  it("finds a story by the rare words of its title", async () => {
    const { hits } = await search("Bahia cocoa review");
    expect(hits[0]!.url).toBe("/articles/1987/02/bahia-cocoa-review/");
  });

  it("finds a story by a phrase from its title", async () => {
    const { hits } = await search("ferry disaster");
    expect(hits.map((h) => h.title)).toContain("26 REPORTED DEAD IN FERRY DISASTER");
  });

  it("finds every story with a rare word, and puts one with it first", async () => {
    const expected = archive.articles.filter((a) => /\btemporao\b/i.test(a.body)).map((a) => a.url);
    expect(expected.length).toBeGreaterThan(1);
    const { count, hits } = await search("temporao", { top: 100 });
    expect(byUrl(hits)).toEqual(expect.arrayContaining(expected));
    expect(count).toBe(expected.length);
  });

  it("finds a company by its ticker", async () => {
    const { hits } = await search("ZBST");
    expect(hits[0]!.title).toContain("<ZBST>");
  });

  it("answers a person's name with stories that name them", async () => {
    const { hits } = await search("Volcker", { top: 20 });
    const articles = hits.map((h) => archive.articles.find((a) => a.url === h.url)!);
    expect(articles.every((a) => mentions(a, /Volcker/))).toBe(true);
  });

  it("answers a place with stories from or about it", async () => {
    const { hits } = await search("Tokyo", { top: 20 });
    const articles = hits.map((h) => archive.articles.find((a) => a.url === h.url)!);
    expect(articles.every((a) => mentions(a, /Tokyo/i) || a.dateline === "Tokyo")).toBe(true);
  });

  it("filters by person to exactly the stories tagged with them", async () => {
    const volcker = term("people", "volcker");
    const { count } = await search(null, { filters: { person: volcker.name } });
    expect(count).toBe(volcker.articles.length);
  });

  it("filters by topic to exactly the stories tagged with it", async () => {
    const coffee = term("topics", "coffee");
    const { count } = await search(null, { filters: { topic: coffee.name } });
    expect(count).toBe(coffee.articles.length);
  });

  it("filters by place to exactly the stories tagged with it", async () => {
    const japan = term("places", "japan");
    const { count } = await search(null, { filters: { place: japan.name } });
    expect(count).toBe(japan.articles.length);
  });

  it("combines a query with a topic filter", async () => {
    const coffee = term("topics", "coffee");
    const expected = coffee.articles.filter((a) =>
      /\bBrazil\b/i.test(`${a.title} ${a.body}`),
    ).length;
    const { count } = await search("Brazil", { filters: { topic: coffee.name } });
    expect(count).toBeGreaterThanOrEqual(Math.floor(expected * 0.9));
    expect(count).toBeLessThanOrEqual(coffee.articles.length);
  });

  it("filters by year: 1987 keeps every match, 1986 has none", async () => {
    const all = await search("oil");
    const in1987 = await search("oil", { filters: { year: "1987" } });
    const in1986 = await search("oil", { filters: { year: "1986" } });
    expect(in1987.count).toBe(all.count);
    expect(in1986.count).toBe(0);
  });

  it("ANDs two facets", async () => {
    const baker = term("people", "james-baker");
    const dollar =
      archive.terms.topics.find((t) => t.name.toLowerCase().includes("foreign exchange")) ??
      term("topics", "money-fx");
    const both = baker.articles.filter((a) => a.topics.some((t) => t.id === dollar.id)).length;
    expect(both).toBeGreaterThan(0);
    const { count } = await search(null, { filters: { person: baker.name, topic: dollar.name } });
    expect(count).toBe(both);
  });

  it("ORs two values of one facet", async () => {
    const volcker = term("people", "volcker");
    const baker = term("people", "james-baker");
    const union = new Set([...volcker.articles, ...baker.articles].map((a) => a.url)).size;
    const { count } = await search(null, {
      filters: { person: { any: [volcker.name, baker.name] } },
    });
    expect(count).toBe(union);
  });

  it("filters by source", async () => {
    const { count } = await search(null, { filters: { source: "Reuters" } });
    expect(count).toBe(archive.articles.length);
  });

  it("orders by newest first when asked", async () => {
    const { hits } = await search("gold", { sort: { date: "desc" }, top: 30 });
    const dates = hits.map((h) => h.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it("finds no story for a word that is in none, beyond Pagefind's prefix fallback", async () => {
    // Pagefind answers a word its index lacks with the longest prefix of it that the index has
    // ("orchid" finds "or", Pagefind #315, #793), so "qxqxqxqz" may find stories with a "Q". It
    // must find nothing else.
    const { count, hits } = await search("qxqxqxqz", { top: 50 });
    expect(count).toBeLessThan(10);
    const byUrl = new Map(archive.articles.map((a) => [a.url, a]));
    for (const hit of hits) {
      const article = byUrl.get(hit.url.replace(/[?#].*$/, ""));
      const words = `${article?.title} ${article?.body}`.toLowerCase().split(/[^\p{L}\p{N}]+/u);
      expect(
        words.some((word) => word && "qxqxqxqz".startsWith(word)),
        hit.url,
      ).toBe(true);
    }
  });
});
