import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { buildArchive, type Archive } from "../../src/collections/archive.ts";
import type { Article } from "../../src/content/article.ts";
import { loadArchive } from "../../src/collections/load-archive.ts";
import { renderAtomFeed } from "../../src/feeds/atom.ts";
import { FEED_ENTRY_LIMIT } from "../../src/feeds/feed.ts";
import { renderJsonFeed, toJsonFeed } from "../../src/feeds/json-feed.ts";
import { archiveFeed, termFeed } from "../../src/feeds/site-feeds.ts";
import { escapeXml } from "../../src/feeds/xml.ts";
import { PUBLISHING_FIXTURE as FIXTURE } from "../fixtures/publishing-site.ts";
import { processArchiveImages } from "../../src/images/process-images.ts";
import { imageMediaType } from "../../src/templates/urls.ts";
import { leadImagePath } from "../../src/templates/lead-image.ts";
import { atomProblems, jsonFeedProblems, parseXml, type XmlNode } from "../helpers/site-files.ts";

const archives = new Map<string, Promise<Archive>>();

/**
 * The fixture archive as templates see it, photos processed; `env` stands in for SITE_URL and
 * PATH_PREFIX. One per `env`: processing the photo once is enough.
 */
function fixtureArchive(env: NodeJS.ProcessEnv = {}): Promise<Archive> {
  const key = JSON.stringify(env);
  let archive = archives.get(key);
  if (!archive) {
    archive = (async () => {
      const loaded = loadArchive(FIXTURE, env);
      const outputDir = mkdtempSync(path.join(tmpdir(), "feeds-unit-"));
      await processArchiveImages(loaded, { root: FIXTURE, outputDir, cacheDir: outputDir });
      return loaded;
    })();
    archives.set(key, archive);
  }
  return archive;
}

/** The absolute URL feeds give an article's lead photo. */
function leadPhotoUrl(archive: Archive, title: string): string {
  const origin = archive.site.url;
  return `${origin}${archive.site.pathPrefix}${leadImagePath(byTitle(archive, title))!.replace(/^\//, "")}`;
}

function byTitle(archive: Archive, title: string): Article {
  const article = archive.articles.find((a) => a.title === title);
  if (!article) throw new Error(`no article "${title}" in the fixture`);
  return article;
}

async function atomEntries(archive: Archive): Promise<XmlNode[]> {
  const feed = parseXml(renderAtomFeed(await archiveFeed(archive, "atom"))).feed as XmlNode;
  return feed.entry as XmlNode[];
}

