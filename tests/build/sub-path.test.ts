import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runBuild } from "../helpers/run-build.ts";
import { copyPublishingFixture } from "../fixtures/publishing-site.ts";
import {
  findBrokenLinks,
  listFiles,
  parseXml,
  readPage,
  type XmlNode,
} from "../helpers/site-files.ts";

/** Builds the fixture archive with `env` into a new folder and returns it. */
function build(env: NodeJS.ProcessEnv): string {
  const site = path.join(mkdtempSync(path.join(tmpdir(), "archive-host-")), "_site");
  const run = runBuild(copyPublishingFixture(), site, env);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return site;
}

/** What a build wrote, less the search index chunks and service worker that differ by build. */
function pagesAndAssets(site: string): string[] {
  return listFiles(site).filter((file) => !file.startsWith("pagefind/") && file !== "sw.js");
}

describe("one archive built for a domain's root and for a sub-path", () => {
  let root: string;
  let sub: string;

  beforeAll(() => {
    root = build({ PATH_PREFIX: "", SITE_URL: "" });
    sub = build({ PATH_PREFIX: "/news/", SITE_URL: "https://mirror.example.net" });
  });

  it("leaves no broken link, asset, photo or feed URL in the root build", () => {
    expect(findBrokenLinks(root, "/", "https://news.example.org")).toEqual([]);
  });

  it("leaves no broken link, asset, photo or feed URL, and none outside /news/, in the sub-path build", () => {
    expect(findBrokenLinks(sub, "/news/", "https://mirror.example.net")).toEqual([]);
  });

  it("writes the same files for both", () => {
    expect(pagesAndAssets(sub)).toEqual(pagesAndAssets(root));
  });

  it("takes the site's address from SITE_URL and the prefix for canonical links, feeds, sitemap and robots.txt", () => {
    const base = "https://mirror.example.net/news/";
    expect(
      readPage(sub, "index.html").querySelector('link[rel="canonical"]')?.getAttribute("href"),
    ).toBe(base);
    const feed = parseXml(readFileSync(path.join(sub, "feed.xml"), "utf8")).feed as XmlNode;
    expect((feed.link as XmlNode[]).find((link) => link["@rel"] === "self")?.["@href"]).toBe(
      `${base}feed.xml`,
    );
    expect(JSON.parse(readFileSync(path.join(sub, "feed.json"), "utf8")).feed_url).toBe(
      `${base}feed.json`,
    );
    const urlset = parseXml(readFileSync(path.join(sub, "sitemap.xml"), "utf8")).urlset as XmlNode;
    expect((urlset.url as XmlNode[])[0]!.loc).toBe(base);
    expect(readFileSync(path.join(sub, "robots.txt"), "utf8")).toContain(
      `Sitemap: ${base}sitemap.xml`,
    );
  });

  it("points the search page at the prefixed Pagefind bundle and result URLs", () => {
    const search = readPage(sub, "search/index.html").querySelector("#search")!;
    expect(search.getAttribute("data-bundle-path")).toBe("/news/pagefind/");
    expect(search.getAttribute("data-base-url")).toBe("/news/");
  });
});
