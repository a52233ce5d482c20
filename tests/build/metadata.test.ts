import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "node-html-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { runBuild } from "../helpers/run-build.ts";
import { contentSecurityPolicy } from "../../src/security/csp.ts";
import { copyPublishingFixture } from "../fixtures/publishing-site.ts";
import { fileForUrl, listFiles, parseXml, readPage, type XmlNode } from "../helpers/site-files.ts";

const ORIGIN = "https://news.example.org";
const SUMMIT = "articles/2024/11/summit/index.html";
const TALKS = "articles/2024/11/talks/index.html";

describe("page metadata, sitemap and robots.txt", () => {
  let site: string;
  let pages: string[];

  beforeAll(() => {
    site = path.join(mkdtempSync(path.join(tmpdir(), "archive-metadata-")), "_site");
    const run = runBuild(copyPublishingFixture(), site);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    pages = listFiles(site).filter((f) => f.endsWith(".html") && !f.startsWith("pagefind/"));
  });

  const meta = (file: string, key: string) =>
    readPage(site, file)
      .querySelector(`meta[property="${key}"], meta[name="${key}"]`)
      ?.getAttribute("content");

  /** The output file an absolute URL on the site's origin leads to. */
  const fileForAbsolute = (url: string | undefined) =>
    url?.startsWith(`${ORIGIN}/`) ? fileForUrl(site, url.slice(ORIGIN.length)) : undefined;

  it("gives every page a canonical URL, a description and Open Graph and Twitter card tags", () => {
    for (const page of pages) {
      const canonical = readPage(site, page)
        .querySelector('link[rel="canonical"]')
        ?.getAttribute("href");
      expect(canonical, page).toMatch(/^https:\/\/news\.example\.org\//);
      expect(meta(page, "description"), page).toBeTruthy();
      expect(meta(page, "og:url"), page).toBe(canonical);
      for (const key of ["og:type", "og:title", "og:description", "og:site_name", "twitter:card"]) {
        expect(meta(page, key), `${page} ${key}`).toBeTruthy();
      }
    }
  });

  it("gives an article's lead photo as an absolute og:image and twitter:image that exist in the output", () => {
    const image = meta(SUMMIT, "og:image");
    expect(fileForAbsolute(image)).toBeDefined();
    expect(meta(SUMMIT, "twitter:image")).toBe(image);
    expect(meta(SUMMIT, "twitter:card")).toBe("summary_large_image");
    expect(meta(SUMMIT, "og:image:alt")).toBe("Ministers around a table");
  });

  it("describes every article with NewsArticle JSON-LD whose headline and id are the page's", () => {
    for (const page of pages.filter((p) => p.startsWith("articles/"))) {
      const html = readPage(site, page);
      const scripts = html.querySelectorAll('script[type="application/ld+json"]');
      expect(scripts, page).toHaveLength(1);
      const data = JSON.parse(scripts[0]!.textContent);
      expect(data["@type"], page).toBe("NewsArticle");
      expect(data.headline, page).toBe(html.querySelector("h1")!.text);
      expect(data["@id"], page).toBe(
        `${html.querySelector('link[rel="canonical"]')!.getAttribute("href")}#article`,
      );
      // The canonical link and meta description say these once; the JSON-LD does not repeat them.
      for (const repeated of ["url", "mainEntityOfPage", "description"]) {
        expect(data, `${page} ${repeated}`).not.toHaveProperty(repeated);
      }
    }
  });

  it("keeps a headline with </script> inside its JSON-LD, escaped as \\u003c", () => {
    const source = readFileSync(path.join(site, TALKS), "utf8");
    const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(source)![1]!;
    expect(json).not.toContain("<");
    expect(JSON.parse(json).headline).toBe('Talks "resume" & </script><b>tensions</b> ease');
  });

  it("gives the lead photo in JSON-LD as an ImageObject with caption and credit", () => {
    const source = readPage(site, SUMMIT).querySelector('script[type="application/ld+json"]')!;
    const { image } = JSON.parse(source.textContent);
    expect(fileForAbsolute(image.url)).toBeDefined();
    expect(image).toMatchObject({
      "@type": "ImageObject",
      caption: "Foreign ministers at NATO headquarters, 13 November 2024.",
      creditText: "EPA",
    });
  });

  it("lists every article in sitemap.xml with its last change", () => {
    const urlset = parseXml(readFileSync(path.join(site, "sitemap.xml"), "utf8")).urlset as XmlNode;
    expect(urlset["@xmlns"]).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
    const urls = urlset.url as XmlNode[];
    const articles = pages.filter((p) => p.startsWith("articles/"));
    for (const page of articles) {
      const loc = `${ORIGIN}/${page.replace(/index\.html$/, "")}`;
      const entry = urls.find((url) => url.loc === loc);
      expect(entry?.lastmod, loc).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
    expect(urls.find((url) => url.loc === `${ORIGIN}/articles/2024/11/summit/`)?.lastmod).toBe(
      "2024-11-14T07:30:00Z",
    );
    expect(urls.every((url) => fileForAbsolute(url.loc as string) !== undefined)).toBe(true);
  });

  it("points robots.txt at the sitemap", () => {
    expect(readFileSync(path.join(site, "robots.txt"), "utf8")).toContain(
      `Sitemap: ${ORIGIN}/sitemap.xml`,
    );
  });

  it("writes the _headers file to the site root, with the policy the pages carry", () => {
    const headers = readFileSync(path.join(site, "_headers"), "utf8");
    expect(headers).toContain(`  Content-Security-Policy: ${contentSecurityPolicy([])}\n`);
    expect(headers).toContain(
      "/pagefind/:bundle/index/*\n  Cache-Control: public, max-age=31536000, immutable",
    );
    const meta = parse(readFileSync(path.join(site, "index.html"), "utf8"))
      .querySelector('meta[http-equiv="Content-Security-Policy"]')
      ?.getAttribute("content");
    expect(meta).toBe(contentSecurityPolicy([], { meta: true }));
    expect(existsSync(path.join(site, "assets", "_headers"))).toBe(false);
  });
});