describe("the archive's Atom feed", () => {
  it("has every element Atom requires, for the feed and each entry", async () => {
    const xml = renderAtomFeed(await archiveFeed(await fixtureArchive(), "atom"));
    expect(atomProblems(xml)).toEqual([]);
  });

  it("carries every entry's summary and its full text", async () => {
    const entries = await atomEntries(await fixtureArchive());
    expect(entries.filter((entry) => !(entry.content as XmlNode | undefined)?.["#text"])).toEqual(
      [],
    );
    expect((entries[0]!.summary as XmlNode)["#text"]).toBe(
      "Ministers agree on a new support package.",
    );
  });

  it("links to itself and to the home page with absolute URLs", async () => {
    const feed = parseXml(renderAtomFeed(await archiveFeed(await fixtureArchive(), "atom")))
      .feed as XmlNode;
    expect(feed.link).toEqual([
      {
        "@rel": "self",
        "@type": "application/atom+xml",
        "@href": "https://news.example.org/feed.xml",
      },
      { "@rel": "alternate", "@type": "text/html", "@href": "https://news.example.org/" },
    ]);
  });

  it("lists the articles newest first", async () => {
    const titles = (await atomEntries(await fixtureArchive())).map((entry) => entry.title);
    expect(titles.map((title) => (title as XmlNode)["#text"])).toEqual([
      "Allies meet in Brussels",
      'Talks "resume" & </script><b>tensions</b> ease',
      "Tariff plan is shelved",
      "An earlier round of talks",
      "A story from last year",
    ]);
  });

  it(`keeps only the newest ${FEED_ENTRY_LIMIT} articles`, async () => {
    const base = await fixtureArchive();
    const template = byTitle(base, "Tariff plan is shelved");
    const many = Array.from({ length: FEED_ENTRY_LIMIT + 10 }, (_, i) => ({
      ...template,
      title: `Story ${i}`,
      url: `/articles/2024/01/story-${i}/`,
      date: DateTime.fromISO("2024-01-01T00:00:00Z").plus({ hours: i }),
    }));
    const feed = await archiveFeed(buildArchive(many, base.site), "atom");
    expect(feed.entries).toHaveLength(FEED_ENTRY_LIMIT);
    expect(feed.entries[0]!.title).toBe(`Story ${FEED_ENTRY_LIMIT + 9}`);
    expect(feed.entries.at(-1)!.title).toBe("Story 10");
  });

  it("is updated when its most recently updated entry was", async () => {
    const feed = parseXml(renderAtomFeed(await archiveFeed(await fixtureArchive(), "atom")))
      .feed as XmlNode;
    // "Allies meet in Brussels" was updated 2024-11-14T08:30+01:00.
    expect(feed.updated).toBe("2024-11-14T07:30:00Z");
  });

  it("gives each entry its publication and update dates in UTC", async () => {
    const [summit] = await atomEntries(await fixtureArchive());
    expect(summit!.published).toBe("2024-11-13T09:00:00Z");
    expect(summit!.updated).toBe("2024-11-14T07:30:00Z");
  });

  it("carries the full article, its figures first, with links and photos made absolute under the path prefix", async () => {
    const archive = await fixtureArchive({ PATH_PREFIX: "/news/" });
    const [summit] = await atomEntries(archive);
    const html = (summit!.content as XmlNode)["#text"] as string;
    expect(html).toMatch(/^<figure class="figure lead">/);
    expect(html).toContain(`src="${leadPhotoUrl(archive, "Allies meet in Brussels")}"`);
    const photoUrls = [...html.matchAll(/(?:src|srcset)="([^"]+)"/g)].flatMap(([, value]) =>
      value!.split(",").map((part) => part.trim().split(/\s+/)[0]!),
    );
    expect(photoUrls.length).toBeGreaterThan(0);
    expect(photoUrls.filter((url) => !url.startsWith("https://news.example.org/news/"))).toEqual(
      [],
    );
    expect(html).toContain("Foreign ministers at NATO headquarters, 13 November 2024.");
    expect(html).toContain("Photo: EPA");
    expect(html).toContain('href="https://news.example.org/news/articles/2024/11/talks/"');
    expect(html).toContain('href="https://news.example.org/news/articles/2024/10/earlier/"');
    expect(html).toContain("Foreign ministers met at NATO headquarters on Wednesday.");
  });

  it("offers the lead photo as an enclosure and as Media RSS with its caption and credit", async () => {
    const archive = await fixtureArchive();
    const [summit] = await atomEntries(archive);
    const photo = leadPhotoUrl(archive, "Allies meet in Brussels");
    const type = imageMediaType(photo);
    expect(type).toMatch(/^image\//);
    expect(summit!.link).toContainEqual({ "@rel": "enclosure", "@type": type, "@href": photo });
    expect(summit!["media:content"]).toEqual({
      "@url": photo,
      "@medium": "image",
      "@type": type,
      "media:description": {
        "#text": "Foreign ministers at NATO headquarters, 13 November 2024.",
        "@type": "plain",
      },
      "media:credit": "EPA",
    });
  });

  it("names the byline as an entry's author, else its source, and no author when there is neither", async () => {
    const entries = await atomEntries(await fixtureArchive());
    const authors = entries.map((entry) =>
      ((entry.author as XmlNode[] | undefined) ?? []).map((author) => author.name),
    );
    expect(authors).toEqual([["Jane Doe"], ["Wire Agency"], [], [], []]);
  });

  it("files each entry under its topics, people and places", async () => {
    const [summit] = await atomEntries(await fixtureArchive());
    expect(summit!.category).toEqual([
      { "@term": "nato", "@label": "NATO", "@scheme": "https://news.example.org/topics/" },
      {
        "@term": "mark-rutte",
        "@label": "Mark Rutte",
        "@scheme": "https://news.example.org/people/",
      },
      { "@term": "brussels", "@label": "Brussels", "@scheme": "https://news.example.org/places/" },
    ]);
  });

  it("stays well-formed when a title or body holds markup or characters XML forbids", async () => {
    const base = await fixtureArchive();
    const talks = byTitle(base, 'Talks "resume" & </script><b>tensions</b> ease');
    const odd = { ...talks, title: `${talks.title}\u0007`, html: "<p>Bell\u0001 rings</p>" };
    const xml = renderAtomFeed(await archiveFeed(buildArchive([odd], base.site), "atom"));
    expect(atomProblems(xml)).toEqual([]);
    const entry = ((parseXml(xml).feed as XmlNode).entry as XmlNode[])[0]!;
    expect((entry.title as XmlNode)["#text"]).toBe(talks.title);
  });

  it("is well-formed, with an epoch update time, when the archive has no articles", async () => {
    const empty = buildArchive([], (await fixtureArchive()).site);
    const xml = renderAtomFeed(await archiveFeed(empty, "atom"));
    expect(atomProblems(xml)).toEqual([]);
    expect((parseXml(xml).feed as XmlNode).updated).toBe("1970-01-01T00:00:00Z");
  });
});

