import { describe, expect, it } from "vitest";
import {
  cacheName,
  cacheStrategy,
  offlinePageHtml,
  pagesToSave,
  precacheUrls,
  staleCaches,
} from "../../src/browser/offline-cache.ts";

const SCOPE = new URL("https://example.org/news/");
const get = (url: string, mode = "cors") => ({ method: "GET", mode, url });

describe("the service worker's answers", () => {
  it("asks the network first for pages, Pagefind's entry file and the worker", () => {
    expect(cacheStrategy(get("https://example.org/news/topics/oil/", "navigate"), SCOPE)).toBe(
      "network-first",
    );
    expect(cacheStrategy(get("https://example.org/news/pagefind/pagefind-entry.json"), SCOPE)).toBe(
      "network-first",
    );
    expect(cacheStrategy(get("https://example.org/news/sw.js"), SCOPE)).toBe("network-first");
  });

  it("answers other files of the site from the cache first", () => {
    for (const file of [
      "pagefind/index/en_1a2b.pf_index",
      "pagefind/fragment/en_3c4d.pf_fragment",
      "assets/js/search-page.js",
      "assets/css/site.css",
    ]) {
      expect(cacheStrategy(get(`https://example.org/news/${file}`), SCOPE)).toBe("cache-first");
    }
  });

  it("leaves to the browser what is not a GET or not the site's", () => {
    const page = "https://example.org/news/search/";
    expect(cacheStrategy({ method: "POST", mode: "navigate", url: page }, SCOPE)).toBeUndefined();
    expect(cacheStrategy(get("https://other.example/news/a.js"), SCOPE)).toBeUndefined();
    expect(cacheStrategy(get("https://example.org/other/", "navigate"), SCOPE)).toBeUndefined();
  });
});

describe("the service worker's caches", () => {
  it("names a cache by build and drops earlier builds' caches only", () => {
    const current = cacheName("abc123");
    expect(current).toBe("archive-abc123");
    expect(staleCaches(["archive-old", current, "someone-elses"], current)).toEqual([
      "archive-old",
    ]);
  });

  it("stores the precache list under the worker's scope", () => {
    expect(precacheUrls(["", "search/", "pagefind/pagefind.js"], SCOPE)).toEqual([
      "https://example.org/news/",
      "https://example.org/news/search/",
      "https://example.org/news/pagefind/pagefind.js",
    ]);
  });

  it("saves the open tabs that show the site's pages", () => {
    const saved = pagesToSave(
      [
        "https://example.org/news/articles/a/",
        "https://example.org/elsewhere/",
        "https://other.example/news/",
      ],
      SCOPE,
    );
    expect(saved.map((url) => url.href)).toEqual(["https://example.org/news/articles/a/"]);
  });

  it("links the offline page to the site under its path", () => {
    const html = offlinePageHtml("/news/");
    expect(html).toContain('href="/news/assets/css/site.css"');
    expect(html).toContain('<a href="/news/search/">search</a>');
    // Styled by the site's stylesheet: the pages' policy refuses inline styles and scripts.
    expect(html).not.toMatch(/<style|<script|style=/);
  });
});
