import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { autop } from "../../src/import/wordpress/autop.ts";
import { splitCredit } from "../../src/import/wordpress/body.ts";
import { embedBareUrls, expandShortcodes } from "../../src/import/wordpress/shortcodes.ts";
import { photoType } from "../../src/import/photos.ts";
import { uploadPathsFromUrl, UploadsFolder } from "../../src/import/wordpress/uploads.ts";
import { looksLikeWordpressExport, parseWordpressExport } from "../../src/import/wordpress/wxr.ts";

const FIXTURE = path.resolve("tests/fixtures/import/wordpress/export.xml");
const text = readFileSync(FIXTURE, "utf8");

function parseFixture() {
  return parseWordpressExport(text, "export.xml", { path: FIXTURE });
}

function storyTitled(title: string) {
  const story = parseFixture().stories.find((s) => s.title === title);
  if (!story) throw new Error(`no story titled ${title}`);
  return story;
}

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** The fixture in a folder of its own, with an `uploads/` folder holding `files`. */
function exportWithUploads(files: Record<string, Uint8Array | string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "wxr-"));
  temporary.push(dir);
  const exportPath = path.join(dir, "export.xml");
  writeFileSync(exportPath, text);
  for (const [name, bytes] of Object.entries(files)) {
    const file = path.join(dir, "uploads", name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  return exportPath;
}

describe("WordPress export detection", () => {
  it("recognises an RSS document with the export namespace, over http or https", () => {
    expect(looksLikeWordpressExport(text)).toBe(true);
    expect(
      looksLikeWordpressExport(
        '<rss version="2.0" xmlns:wp="https://wordpress.org/export/1.2/"><channel>',
      ),
    ).toBe(true);
  });

  it("does not take a plain RSS feed or another XML file for one", () => {
    expect(
      looksLikeWordpressExport('<rss version="2.0"><channel><item></item></channel></rss>'),
    ).toBe(false);
    expect(looksLikeWordpressExport('<REUTERS NEWID="1">')).toBe(false);
  });
});

describe("WordPress export", () => {
  it("accounts for every item: stories, skipped items and problems", () => {
    const { stories, skipped, problems } = parseFixture();
    const items = text.match(/^<item>/gm)!.length;
    expect(stories.length + skipped.length + problems.length).toBe(items);
    expect(stories.map((s) => s.title)).toEqual([
      "Ferry service resumes & crowds return",
      "Council approves new quay",
    ]);
  });

  it("skips what is not a published post, with the reason and the line of its <item>", () => {
    const reasons = Object.fromEntries(
      parseFixture().skipped.map((s) => [s.title, [s.line, s.reason]]),
    );
    expect(reasons).toMatchObject({
      "Harbour at dawn": [92, "an attachment (a media library entry)."],
      "Tide tables for June": [178, "a draft: not published."],
      "Regatta preview": [189, "scheduled: not published yet."],
      Letters: [197, "pending review: not published."],
      "Staff notes": [203, "private: not published."],
      "Old poll": [209, "in the trash: not published."],
      "Members only": [215, "password-protected: its text is not public."],
      "About us": [225, "a page, not a post."],
      Home: [231, "a menu item."],
      Footer: [237, "a reusable block (pattern), not a post."],
      "Nothing to say": [258, "empty: the post has no text and no photos."],
    });
  });

  it("reports a post without a title, naming it, rather than inventing one", () => {
    expect(parseFixture().problems[0]).toEqual({
      file: "export.xml",
      line: 244,
      message: expect.stringMatching(/^post 112 has no title: give it one in WordPress/),
    });
  });

  it("reports a malformed item at its line and still reads the items after it", () => {
    const { problems, skipped } = parseFixture();
    expect(problems[1]).toMatchObject({ file: "export.xml", line: 256 });
    expect(problems[1]!.message).toContain("not well-formed XML");
    expect(skipped.some((s) => s.title === "Nothing to say")).toBe(true);
  });

  it("reads title, dates, author, permalink, slug, excerpt and site", () => {
    expect(storyTitled("Ferry service resumes & crowds return")).toMatchObject({
      sourceId: "wordpress:https://gazette.example/2024/05/ferry-service-resumes/",
      file: "export.xml",
      line: 31,
      date: "2024-05-14T08:30:00+00:00",
      dateSource: "metadata",
      dateLine: 68,
      updated: "2024-05-15T07:00:00+00:00",
      byline: "Mary Brown",
      source: "The Harbour Gazette",
      canonical: "https://gazette.example/2024/05/ferry-service-resumes/",
      slug: "ferry-service-resumes",
      dek: "The island ferry is back, after two months.",
    });
  });

  it("takes the day alone when the GMT date is 0000-00-00: the site's offset is unknown", () => {
    const story = storyTitled("Council approves new quay");
    expect(story.date).toBe("2024-05-20");
    expect(story.updated).toBeUndefined();
  });

  it("makes categories and tags topics of the site's vocabulary, without Uncategorized or post formats", () => {
    const { topics } = storyTitled("Ferry service resumes & crowds return").terms;
    expect(topics).toEqual([
      { name: "Local News", addition: { id: "local-news", name: "Local News", aliases: [] } },
      { name: "Ferries", addition: { id: "ferries", name: "Ferries", aliases: [] } },
      { name: "Été", addition: { id: "ete", name: "Été", aliases: [] } },
    ]);
    // A tag named like a category is the same topic.
    expect(storyTitled("Council approves new quay").terms.topics.map((t) => t.name)).toEqual([
      "Local News",
    ]);
  });

  it("makes paragraphs and line breaks of a classic post, and keeps <pre> as it is", () => {
    const { markdown } = storyTitled("Ferry service resumes & crowds return");
    expect(markdown).toMatch(
      /^The ferry to the island ran again on Tuesday – the first crossing since March\.\n\n/,
    );
    expect(markdown).toContain("Passengers queued from dawn.  \nSome had waited for weeks.");
    expect(markdown).toContain(
      "```\nkeep\n  this   spacing\nhttps://example.com/not-an-embed\n```",
    );
  });

  it("turns embeds into links, removes players, scripts and shortcodes, keeps bracketed text", () => {
    const { markdown } = storyTitled("Ferry service resumes & crowds return");
    expect(markdown).toContain(
      "Video: [https://www.youtube.com/watch?v=abcdefghijk](https://www.youtube.com/watch?v=abcdefghijk)",
    );
    expect(markdown).toContain("Video: [https://vimeo.com/123456](https://vimeo.com/123456)");
    expect(markdown).toContain("final \\[sic\\] until June");
    expect(markdown).toContain("Fares are unchanged.");
    expect(markdown).not.toMatch(/alert|gallery|contact-form|highlight|caption|<iframe|<img/);
    const quay = storyTitled("Council approves new quay").markdown!;
    expect(quay).toContain("Post on X (Twitter): [https://twitter.com/gazette/status/1]");
    expect(quay).toContain("| Against | 2   |");
    expect(quay).toContain("How they voted");
    expect(quay).not.toMatch(/wp:|<video|quay\.mp4/);
  });

  it("makes [caption]s and image blocks figures, with the credit apart and the alt text of the media library", () => {
    expect(storyTitled("Ferry service resumes & crowds return").images).toEqual([
      {
        caption: "The first ferry leaves the harbour.",
        credit: "Jane Roe",
        alt: "A ferry leaving the harbour wall",
      },
    ]);
    expect(storyTitled("Council approves new quay").images).toEqual([
      {
        caption: "The old quay in May",
        credit: "Tom Lee",
        alt: "A ferry leaving the harbour wall",
      },
    ]);
  });

  it("counts what it left out or changed", () => {
    expect(parseFixture().tallies).toEqual({
      "embeds kept as links": 3,
      "shortcode [gallery] removed": 1,
      "shortcode [contact-form] removed": 1,
      "shortcode [highlight] removed": 1,
      "photos without caption, left out": 2,
      "photos only on the web, kept as caption-only figures": 2,
      "reader comments left out": 1,
      "video player removed": 1,
    });
  });

  it("takes photo files from an uploads folder beside the export, when they are photos", () => {
    const exportPath = exportWithUploads({
      "2024/05/harbour.jpg": JPEG,
      "2024/05/pier.png": PNG,
      "2024/05/queue.jpg": "not a photo",
    });
    const result = parseWordpressExport(text, "export.xml", { path: exportPath });
    const ferry = result.stories[0]!;
    const uploads = path.join(path.dirname(exportPath), "uploads");
    expect(ferry.images).toEqual([
      // The featured image has no caption, but its file is there: it leads.
      { caption: "", file: path.join(uploads, "2024/05/pier.png") },
      {
        caption: "The first ferry leaves the harbour.",
        credit: "Jane Roe",
        alt: "A ferry leaving the harbour wall",
        file: path.join(uploads, "2024/05/harbour.jpg"),
      },
    ]);
    expect(result.tallies).toMatchObject({ "photos without caption, left out": 1 });
    expect(result.tallies!["photos only on the web, kept as caption-only figures"]).toBeUndefined();
  });

  it("reports a file that is not a WordPress export, and a cut-off one at the line where it breaks", () => {
    expect(
      parseWordpressExport("<rss><channel></channel></rss>", "feed.xml", { path: "feed.xml" })
        .problems,
    ).toEqual([
      { file: "feed.xml", message: expect.stringContaining("is not a WordPress export") },
    ]);
    const cut = text.slice(0, text.indexOf("<wp:post_id>102"));
    const result = parseWordpressExport(cut, "cut.xml", { path: "cut.xml" });
    expect(result.stories).toHaveLength(1);
    expect(result.problems).toEqual([
      { file: "cut.xml", line: 166, message: expect.stringContaining("the export is incomplete") },
      { file: "cut.xml", line: 134, message: expect.stringContaining("not closed") },
    ]);
    // Cut inside the CDATA section of the block-editor post, which starts on line 139.
    const broken = text.slice(0, text.indexOf("<!-- /wp:video -->"));
    expect(parseWordpressExport(broken, "cut.xml", { path: "cut.xml" }).problems[0]).toEqual({
      file: "cut.xml",
      line: 139,
      message: expect.stringContaining("never ends"),
    });
  });
});

describe("WordPress content", () => {
  it("autop: blank lines make paragraphs, single newlines line breaks, block elements stay", () => {
    expect(autop("One\ntwo\n\nThree")).toBe("<p>One<br />\ntwo</p>\n<p>Three</p>\n");
    expect(autop("<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n\nText")).toBe(
      "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<p>Text</p>\n",
    );
    expect(autop("<pre>a\n\nb</pre>")).toBe("<pre>a\n\nb</pre>\n");
  });

  it("expands [caption] into a figure and keeps escaped shortcodes as text", () => {
    const tally = () => {};
    expect(
      expandShortcodes(
        '[caption id="attachment_7" width="300"]<img src="a.jpg" alt="A"> The quay[/caption]',
        tally,
      ),
    ).toBe(
      '<figure data-wp-attachment="7"><img src="a.jpg" alt="A"><figcaption>The quay</figcaption></figure>',
    );
    expect(
      expandShortcodes('[caption caption="Old style"]<img src="a.jpg">[/caption]', tally),
    ).toContain("<figcaption>Old style</figcaption>");
    expect(expandShortcodes("Write [[gallery]] to show a gallery.", tally)).toBe(
      "Write [gallery] to show a gallery.",
    );
  });

  it("links embeds written as shortcodes or bare addresses, with the provider", () => {
    const counts: Record<string, number> = {};
    const tally = (key: string) => void (counts[key] = (counts[key] ?? 0) + 1);
    expect(expandShortcodes("[embed]https://youtu.be/abc123def45[/embed]", tally)).toBe(
      '<p>Video: <a href="https://youtu.be/abc123def45">https://youtu.be/abc123def45</a></p>',
    );
    expect(expandShortcodes("[vimeo 42]", tally)).toContain('href="https://vimeo.com/42"');
    expect(embedBareUrls("See this:\nhttps://soundcloud.com/a/b\nThanks", tally)).toContain(
      'Audio: <a href="https://soundcloud.com/a/b">',
    );
    expect(embedBareUrls("Read https://example.com today", tally)).toBe(
      "Read https://example.com today",
    );
    expect(counts).toEqual({ "embeds kept as links": 3 });
  });

  it("splits a credit off the end of a caption, but never leaves a caption empty", () => {
    expect(splitCredit("Boats at dawn. Photo: Jane Roe")).toEqual({
      caption: "Boats at dawn.",
      credit: "Jane Roe",
    });
    expect(splitCredit("The pier (Photo by AP)")).toEqual({ caption: "The pier", credit: "AP" });
    expect(splitCredit("Harbour lights © Reuters")).toEqual({
      caption: "Harbour lights",
      credit: "Reuters",
    });
    expect(splitCredit("Photo: Jane Roe")).toEqual({ caption: "Photo: Jane Roe" });
    expect(splitCredit("Image Alignment 580x300")).toEqual({ caption: "Image Alignment 580x300" });
  });
});

describe("WordPress uploads", () => {
  it("knows photos by their first bytes", () => {
    expect(photoType(JPEG)).toBe("jpeg");
    expect(photoType(PNG)).toBe("png");
    expect(photoType(new TextEncoder().encode("GIF89a......"))).toBe("gif");
    expect(photoType(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))).toBe("webp");
    expect(
      photoType(
        Uint8Array.from([0, 0, 0, 0x1c, ...new TextEncoder().encode("ftypavif\0\0\0\0mif1")]),
      ),
    ).toBe("avif");
    expect(photoType(new TextEncoder().encode("<html>"))).toBeUndefined();
  });

  it("finds the path under uploads from an address, and the original of a resized photo", () => {
    expect(
      uploadPathsFromUrl("https://x.example/wp-content/uploads/2013/09/a-300x200.jpg?w=604"),
    ).toEqual(["2013/09/a-300x200.jpg", "2013/09/a.jpg"]);
    expect(uploadPathsFromUrl("https://site.files.wordpress.com/2008/06/b.jpg")).toEqual([
      "2008/06/b.jpg",
    ]);
    expect(uploadPathsFromUrl("https://x.example/images/c.jpg")).toEqual([]);
  });

  it("looks only inside the uploads folder", () => {
    const exportPath = exportWithUploads({ "inside.jpg": JPEG });
    const dir = path.dirname(exportPath);
    writeFileSync(path.join(dir, "outside.jpg"), JPEG);
    symlinkSync(path.join(dir, "outside.jpg"), path.join(dir, "uploads", "link.jpg"));
    const uploads = UploadsFolder.beside(exportPath)!;
    expect(uploads.find(["inside.jpg"])).toBe(path.join(dir, "uploads", "inside.jpg"));
    expect(uploads.find(["../outside.jpg"])).toBeUndefined();
    expect(uploads.find([path.join(dir, "outside.jpg")])).toBeUndefined();
    expect(uploads.find(["link.jpg"])).toBeUndefined();
    expect(
      UploadsFolder.beside(path.join(tmpdir(), "no-such-folder", "export.xml")),
    ).toBeUndefined();
  });
});