describe("a topic's feed", () => {
  it("lists only the topic's articles and points at the topic's page", async () => {
    const archive = await fixtureArchive();
    const nato = archive.terms.topics.find((term) => term.id === "nato")!;
    const xml = renderAtomFeed(await termFeed(archive.site, nato));
    expect(atomProblems(xml)).toEqual([]);
    const feed = parseXml(xml).feed as XmlNode;
    expect(feed.id).toBe("https://news.example.org/topics/nato/feed.xml");
    expect((feed.title as XmlNode)["#text"]).toBe("NATO · Publishing Fixture");
    expect(feed.link).toContainEqual({
      "@rel": "alternate",
      "@type": "text/html",
      "@href": "https://news.example.org/topics/nato/",
    });
    expect((feed.entry as XmlNode[]).map((e) => (e.title as XmlNode)["#text"])).toEqual([
      "Allies meet in Brussels",
      'Talks "resume" & </script><b>tensions</b> ease',
    ]);
  });

  it("carries each entry's summary, link and lead photo, not its text", async () => {
    const archive = await fixtureArchive();
    const nato = archive.terms.topics.find((term) => term.id === "nato")!;
    const xml = renderAtomFeed(await termFeed(archive.site, nato));
    expect(xml).not.toContain("<content");
    const [summit] = (parseXml(xml).feed as XmlNode).entry as XmlNode[];
    expect(summit!.summary).toEqual({
      "#text": "Ministers agree on a new support package.",
      "@type": "text",
    });
    expect(summit!.link).toContainEqual({
      "@rel": "alternate",
      "@type": "text/html",
      "@href": "https://news.example.org/articles/2024/11/summit/",
    });
    expect((summit!["media:content"] as XmlNode)["@url"]).toBe(
      leadPhotoUrl(archive, "Allies meet in Brussels"),
    );
  });

  it("carries the text of a story that has no dek or paragraph to summarize", async () => {
    const base = await fixtureArchive();
    const talks = byTitle(base, 'Talks "resume" & </script><b>tensions</b> ease');
    const bare = { ...talks, excerpt: "", html: "<ul><li>Only a list</li></ul>" };
    const archive = buildArchive([bare], base.site);
    const nato = archive.terms.topics.find((term) => term.id === "nato")!;
    const xml = renderAtomFeed(await termFeed(archive.site, nato));
    expect(atomProblems(xml)).toEqual([]);
    const [entry] = [(parseXml(xml).feed as XmlNode).entry].flat() as XmlNode[];
    expect(entry!.title).toMatchObject({ "#text": talks.title });
    expect(entry!.summary).toBeUndefined();
    expect((entry!.content as XmlNode)["#text"]).toContain("<li>Only a list</li>");
  });

  it("gives the summary as the text of a JSON Feed item, which needs one", async () => {
    const archive = await fixtureArchive();
    const nato = archive.terms.topics.find((term) => term.id === "nato")!;
    const json = renderJsonFeed(await termFeed(archive.site, nato));
    expect(jsonFeedProblems(json)).toEqual([]);
    const [item] = JSON.parse(json).items;
    expect(item.content_text).toBe("Ministers agree on a new support package.");
    expect(item).not.toHaveProperty("content_html");
  });
});

describe("the archive's JSON Feed", () => {
  it("has version, title and items with id, url, content_html and date_published", async () => {
    expect(
      jsonFeedProblems(renderJsonFeed(await archiveFeed(await fixtureArchive(), "json"))),
    ).toEqual([]);
  });

  it("holds the same entries as the Atom feed, with the lead photo as the item's image", async () => {
    const archive = await fixtureArchive();
    const feed = toJsonFeed(await archiveFeed(archive, "json"));
    expect(feed.feed_url).toBe("https://news.example.org/feed.json");
    expect(feed.home_page_url).toBe("https://news.example.org/");
    expect(feed.items.map((item) => item.title)).toHaveLength(5);
    expect(feed.items[0]).toMatchObject({
      id: "https://news.example.org/articles/2024/11/summit/",
      url: "https://news.example.org/articles/2024/11/summit/",
      summary: "Ministers agree on a new support package.",
      image: leadPhotoUrl(archive, "Allies meet in Brussels"),
      date_published: "2024-11-13T09:00:00Z",
      date_modified: "2024-11-14T07:30:00Z",
      authors: [{ name: "Jane Doe" }],
      tags: ["NATO", "Mark Rutte", "Brussels"],
    });
    expect(feed.items[1]!.image).toBeUndefined();
  });
});

describe("XML escaping", () => {
  it("escapes markup and drops control characters", () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>\u0003`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;",
    );
  });

  it("keeps tabs, line breaks and characters outside the Basic Multilingual Plane", () => {
    expect(escapeXml("a\tb\nc 📰")).toBe("a\tb\nc 📰");
  });
});
