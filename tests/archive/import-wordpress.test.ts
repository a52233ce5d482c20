import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ParsedInput } from "../../src/import/types.ts";
import { looksLikeWordpressExport, parseWordpressExport } from "../../src/import/wordpress/wxr.ts";

const CORPUS = process.env.WORDPRESS_DIR ?? path.resolve("../shared/corpora/wordpress");
const THEME_TEST = "themeunittestdata.wordpress.xml";
const BLOCK_TEST = "64-block-test-data.xml";

function exportText(name: string): string {
  const file = path.join(CORPUS, name);
  if (!existsSync(file)) {
    throw new Error(
      `The WordPress exports are not in ${CORPUS}: put ${THEME_TEST} and ${BLOCK_TEST} (WordPress's theme test data) there, or set WORDPRESS_DIR to the folder that holds them.`,
    );
  }
  return readFileSync(file, "utf8");
}

/** Counts taken straight from the XML, independently of the importer. */
function countItems(text: string): { items: number; byType: Record<string, number> } {
  const byType: Record<string, number> = {};
  for (const m of text.matchAll(/<wp:post_type>(?:<!\[CDATA\[)?([\w-]+)/g)) {
    byType[m[1]!] = (byType[m[1]!] ?? 0) + 1;
  }
  return { items: text.match(/<item>/g)?.length ?? 0, byType };
}

function reasons(result: ParsedInput): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { reason } of result.skipped) counts[reason] = (counts[reason] ?? 0) + 1;
  return counts;
}

/** A body without its code spans, code blocks and link targets and titles: text that is shown as such. */
function prose(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, "")
    .replace(/`[^`\n]*`/g, "")
    .replace(/\]\((?:[^()"]|"[^"]*")*\)/g, "]");
}

/** Raw HTML left in a body, outside code and links. */
function rawHtml(markdown: string): string[] {
  return [...prose(markdown).matchAll(/(?<!\\)<\/?[a-z][a-z0-9-]*(?:\s[^>]*)?>/gi)].map(
    (m) => m[0],
  );
}

describe("WordPress's theme unit test export", () => {
  let text: string;
  let result: ParsedInput;

  beforeAll(() => {
    text = exportText(THEME_TEST);
    const file = path.join(CORPUS, THEME_TEST);
    result = parseWordpressExport(text, file, { path: file });
  });

  it("is detected as a WordPress export", () => {
    expect(looksLikeWordpressExport(text)).toBe(true);
  });

  it("accounts for every item", () => {
    const { items, byType } = countItems(text);
    expect(items).toBe(186);
    expect(byType).toEqual({ post: 58, page: 21, attachment: 37, nav_menu_item: 70 });
    expect(result.stories.length + result.skipped.length + result.problems.length).toBe(items);
  });

  it("imports the published posts and says why each other item is left out", () => {
    expect(result.stories).toHaveLength(52);
    expect(reasons(result)).toEqual({
      "a page, not a post.": 21,
      "an attachment (a media library entry).": 37,
      "a menu item.": 70,
      "scheduled: not published yet.": 1,
      "a draft: not published.": 1,
      "password-protected: its text is not public.": 1,
      "empty: the post has no text and no photos.": 2,
    });
    expect(result.problems).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^post 1169 has no title/) }),
    ]);
  });

  it("gives every story a title, a UTC date from the export's metadata, an author and a permalink", () => {
    for (const story of result.stories) {
      expect(story.title.trim()).not.toBe("");
      expect(story.title).not.toMatch(/<|&[a-z#0-9]+;/i);
      expect(story.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
      expect(story.dateSource).toBe("metadata");
      expect(story.byline).toMatch(/^Theme (Buster|Reviewer)$/);
      expect(story.canonical).toMatch(/^https:\/\/wpthemetestdata\.wordpress\.com\//);
      expect(story.sourceId).toBe(`wordpress:${story.canonical}`);
    }
    const titles = result.stories.map((s) => s.title);
    expect(titles).toContain("Markup: Title With Markup");
    expect(titles).toContain(
      "Markup: Title With Special Characters ~`!@#$%^&*()-_=+{}[]/\\;:'\"?,.>",
    );
  });

  it("leaves no raw HTML, script, shortcode or block comment in a body", () => {
    for (const story of result.stories) {
      const markdown = story.markdown ?? "";
      expect(rawHtml(markdown), story.title).toEqual([]);
      expect(prose(markdown), story.title).not.toMatch(
        /\[\/?(?:caption|gallery|audio|embed)\b|<!--|<script/i,
      );
    }
  });

  it("makes figures of [caption]s, with the caption and the media library's alt text", () => {
    const captioned = result.stories.find((s) => s.title === "Post Format: Image (Caption)")!;
    expect(captioned.images).toContainEqual({
      caption: "Bell on wharf in San Francisco",
      alt: "Bell on Wharf",
    });
    const alignment = result.stories.find((s) => s.title === "Markup: Image Alignment")!;
    expect(alignment.images.map((image) => image.caption)).toEqual([
      "Look at 580x300 getting some caption love.",
      "Bigger caption than the image usually is.",
      "Comment for massive image for your eyeballs.",
      "This massive image is centered.",
      "Feels good to be right all the time.",
    ]);
    // The export's photos are only on the web: every figure is caption-only.
    expect(
      result.stories.flatMap((s) => s.images).every((image) => !image.file && image.caption),
    ).toBe(true);
    expect(result.tallies!["photos only on the web, kept as caption-only figures"]).toBeGreaterThan(
      30,
    );
  });

  it("turns embeds into links to what they showed", () => {
    const youtube = result.stories.find((s) => s.title === "Post Format: Video (YouTube)")!;
    expect(youtube.markdown).toMatch(
      /^Video: \[https:\/\/www\.youtube\.com\/watch\?v=SQEQr7c0-dw\]/,
    );
    const embeds = result.stories.find((s) => s.title === "Block category: Embeds")!;
    expect(embeds.markdown).toContain(
      "Post on X (Twitter): [https://twitter.com/WordPress/status/1057136472321613824]",
    );
    expect(result.tallies!["shortcode [gallery] removed"]).toBe(12);
  });

  it("makes categories and tags topics, without Uncategorized", () => {
    const many = result.stories.find((s) => s.title === "Edge Case: Many Categories")!;
    expect(many.terms.topics.length).toBeGreaterThan(50);
    for (const story of result.stories) {
      for (const topic of story.terms.topics) {
        expect(topic.name).not.toBe("Uncategorized");
        expect(topic.addition?.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      }
    }
  });
});

