import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { buildArchive, type Archive } from "../../src/collections/archive.ts";
import type { Article } from "../../src/content/article.ts";
import { loadArchive } from "../../src/collections/load-archive.ts";
import { newsArticleJsonLd, serializeJsonLd } from "../../src/seo/json-ld.ts";
import { articleSocial, socialMetaTags, type MetaTag } from "../../src/seo/open-graph.ts";
import {
  renderRobotsTxt,
  SITEMAP_URL_LIMIT,
  sitemapEntries,
  sitemapParts,
} from "../../src/seo/sitemap.ts";
import { PUBLISHING_FIXTURE as FIXTURE } from "../fixtures/publishing-site.ts";
import { processArchiveImages } from "../../src/images/process-images.ts";
import { createContext } from "../../src/templates/context.ts";
import { leadImagePath } from "../../src/templates/lead-image.ts";

/** The fixture archive; `env` stands in for SITE_URL and PATH_PREFIX. Photos are not processed. */
function fixtureArchive(env: NodeJS.ProcessEnv = {}): Archive {
  return loadArchive(FIXTURE, env);
}

/** The fixture archive as templates see it, with its photos processed. */
async function fixtureArchiveWithPhotos(env: NodeJS.ProcessEnv = {}): Promise<Archive> {
  const archive = loadArchive(FIXTURE, env);
  const outputDir = mkdtempSync(path.join(tmpdir(), "seo-unit-"));
  await processArchiveImages(archive, { root: FIXTURE, outputDir, cacheDir: outputDir });
  return archive;
}

function byTitle(archive: Archive, title: string): Article {
  const article = archive.articles.find((a) => a.title === title);
  if (!article) throw new Error(`no article "${title}" in the fixture`);
  return article;
}

const SUMMIT = "Allies meet in Brussels";
const TALKS = 'Talks "resume" & </script><b>tensions</b> ease';

function tags(list: MetaTag[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const tag of list) (out[tag.key] ??= []).push(tag.content);
  return out;
}

describe("Open Graph and Twitter card tags", () => {
  const page = {
    siteName: "Publishing Fixture",
    title: SUMMIT,
    description: "Ministers agree on a new support package.",
    url: "https://news.example.org/news/articles/2024/11/summit/",
  };

  it("describe an article with its lead photo as an absolute URL under the path prefix", async () => {
    const archive = await fixtureArchiveWithPhotos({ PATH_PREFIX: "/news/" });
    const summit = byTitle(archive, SUMMIT);
    const social = articleSocial(summit, createContext(archive.site));
    const meta = tags(socialMetaTags(page, social));
    const photo = `https://news.example.org/news${leadImagePath(summit)}`;
    expect(meta["og:type"]).toEqual(["article"]);
    expect(meta["og:image"]).toEqual([photo]);
    expect(meta["og:image:alt"]).toEqual(["Ministers around a table"]);
    expect(meta["twitter:card"]).toEqual(["summary_large_image"]);
    expect(meta["twitter:image"]).toEqual([photo]);
    expect(meta["article:published_time"]).toEqual(["2024-11-13T09:00:00+00:00"]);
    expect(meta["article:modified_time"]).toEqual(["2024-11-14T07:30:00+00:00"]);
    expect(meta["article:tag"]).toEqual(["NATO"]);
  });

  it("give Open Graph tags as property and Twitter tags as name", () => {
    const list = socialMetaTags(page);
    expect(
      list.filter((t) => t.key.startsWith("og:")).every((t) => t.attribute === "property"),
    ).toBe(true);
    expect(
      list.filter((t) => t.key.startsWith("twitter:")).every((t) => t.attribute === "name"),
    ).toBe(true);
  });

  it("make a small summary card, without an image, for a page without a photo", () => {
    const meta = tags(socialMetaTags(page));
    expect(meta["og:type"]).toEqual(["website"]);
    expect(meta["og:url"]).toEqual([page.url]);
    expect(meta["og:site_name"]).toEqual(["Publishing Fixture"]);
    expect(meta["twitter:card"]).toEqual(["summary"]);
    expect(meta["og:image"]).toBeUndefined();
    expect(meta["twitter:image"]).toBeUndefined();
  });
});

