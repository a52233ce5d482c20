import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runImport, type ImportOptions } from "../../src/import/run-import.ts";
import { formatSummary } from "../../src/import/summary.ts";
import { makeFixtureSite } from "../helpers/fixture-site.ts";

const SEED = path.resolve("tests/fixtures/import/seed-dump.txt");
const SGML = path.resolve("tests/fixtures/import/malformed.sgm");
const TODAY = "2026-06-01";

/** Imports .txt stories written into a new archive's `input/` folder, as of `TODAY`. */
function importStories(files: Record<string, string>, options: Partial<ImportOptions> = {}) {
  const root = makeFixtureSite({
    files: Object.fromEntries(Object.entries(files).map(([name, text]) => [`input/${name}`, text])),
  });
  const input = path.join(root, "input");
  const summary = runImport({ root, inputs: [input], today: TODAY, tag: false, ...options });
  const dateOf = (article: string | undefined) =>
    article && /^date: (.*)$/m.exec(readFileSync(path.join(root, article), "utf8"))?.[1];
  return { root, input, summary, dateOf };
}

const OBITUARY = [
  "Singer who sang for the harbour dies",
  "",
  "The singer, who was born in Leeds on 5 April 1920, sang at the harbour festival",
  "every summer from 2001-09-11 until last year.",
  "",
  "She died at home on Tuesday.",
].join("\n");

describe("where an import takes a story's date from", () => {
  it("dates an obituary by --date, not by the birth date in its text", () => {
    const { summary, dateOf } = importStories({ "obituary.txt": OBITUARY }, { date: "2005-01-15" });
    expect(summary.outcomes.map((o) => [o.status, dateOf(o.article)])).toEqual([
      ["imported", "2005-01-15"],
    ]);
  });

  it("reports a story without a dateline and without --date as undated", () => {
    const { summary, input } = importStories({ "obituary.txt": OBITUARY });
    expect(summary.outcomes).toEqual([
      expect.objectContaining({
        status: "failed",
        input: `${path.join(input, "obituary.txt")}:1`,
        reason: expect.stringMatching(
          /^has no date: no dateline .* dates in the running text are not read\. Pass the day it was published with --date/,
        ),
      }),
    ]);
    expect(summary.dates).toMatchObject({ undated: 1 });
  });

  it("prefers the story's own dateline to --date", () => {
    const { summary, dateOf } = importStories(
      { "a.txt": "Shares rise\n\nLONDON, March 3, 1987 - Shares rose on 1 April 1986." },
      { date: "2005-01-15" },
    );
    expect(dateOf(summary.outcomes[0]!.article)).toBe("1987-03-03");
  });

  it("gives a dateline without a year the year that puts it nearest to --date", () => {
    const { summary, dateOf } = importStories(
      { "a.txt": "NATO meets\n\nBRUSSELS, Nov 13 (Reuters) - NATO met." },
      { date: "2005-01-15" },
    );
    expect(dateOf(summary.outcomes[0]!.article)).toBe("2004-11-13");
    expect(summary.dates).toMatchObject({ dateline: 1, option: 0 });
  });

  it("reports a dateline without a year, and without --date, as undated", () => {
    const { summary } = importStories({
      "a.txt": "NATO meets\n\nBRUSSELS, Nov 13 (Reuters) - NATO met.",
    });
    expect(summary.outcomes[0]!.reason).toMatch(
      /^has no year: its dateline "BRUSSELS, Nov 13 \(Reuters\) -" \(.*a\.txt:3\) gives the day only\./,
    );
  });

  it("dates a dump's story by the end of its photo caption", () => {
    const root = makeFixtureSite();
    const summary = runImport({ root, inputs: [SEED], date: "2024-11-12", today: TODAY });
    expect(summary.dates).toMatchObject({ caption: 1, option: 1 });
  });

  it("dates a Reuters story by its <DATE> metadata", () => {
    const summary = runImport({ root: makeFixtureSite(), inputs: [SGML], today: TODAY });
    expect(summary.dates).toMatchObject({ metadata: 2, option: 0 });
  });
});

describe("implausible dates", () => {
  it("refuses a dateline dated after the day of the import, naming the file and line", () => {
    const { summary, input } = importStories(
      { "a.txt": "Tomorrow's news\n\nLONDON, 2 June 2026 - Shares will rise." },
      { date: "2005-01-15" },
    );
    expect(summary.outcomes.map((o) => [o.status, o.reason])).toEqual([
      [
        "failed",
        `the date in its dateline (${path.join(input, "a.txt")}:3) is not plausible: 2026-06-02 is after the day of the import (2026-06-01). Correct it in the input, or remove it and pass --date.`,
      ],
    ]);
    expect(summary.dates).toMatchObject({ refused: 1, option: 0 });
  });

  it("refuses a date before 1600", () => {
    const { summary } = importStories({ "a.txt": "Old news\n1 March 1599\n\nA comet was seen." });
    expect(summary.outcomes[0]!.reason).toMatch(
      /^the date in the date line at its top \(.*a\.txt:2\) is not plausible: 1599-03-01 is before 1600\./,
    );
  });

  it("refuses a --date after the day of the import", () => {
    expect(() => importStories({ "a.txt": OBITUARY }, { date: "2026-06-02" })).toThrow(
      "--date: 2026-06-02 is after the day of the import (2026-06-01): give the day the stories were published.",
    );
  });
});

describe("the summary's dates", () => {
  it("counts stories per date source", () => {
    const { summary } = importStories(
      {
        "a.txt": "One\n\nLONDON, March 3, 1987 - Shares rose.",
        "b.txt": "Two\n\nShares fell on 4 March 1987.",
        "c.txt": "Three\n14 March 2005\n\nShares held.",
      },
      { date: "2005-01-15" },
    );
    expect(formatSummary(summary).split("\n")).toContain(
      "  dates      1 from datelines, 1 from date lines, 1 from --date",
    );
  });
});