describe("WordPress's block editor export", () => {
  let text: string;
  let result: ParsedInput;

  beforeAll(() => {
    text = exportText(BLOCK_TEST);
    const file = path.join(CORPUS, BLOCK_TEST);
    result = parseWordpressExport(text, file, { path: file });
  });

  it("accounts for every item", () => {
    const { items, byType } = countItems(text);
    expect(items).toBe(72);
    expect(byType).toEqual({ post: 61, attachment: 9, page: 1, wp_navigation: 1 });
    expect(result.stories.length + result.skipped.length + result.problems.length).toBe(items);
    expect(result.stories).toHaveLength(60);
    expect(result.problems).toEqual([]);
    expect(reasons(result)).toEqual({
      "an attachment (a media library entry).": 9,
      "a page, not a post.": 1,
      "a navigation menu, not a post.": 1,
      "empty: the post has no text and no photos.": 1,
    });
  });

  it("drops block comments and keeps the blocks' text and structure", () => {
    for (const story of result.stories) {
      const markdown = story.markdown ?? "";
      expect(rawHtml(markdown), story.title).toEqual([]);
      expect(prose(markdown), story.title).not.toMatch(/<!--|wp:[a-z]/);
    }
    const table = result.stories.find((s) => s.title === "Table")!;
    expect(table.markdown).toMatch(/^\| .* \|$/m);
    const list = result.stories.find((s) => s.title === "List")!;
    expect(list.markdown).toMatch(/^## Ordered$/m);
  });

  it("makes figures of image blocks and galleries, and removes players", () => {
    const gallery = result.stories.find((s) => s.title === "Gallery")!;
    expect(gallery.images.length).toBeGreaterThan(0);
    expect(result.tallies!["video player removed"]).toBeGreaterThan(0);
    expect(result.tallies!["audio player removed"]).toBeGreaterThan(0);
  });

  it("decodes entities in titles", () => {
    expect(result.stories.map((s) => s.title)).toContain("Media & Text");
  });
});
