import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { runImport } from "../../src/import/run-import.ts";
import { axeViolations, expectQuietPage, watchPage, type PageWatch } from "../helpers/browser.ts";
import { makeFixtureSite } from "../helpers/fixture-site.ts";
import { serveBuiltSite } from "../helpers/served-site.ts";

function photo(width: number, height: number): Promise<Buffer> {
  const noise = { type: "gaussian" as const, mean: 128, sigma: 30 };
  return sharp({ create: { width, height, channels: 3, background: "#000", noise } })
    .jpeg()
    .toBuffer();
}

const PARAGRAPHS = [
  "The harbour authority opened the new breakwater on Tuesday after four years of work, ending a dispute that had kept the fishing fleet tied up through two winters.",
  "Fishermen who had waited since the storm of 2020 said the wall would let boats leave in weather that used to close the port for days at a time.",
  "The project ran over its budget by a fifth, the authority said, mostly because of the price of stone brought in by sea from the quarries up the coast.",
];

/** A page as a browser's "Save page as" writes it: the article among a site's navigation and extras. */
const SAVED_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Breakwater opens after four years | Harbour Gazette</title>
<link rel="canonical" href="https://gazette.example.com/2024/05/breakwater-opens">
<meta property="og:site_name" content="Harbour Gazette">
<meta name="description" content="The port's new wall lets the fleet sail in rough weather.">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Breakwater opens after four years","datePublished":"2024-05-14T08:30:00+01:00",
"author":{"@type":"Person","name":"Ann Example"},"publisher":{"@type":"Organization","name":"Harbour Gazette"}}</script>
<script>document.title = "tracked";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Breakwater opens after four years</h1>
<figure><img src="breakwater_files/wall.jpg" alt="The new breakwater at low tide">
<figcaption>The new breakwater at low tide. Photo: Ben Example</figcaption></figure>
${PARAGRAPHS.map((p) => `<p>${p}</p>`).join("\n")}
<div class="share"><a href="https://social.example.com/share">Share</a></div>
</article>
<aside class="related"><h2>Related</h2><a href="/other">Another story</a></aside>
<footer>© Harbour Gazette</footer>
</body></html>`;

/** A WordPress export with one published post whose photo sits in the uploads folder beside it. */
const EXPORT = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Quay Weekly</title>
<link>https://quay.example.org</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://quay.example.org</wp:base_site_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[cora]]></wp:author_login><wp:author_display_name><![CDATA[Cora Example]]></wp:author_display_name></wp:author>
<item>
<title>Ferry timetable changes for summer</title>
<link>https://quay.example.org/2024/06/ferry-timetable/</link>
<dc:creator><![CDATA[cora]]></dc:creator>
<content:encoded><![CDATA[[caption id="attachment_7" align="alignnone" width="800"]<img src="https://quay.example.org/wp-content/uploads/2024/06/ferry.jpg" alt="The morning ferry at the quay" width="800" height="600" class="size-full wp-image-7" /> The morning ferry leaves the quay. Photo: Dan Example[/caption]

The summer timetable adds two crossings a day from the first of July, the operator said.

Evening sailings will run until ten o'clock at weekends.]]></content:encoded>
<excerpt:encoded><![CDATA[Two more crossings a day from July.]]></excerpt:encoded>
<wp:post_id>12</wp:post_id>
<wp:post_date><![CDATA[2024-06-03 09:00:00]]></wp:post_date>
<wp:post_date_gmt><![CDATA[2024-06-03 08:00:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[ferry-timetable]]></wp:post_name>
<wp:status><![CDATA[publish]]></wp:status>
<wp:post_type><![CDATA[post]]></wp:post_type>
<category domain="category" nicename="transport"><![CDATA[Transport]]></category>
</item>
</channel>
</rss>
`;

const PAGE_ARTICLE = "articles/2024/05/breakwater-opens-after-four-years/";
const POST_ARTICLE = "articles/2024/06/ferry-timetable/";