describe("NewsArticle JSON-LD", () => {
  let archive: Archive;
  let ctx: ReturnType<typeof createContext>;
  let summit: ReturnType<typeof newsArticleJsonLd>;

  beforeAll(async () => {
    archive = await fixtureArchiveWithPhotos();
    ctx = createContext(archive.site);
    summit = newsArticleJsonLd(byTitle(archive, SUMMIT), ctx);
  });

  it("gives the headline, an id at the canonical URL and dates in the site's time zone, with its offset", () => {
    expect(summit).toMatchObject({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      "@id": "https://news.example.org/articles/2024/11/summit/#article",
      headline: SUMMIT,
      datePublished: "2024-11-13T09:00:00+00:00",
      dateModified: "2024-11-14T07:30:00+00:00",
    });
  });

  it("leaves out what the page's canonical link and meta description already say", () => {
    const json = JSON.parse(serializeJsonLd(summit));
    for (const repeated of ["url", "mainEntityOfPage", "description"]) {
      expect(json, repeated).not.toHaveProperty(repeated);
    }
  });

  it("names a byline as a Person and the archive as publisher", () => {
    expect(summit.author).toEqual({ "@type": "Person", name: "Jane Doe" });
    expect(summit.publisher).toEqual({ "@type": "Organization", name: "Publishing Fixture" });
  });

  it("names a byline that is the source's name as an Organization", () => {
    const talks = newsArticleJsonLd(byTitle(archive, TALKS), ctx);
    expect(talks.author).toEqual({ "@type": "Organization", name: "Wire Agency" });
  });

  it("leaves out the author when the article names neither byline nor source", () => {
    const tariffs = newsArticleJsonLd(byTitle(archive, "Tariff plan is shelved"), ctx);
    expect(tariffs.author).toBeUndefined();
    expect(JSON.parse(serializeJsonLd(tariffs))).not.toHaveProperty("author");
  });

  it("gives the dateline as text and as the place the story was filed from", () => {
    expect(summit.dateline).toBe("Brussels");
    expect(summit.locationCreated).toEqual({ "@type": "Place", name: "Brussels" });
    expect(summit.contentLocation).toEqual([
      { "@type": "Place", name: "Brussels", url: "https://news.example.org/places/brussels/" },
    ]);
  });

  it("describes the lead photo as an ImageObject with caption and credit", () => {
    expect(summit.image).toEqual({
      "@type": "ImageObject",
      url: `https://news.example.org${leadImagePath(byTitle(archive, SUMMIT))}`,
      caption: "Foreign ministers at NATO headquarters, 13 November 2024.",
      creditText: "EPA",
    });
  });

  it("is about the article's people, as Person, and topics, as Thing, each with its page", () => {
    expect(summit.about).toEqual([
      { "@type": "Person", name: "Mark Rutte", url: "https://news.example.org/people/mark-rutte/" },
      { "@type": "Thing", name: "NATO", url: "https://news.example.org/topics/nato/" },
    ]);
  });

  it("is serialized without a single < so that no headline can close its script element", () => {
    const json = serializeJsonLd(newsArticleJsonLd(byTitle(archive, TALKS), ctx));
    expect(json).not.toMatch(/[<>]/);
    expect(json).toContain("\\u003c/script\\u003e");
    expect(JSON.parse(json).headline).toBe(TALKS);
  });
});

describe("the sitemap", () => {
  it("lists every article with its last change as lastmod", () => {
    const entries = sitemapEntries(fixtureArchive());
    expect(entries).toContainEqual({
      loc: "https://news.example.org/articles/2024/11/summit/",
      lastmod: "2024-11-14T07:30:00Z",
    });
    expect(entries).toContainEqual({
      loc: "https://news.example.org/articles/2023/05/old/",
      lastmod: "2023-05-03T23:00:00Z",
    });
  });

  it("dates a list page by the newest change among its articles", () => {
    const entries = sitemapEntries(fixtureArchive());
    const lastmod = (loc: string) => entries.find((entry) => entry.loc === loc)?.lastmod;
    expect(lastmod("https://news.example.org/")).toBe("2024-11-14T07:30:00Z");
    expect(lastmod("https://news.example.org/topics/trade/")).toBe("2024-11-06T00:00:00Z");
    expect(lastmod("https://news.example.org/archive/2024/10/")).toBe("2024-10-19T23:00:00Z");
    expect(lastmod("https://news.example.org/archive/2023/")).toBe("2023-05-03T23:00:00Z");
  });

  it("leaves out later pages of lists, the search page and the not-found page", () => {
    const locs = sitemapEntries(fixtureArchive()).map((entry) => entry.loc);
    expect(locs.some((loc) => loc.includes("/page/"))).toBe(false);
    expect(locs.some((loc) => /search|404/.test(loc))).toBe(false);
  });

  it("puts every URL under the path prefix", () => {
    const locs = sitemapEntries(fixtureArchive({ PATH_PREFIX: "/news/" })).map((e) => e.loc);
    expect(locs.every((loc) => loc.startsWith("https://news.example.org/news/"))).toBe(true);
  });

  it(`splits into files of ${SITEMAP_URL_LIMIT} URLs when the archive outgrows one`, () => {
    const base = fixtureArchive();
    const template = byTitle(base, "Tariff plan is shelved");
    const start = DateTime.fromISO("2000-01-01T00:00:00Z");
    const many = Array.from({ length: SITEMAP_URL_LIMIT }, (_, i) => ({
      ...template,
      url: `/articles/x/${i}/`,
      topics: [],
      date: start.plus({ minutes: i }),
    }));
    const archive = buildArchive(many, base.site);
    const parts = sitemapParts(archive);
    expect(parts.map((part) => part.length)).toEqual([
      SITEMAP_URL_LIMIT,
      sitemapEntries(archive).length - SITEMAP_URL_LIMIT,
    ]);
    expect(sitemapParts(base)).toHaveLength(1);
    // 50,000 articles make a model of the size of a large archive: seconds on a busy machine.
  }, 30_000);
});

describe("robots.txt", () => {
  it("allows everything and names the sitemap by its absolute URL", () => {
    expect(renderRobotsTxt("https://news.example.org/news/sitemap.xml")).toBe(
      "User-agent: *\nDisallow:\n\nSitemap: https://news.example.org/news/sitemap.xml\n",
    );
  });
});
