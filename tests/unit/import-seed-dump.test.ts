import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "../../src/content/front-matter.ts";
import { runImport } from "../../src/import/run-import.ts";
import { parseSeedDump, splitCaptionCredit } from "../../src/import/seed-dump.ts";
import { makeFixtureSite } from "../helpers/fixture-site.ts";

const SEED = path.resolve("tests/fixtures/import/seed-dump.txt");
const SAMPLES = path.resolve("content/articles/2024/11");
const NBSP = "\u00a0";

/** Title, body paragraphs, caption and credit of an article file. */
function articleText(file: string) {
  const { data, body } = parseFrontMatter(readFileSync(file, "utf8"), file) as {
    data: { title: string; images?: Array<{ caption?: string; credit?: string }> };
    body: string;
  };
  return {
    title: data.title,
    paragraphs: body.trim().split(/\n\s*\n/),
    caption: data.images?.[0]?.caption,
    credit: data.images?.[0]?.credit,
  };
}

describe("scraped dumps", () => {
  it("splits the dump into its stories at the lines of non-breaking spaces", () => {
    const parsed = parseSeedDump(readFileSync(SEED, "utf8"), "seed.txt");
    expect(parsed.stories.map((story) => [story.title, story.line])).toEqual([
      ["Iranian President: We Must Manage Relationship and Confrontation with the US Ourselves", 1],
      ["Blinken, in Brussels, Pledges to Shore up Ukraine Support Ahead of Trump Transition", 31],
    ]);
  });

  it("reproduces the text of the two sample articles: title, each paragraph, caption and credit", () => {
    const root = makeFixtureSite();
    const summary = runImport({ root, inputs: [SEED], date: "2024-11-12", tag: false });
    expect(summary.counts).toMatchObject({ imported: 2, failed: 0 });
    const written = path.join(root, "content/articles/2024/11");
    expect(readdirSync(written).sort()).toEqual(readdirSync(SAMPLES).sort());
    for (const name of readdirSync(SAMPLES)) {
      const imported = articleText(path.join(written, name));
      const sample = articleText(path.join(SAMPLES, name));
      expect(imported.title).toBe(sample.title);
      expect(imported.paragraphs).toHaveLength(sample.paragraphs.length);
      imported.paragraphs.forEach((paragraph, i) => expect(paragraph).toBe(sample.paragraphs[i]));
      expect(imported.caption).toBe(sample.caption);
      expect(imported.credit).toBe(sample.credit);
    }
  });

  it("drops the repeated title and caption lines and the TT marker", () => {
    const [story] = parseSeedDump(
      [
        "Title",
        "",
        "Caption.",
        "Caption.",
        "TT",
        "",
        "Title",
        "",
        "Caption.",
        "Caption.",
        "",
        "Body.",
      ].join("\n"),
      "seed.txt",
    ).stories;
    expect(story).toMatchObject({
      title: "Title",
      images: [{ caption: "Caption." }],
      paragraphs: ["Body."],
    });
  });

  it("keeps a caption that appears once, just before the TT marker", () => {
    const [story] = parseSeedDump("Title\nA lone caption.\nTT\nBody.", "seed.txt").stories;
    expect(story).toMatchObject({
      images: [{ caption: "A lone caption." }],
      paragraphs: ["Body."],
    });
  });

  it("reads paragraphs on single lines and paragraphs between blank lines alike", () => {
    const single = parseSeedDump("Title\nOne.\nTwo.", "a.txt").stories[0]!;
    const spaced = parseSeedDump("Title\n\nOne.\n\nTwo.\n", "b.txt").stories[0]!;
    expect(single.paragraphs).toEqual(["One.", "Two."]);
    expect(spaced.paragraphs).toEqual(["One.", "Two."]);
  });

  it("takes the date from a caption", () => {
    const [, blinken] = parseSeedDump(readFileSync(SEED, "utf8"), "seed.txt").stories;
    expect(blinken!.date).toBe("2024-11-13");
  });

  it("leaves the date out when the story names only a weekday", () => {
    const [iran] = parseSeedDump(readFileSync(SEED, "utf8"), "seed.txt").stories;
    expect(iran!.date).toBeUndefined();
  });

  it("reports a story with a title but no paragraphs, with its line, and reads the next one", () => {
    const parsed = parseSeedDump(`Lonely title\n${NBSP}\nTitle\nBody.`, "seed.txt");
    expect(parsed.problems).toEqual([
      {
        file: "seed.txt",
        line: 1,
        message:
          'the story "Lonely title" has a title but no paragraphs: add its text, or remove it from the dump.',
      },
    ]);
    expect(parsed.stories.map((story) => story.title)).toEqual(["Title"]);
  });
});

describe("caption credits", () => {
  it("makes a trailing agency in parentheses the photo credit", () => {
    expect(splitCaptionCredit("Leaders meet in Brussels, 13 November 2024. (EPA)")).toEqual({
      caption: "Leaders meet in Brussels, 13 November 2024.",
      credit: "EPA",
    });
  });

  it("does not take a one-letter position such as (L) for a credit", () => {
    expect(splitCaptionCredit("Blinken (L) and Rutte (R)")).toEqual({
      caption: "Blinken (L) and Rutte (R)",
    });
  });
});
