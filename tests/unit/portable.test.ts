import { describe, expect, it } from "vitest";
import { relativeUrl, rewriteHtmlUrls } from "../../src/portable/relative-urls.ts";
import {
  pagefindAsClassicScript,
  PagefindBundleError,
} from "../../src/portable/pagefind-classic.ts";

describe("relative URLs for a site opened from disk", () => {
  it("climbs out of the page's folder and opens folders' index.html", () => {
    expect(relativeUrl("topics/nato/index.html", "people/x/")).toBe("../../people/x/index.html");
    expect(relativeUrl("index.html", "")).toBe("index.html");
    expect(relativeUrl("topics/nato/index.html", "topics/")).toBe("../index.html");
    expect(relativeUrl("articles/2024/11/a/index.html", "assets/css/site.css")).toBe(
      "../../../../assets/css/site.css",
    );
  });

  it("keeps queries and fragments after the file name", () => {
    expect(relativeUrl("index.html", "search/?q=x#top")).toBe("search/index.html?q=x#top");
  });

  it("keeps a folder a folder where a script adds file names to it", () => {
    expect(relativeUrl("search/index.html", "pagefind/", false)).toBe("../pagefind/");
    expect(relativeUrl("index.html", "", false)).toBe("./");
  });

  it("rewrites the site's own links, sources and srcsets under the path prefix, not absolute URLs", () => {
    const html =
      '<a href="/news/topics/">T</a><link rel="canonical" href="https://x.org/news/"><img src="/news/img/a-400.jpg" srcset="/news/img/a-400.webp 400w, /news/img/a-800.webp 800w"><div data-bundle-path="/news/pagefind/"></div>';
    expect(rewriteHtmlUrls(html, "topics/nato/index.html", "/news/")).toBe(
      '<a href="../index.html">T</a><link rel="canonical" href="https://x.org/news/"><img src="../../img/a-400.jpg" srcset="../../img/a-400.webp 400w, ../../img/a-800.webp 800w"><div data-bundle-path="../../pagefind/"></div>',
    );
  });
});

describe("Pagefind as a classic script", () => {
  it("replaces the module's exports and import.meta.url", () => {
    const script = pagefindAsClassicScript(
      "const a=1;function init(){return import.meta.url}export{init,a as b};",
    );
    expect(script).not.toMatch(/export\s*\{|import\.meta/);
    expect(script).toContain("window.__pagefindModule = { init, b: a };");
  });

  it("refuses a bundle it does not recognise", () => {
    expect(() => pagefindAsClassicScript("const a = 1;")).toThrow(PagefindBundleError);
  });
});
