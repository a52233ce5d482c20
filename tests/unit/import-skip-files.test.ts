import path from "node:path";
import { describe, expect, it } from "vitest";
import { runImport } from "../../src/import/run-import.ts";
import { formatSummary } from "../../src/import/summary.ts";
import { makeFixtureSite } from "../helpers/fixture-site.ts";

const STORY = "Shares rise\n\nLONDON, March 3, 1987 - Shares rose.";

/** Imports the files given into a new archive's `input/` folder and returns the summary. */
function importFolder(files: Record<string, string | Buffer>) {
  const root = makeFixtureSite({
    files: Object.fromEntries(Object.entries(files).map(([name, text]) => [`input/${name}`, text])),
  });
  const input = path.join(root, "input");
  const summary = runImport({ root, inputs: [input], tag: false });
  const skips = summary.outcomes
    .filter((o) => o.status === "skipped")
    .map((o) => [path.relative(input, o.input), o.reason]);
  return { summary, skips };
}

describe("files that are not stories", () => {
  it("skips README.TXT with its reason", () => {
    const { summary, skips } = importFolder({
      "README.TXT": "About this corpus\n\nIt holds stories.",
      "a.txt": STORY,
    });
    expect(skips).toEqual([
      [
        "README.TXT",
        "documentation that comes with a corpus (README, LICENSE, COPYING): not a story.",
      ],
    ]);
    expect(summary.counts).toMatchObject({ imported: 1, skipped: 1, failed: 0 });
    expect(formatSummary(summary)).toMatch(/README\.TXT: documentation that comes with a corpus/);
  });

  it("skips a LICENSE and a COPYING file", () => {
    const { skips } = importFolder({
      "LICENSE.txt": "MIT\n\nText.",
      "copying.txt": "GPL\n\nText.",
      "a.txt": STORY,
    });
    expect(skips.map(([file]) => file).sort()).toEqual(["LICENSE.txt", "copying.txt"]);
  });

  it("skips hidden files and folders, .DS_Store included, without reading them", () => {
    const { summary, skips } = importFolder({
      ".DS_Store": Buffer.from([0, 0, 0, 1, 66, 117, 100, 49]),
      ".drafts/b.txt": STORY,
      ".notes.txt": STORY,
      "a.txt": STORY,
    });
    expect(skips).toEqual([
      [".DS_Store", "hidden (its name starts with a dot): not a story."],
      [".drafts", "hidden (its name starts with a dot): not a story."],
      [".notes.txt", "hidden (its name starts with a dot): not a story."],
    ]);
    expect(summary.counts.imported).toBe(1);
  });

  it("skips an empty file and a binary file found in a folder", () => {
    const { summary, skips } = importFolder({
      "empty.txt": " \n\n",
      "photo.txt": Buffer.from([0xff, 0xd8, 0x00, 0x10, 0x4a, 0x46]),
      "a.txt": STORY,
    });
    expect(skips).toEqual([
      ["empty.txt", "empty: not a story."],
      ["photo.txt", "binary (it holds NUL bytes): not a story."],
    ]);
    expect(summary.counts).toMatchObject({ imported: 1, failed: 0 });
  });
});