describe("an imported web page and WordPress post in Chromium", () => {
  let page: Page;
  let watch: PageWatch;

  const served = serveBuiltSite(async () => {
    const root = makeFixtureSite();
    const input = mkdtempSync(path.join(tmpdir(), "import-input-"));
    writeFileSync(path.join(input, "breakwater.html"), SAVED_PAGE);
    mkdirSync(path.join(input, "breakwater_files"));
    writeFileSync(path.join(input, "breakwater_files", "wall.jpg"), await photo(1200, 800));
    writeFileSync(path.join(input, "export.xml"), EXPORT);
    mkdirSync(path.join(input, "uploads", "2024", "06"), { recursive: true });
    writeFileSync(path.join(input, "uploads", "2024", "06", "ferry.jpg"), await photo(800, 600));
    const summary = runImport({ root, inputs: [input], today: "2024-12-01" });
    expect(summary.counts, JSON.stringify(summary.outcomes)).toMatchObject({
      imported: 2,
      failed: 0,
    });
    return { root, headers: true };
  });

  async function open(url: string): Promise<void> {
    page = await served.browser.newPage();
    watch = watchPage(page, new URL(served.url).origin);
    await page.goto(new URL(url, served.url).href);
    for (const img of await page.locator("figure img").all()) {
      await img.scrollIntoViewIfNeeded();
      await img.evaluate((el: HTMLImageElement) =>
        el.complete ? undefined : new Promise((resolve) => (el.onload = resolve)),
      );
    }
  }

  afterEach(async () => {
    expectQuietPage(watch);
    await page.close();
  });

  it("shows a saved page's article with its photo, caption, credit and original address", async () => {
    await open(PAGE_ARTICLE);
    await expect(page.locator("h1").textContent()).resolves.toBe(
      "Breakwater opens after four years",
    );
    const body = await page.locator(".body").innerText();
    expect(body).toContain(PARAGRAPHS[0]);
    expect(body).toContain(PARAGRAPHS[2]);
    for (const boilerplate of ["Sport", "Share", "Related", "Another story", "©"])
      expect(body).not.toContain(boilerplate);
    const figure = page.locator("figure").first();
    await expect(figure.locator("img").getAttribute("alt")).resolves.toBe(
      "The new breakwater at low tide",
    );
    expect(
      await figure.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBeGreaterThan(0);
    const caption = (await figure.locator("figcaption").textContent()) ?? "";
    expect(caption).toContain("The new breakwater at low tide.");
    expect(caption).toContain("Ben Example");
    await expect(page.locator(".byline").innerText()).resolves.toContain("Ann Example");
    await expect(page.locator(".original a").getAttribute("href")).resolves.toBe(
      "https://gazette.example.com/2024/05/breakwater-opens",
    );
    expect(await axeViolations(page)).toEqual([]);
  });

  it("shows a WordPress post with its captioned photo, byline, dek and topic", async () => {
    await open(POST_ARTICLE);
    await expect(page.locator("h1").textContent()).resolves.toBe(
      "Ferry timetable changes for summer",
    );
    await expect(page.locator(".dek").innerText()).resolves.toBe(
      "Two more crossings a day from July.",
    );
    await expect(page.locator(".byline").innerText()).resolves.toContain("Cora Example");
    const body = await page.locator(".body").innerText();
    expect(body).toContain("two crossings a day from the first of July");
    expect(body).not.toContain("[caption");
    const figure = page.locator("figure").first();
    await expect(figure.locator("img").getAttribute("alt")).resolves.toBe(
      "The morning ferry at the quay",
    );
    expect(
      await figure.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBeGreaterThan(0);
    const caption = (await figure.locator("figcaption").textContent()) ?? "";
    expect(caption).toContain("The morning ferry leaves the quay.");
    expect(caption).toContain("Dan Example");
    await expect(page.locator(".article-terms").innerText()).resolves.toContain("Transport");
    expect(await axeViolations(page)).toEqual([]);
  });
});
