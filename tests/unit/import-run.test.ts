import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadArchive } from "../../src/collections/load-archive.ts";
import { MANIFEST_FILE } from "../../src/import/manifest.ts";
import { runImport, type ImportOptions } from "../../src/import/run-import.ts";
import { formatSummary, importExitCode } from "../../src/import/summary.ts";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";

const FIXTURES = path.resolve("tests/fixtures/import");
const SEED = path.join(FIXTURES, "seed-dump.txt");
const PLAIN = path.join(FIXTURES, "plain");
const SGML = path.join(FIXTURES, "malformed.sgm");
const PEOPLE = JSON.parse(readFileSync("_data/people.json", "utf8")) as unknown[];
const TOPICS = JSON.parse(readFileSync("_data/topics.json", "utf8")) as unknown[];
const PLACES = JSON.parse(readFileSync("_data/places.json", "utf8")) as unknown[];

function archiveWithRegistry(): string {
  return makeFixtureSite({ people: PEOPLE, topics: TOPICS, places: PLACES });
}

function importInto(root: string, options: Partial<ImportOptions> & Pick<ImportOptions, "inputs">) {
  return runImport({ root, ...options });
}

/** Writes stories as .txt files in a new folder and returns it. */
function textFolder(files: Record<string, string>): string {
  const dir = path.join(makeFixtureSite(), "input");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function read(root: string, file: string): string {
  return readFileSync(path.join(root, file), "utf8");
}

describe("importing", () => {
  it("writes one article per story under content/articles/YYYY/MM", () => {
    const root = archiveWithRegistry();
    const summary = importInto(root, { inputs: [SEED], date: "2024-11-12" });
    expect(summary.outcomes.map((o) => [o.status, o.article])).toEqual([
      ["imported", "content/articles/2024/11/iranian-president-we-must-manage-relationship-and.md"],
      ["imported", "content/articles/2024/11/blinken-in-brussels-pledges-to-shore-up-ukraine.md"],
    ]);
  });

  it("writes Markdown that the archive loader accepts", () => {
    const root = archiveWithRegistry();
    importInto(root, { inputs: [SEED, PLAIN, SGML], date: "2024-11-12" });
    expect(loadArchive(root).articles.map((a) => a.title)).toHaveLength(7);
  });

  it("changes nothing when the same input is imported twice, and says so", () => {
    const root = archiveWithRegistry();
    importInto(root, { inputs: [SEED, PLAIN, SGML], date: "2024-11-12" });
    const before = read(root, MANIFEST_FILE);
    const again = importInto(root, { inputs: [SEED, PLAIN, SGML], date: "2024-11-12" });
    expect(again.counts).toMatchObject({ imported: 0, updated: 0, unchanged: 7 });
    expect(read(root, MANIFEST_FILE)).toBe(before);
  });

  it("writes into another folder with out", () => {
    const root = archiveWithRegistry();
    const summary = importInto(root, { inputs: [PLAIN], date: "2024-11-12", out: "elsewhere" });
    expect(summary.outcomes.every((o) => o.article?.startsWith("elsewhere/"))).toBe(true);
    expect(existsSync(path.join(root, "content/articles"))).toBe(true);
    expect(readdirSync(path.join(root, "content/articles"))).toEqual([]);
  });

  it("writes nothing on a dry run but reports what it would do", () => {
    const root = archiveWithRegistry();
    const summary = importInto(root, { inputs: [SEED], date: "2024-11-12", dryRun: true });
    expect(summary.counts.imported).toBe(2);
    expect(readdirSync(path.join(root, "content/articles"))).toEqual([]);
    expect(existsSync(path.join(root, MANIFEST_FILE))).toBe(false);
  });

  it("writes the folder of a plain-text story as its topic", () => {
    const root = archiveWithRegistry();
    importInto(root, { inputs: [PLAIN], tag: false, date: "2024-11-12" });
    expect(
      read(root, "content/articles/2024/11/harbour-bakery-doubles-its-bread-exports.md"),
    ).toContain("topics:\n  - Business\n");
  });
});

describe("dates", () => {
  it("fails a story without a date and says how to fix it", () => {
    const root = archiveWithRegistry();
    const summary = importInto(root, { inputs: [SEED] });
    expect(summary.outcomes.filter((o) => o.status === "failed")).toEqual([
      {
        status: "failed",
        input: `${SEED}:1`,
        title:
          "Iranian President: We Must Manage Relationship and Confrontation with the US Ourselves",
        reason:
          'has no date: no dateline (such as "LONDON, March 3, 1987 -"), date line or photo caption says when it was published, and dates in the running text are not read. Pass the day it was published with --date, e.g. --date 2024-11-12.',
      },
    ]);
    expect(summary.counts.imported).toBe(1);
    expect(importExitCode(summary)).toBe(1);
  });

  it("uses --date only for stories that give no date of their own", () => {
    const root = archiveWithRegistry();
    importInto(root, { inputs: [SEED], date: "2024-11-12" });
    expect(
      read(root, "content/articles/2024/11/blinken-in-brussels-pledges-to-shore-up-ukraine.md"),
    ).toContain("date: 2024-11-13\n");
  });

  it("rejects a --date that is not a date", () => {
    expect(() => importInto(archiveWithRegistry(), { inputs: [SEED], date: "12/11/2024" })).toThrow(
      /--date: "12\/11\/2024" is not a date/,
    );
  });
});

describe("slugs", () => {
  it("gives a different story with the same title in the same month -2, in input order", () => {
    const input = textFolder({
      "a.txt": "Markets close higher\n\nLONDON, March 3, 2005 - Stocks rose.",
      "b.txt": "Markets close higher\n\nLONDON, March 4, 2005 - Stocks rose again.",
    });
    const root = makeFixtureSite();
    const summary = importInto(root, { inputs: [input] });
    expect(summary.outcomes.map((o) => o.article)).toEqual([
      "content/articles/2005/03/markets-close-higher.md",
      "content/articles/2005/03/markets-close-higher-2.md",
    ]);
  });

  it("imports the same story given twice in one input once", () => {
    const story = "Markets close higher\n\nLONDON, March 3, 2005 - Stocks rose.";
    const input = textFolder({ "a.txt": story, "b.txt": story });
    const summary = importInto(makeFixtureSite(), { inputs: [input] });
    expect(summary.outcomes.map((o) => [o.status, o.input])).toEqual([
      ["skipped", path.join(input, "b.txt:1")],
      ["imported", path.join(input, "a.txt:1")],
    ]);
    expect(summary.outcomes[0]!.reason).toBe(
      `the same story as ${path.join(input, "a.txt")}:1: imported once.`,
    );
  });

  it("keeps two different stories with the same title and date apart", () => {
    const input = textFolder({
      "a.txt": "Letters\n\nLONDON, 3 March 2005 - First letter.",
      "b.txt": "Letters\n\nLONDON, 3 March 2005 - Second letter.",
    });
    const root = makeFixtureSite();
    importInto(root, { inputs: [input] });
    const again = importInto(root, { inputs: [input] });
    expect(again.outcomes.map((o) => [o.status, o.article])).toEqual([
      ["unchanged", "content/articles/2005/03/letters.md"],
      ["unchanged", "content/articles/2005/03/letters-2.md"],
    ]);
  });
});

describe("articles changed by hand", () => {
  const BLINKEN = "content/articles/2024/11/blinken-in-brussels-pledges-to-shore-up-ukraine.md";

  it("never overwrites an article edited after import, and reports it", () => {
    const root = archiveWithRegistry();
    importInto(root, { inputs: [SEED], date: "2024-11-12" });
    const edited = read(root, BLINKEN).replace("\n---\n", "\ndateline: Brussels\n---\n");
    writeFileSync(path.join(root, BLINKEN), edited);
    const summary = importInto(root, { inputs: [SEED], date: "2024-11-12" });
    expect(summary.outcomes.find((o) => o.article === BLINKEN)).toMatchObject({
      status: "kept",
      reason: "edited since it was imported: kept as it is. Pass --force to overwrite it.",
    });
    expect(read(root, BLINKEN)).toBe(edited);
  });

  it("overwrites an edited article with --force", () => {
    const root = archiveWithRegistry();
    importInto(root, { inputs: [SEED], date: "2024-11-12" });
    const imported = read(root, BLINKEN);
    writeFileSync(path.join(root, BLINKEN), imported.replace("Wednesday", "Thursday"));
    const summary = importInto(root, { inputs: [SEED], date: "2024-11-12", force: true });
    expect(summary.outcomes.find((o) => o.article === BLINKEN)?.status).toBe("updated");
    expect(read(root, BLINKEN)).toBe(imported);
  });

  it("updates an article that was not edited when its source changed", () => {
    const input = textFolder({
      "a.txt": "Markets close higher\n\nLONDON, March 3, 2005 - Stocks rose.",
    });
    const root = makeFixtureSite();
    importInto(root, { inputs: [input] });
    writeFileSync(
      path.join(input, "a.txt"),
      "Markets close higher\n\nLONDON, March 3, 2005 - Stocks rose sharply.",
    );
    const summary = importInto(root, { inputs: [input] });
    expect(summary.outcomes.map((o) => [o.status, o.article])).toEqual([
      ["updated", "content/articles/2005/03/markets-close-higher.md"],
    ]);
  });

  it("keeps an article with the story's title that an import did not write", () => {
    const root = makeFixtureSite({
      people: PEOPLE,
      topics: TOPICS,
      places: PLACES,
      articles: {
        "2024/11/blinken-in-brussels-pledges-to-shore-up-ukraine.md": article({
          title:
            '"Blinken, in Brussels, Pledges to Shore up Ukraine Support Ahead of Trump Transition"',
        }),
      },
    });
    const summary = importInto(root, { inputs: [SEED], date: "2024-11-12" });
    expect(summary.outcomes.find((o) => o.article === BLINKEN)).toMatchObject({
      status: "kept",
      reason:
        "exists and was not written by an import: kept as it is. Pass --force to overwrite it.",
    });
  });
});

describe("bad input", () => {
  it("reports a path that does not exist and imports the rest", () => {
    const root = archiveWithRegistry();
    const summary = importInto(root, { inputs: ["no/such/folder", PLAIN], date: "2024-11-12" });
    expect(summary.outcomes[0]).toEqual({
      status: "failed",
      input: "no/such/folder",
      title: undefined,
      reason: "does not exist: give a file or folder to import.",
    });
    expect(summary.counts.imported).toBe(3);
  });

  it("reports a file in an unknown format", () => {
    const dir = textFolder({});
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "photo.jpg");
    writeFileSync(file, Buffer.from([0xff, 0xd8, 0x00, 0x10]));
    const summary = importInto(archiveWithRegistry(), { inputs: [file] });
    expect(summary.outcomes[0]!.reason).toMatch(
      /is in an unknown format: .* Give --format html\|wordpress\|seed\|text\|reuters\./,
    );
  });

  it("reports malformed SGML with its line and imports the stories around it", () => {
    const summary = importInto(archiveWithRegistry(), { inputs: [SGML] });
    expect(summary.outcomes.map((o) => [o.status, o.input])).toEqual([
      ["failed", `${SGML}:34`],
      ["skipped", `${SGML}:21`],
      ["imported", `${SGML}:2`],
      ["imported", `${SGML}:40`],
    ]);
  });

  it("exits 0 when stories were only skipped by design", () => {
    const root = archiveWithRegistry();
    const input = textFolder({ "a.txt": "Title\n\nLONDON, March 3, 2005 - Shares rose." });
    importInto(root, { inputs: [input] });
    expect(importExitCode(importInto(root, { inputs: [input] }))).toBe(0);
  });
});

describe("the summary", () => {
  it("counts each outcome and lists why stories were not imported", () => {
    const summary = importInto(archiveWithRegistry(), { inputs: [SGML] });
    const text = formatSummary(summary).replaceAll(SGML, "malformed.sgm");
    expect(text).toMatchInlineSnapshot(`
      "Import
        imported   2 (2 new, 0 updated)
        unchanged  0
        kept       0 (changed by hand; --force overwrites)
        skipped    1
        failed     1
        dates      2 from metadata
        registry   added 2 topics, 1 people, 3 places

      Failed (1):
        malformed.sgm:34: the <REUTERS> element that starts here is not closed: expected </REUTERS> before the next <REUTERS>.

      Skipped (1):
        malformed.sgm:21 "FED SETS TWO BILLION DLR CUSTOMER REPURCHASE": no body (a brief or unprocessed story)"
    `);
  });
});

describe("Reuters imports", () => {
  it("appends the registry entries the stories bring, with the codes as ids", () => {
    const root = archiveWithRegistry();
    importInto(root, { inputs: [SGML] });
    const people = JSON.parse(read(root, "_data/people.json")) as Array<{ id: string }>;
    expect(people.slice(0, PEOPLE.length)).toEqual(PEOPLE);
    expect(people.slice(PEOPLE.length)).toEqual([{ id: "james-baker", name: "James Baker" }]);
  });

  it("keeps the tags given by the source and adds names found in the text", () => {
    const root = archiveWithRegistry();
    importInto(root, { inputs: [SGML] });
    expect(read(root, "content/articles/1987/02/baker-says-dollar-dlr-talks-go-on.md")).toContain(
      "places:\n  - United States\n  - West Germany\n",
    );
    expect(read(root, "content/articles/1987/02/cocoa-prices-steady-in-london.md")).toContain(
      "topics:\n  - Cocoa\n",
    );
  });

  it("writes the collection's citation to _data/sources.json once", () => {
    const root = archiveWithRegistry();
    importInto(root, { inputs: [SGML] });
    importInto(root, { inputs: [SGML] });
    const sources = JSON.parse(read(root, "_data/sources.json")) as Array<Record<string, string>>;
    expect(sources).toHaveLength(1);
    expect(sources[0]).toMatchObject({
      id: "reuters-21578",
      name: "Reuters-21578, Distribution 1.0",
    });
    expect(sources[0]!.citation).toMatch(/^Reuters-21578, Distribution 1\.0\. The copyright/);
  });

  it("keeps other sources in _data/sources.json", () => {
    const root = archiveWithRegistry();
    const other = { id: "seed", name: "Seed", citation: "Our own." };
    writeFileSync(path.join(root, "_data/sources.json"), JSON.stringify([other]));
    importInto(root, { inputs: [SGML] });
    const sources = JSON.parse(read(root, "_data/sources.json")) as Array<Record<string, string>>;
    expect(sources.map((s) => s.id)).toEqual(["seed", "reuters-21578"]);
  });
});

describe("tagging at import", () => {
  it("adds registered names found in the text to the front matter", () => {
    const root = archiveWithRegistry();
    importInto(root, { inputs: [SEED], date: "2024-11-12" });
    expect(
      read(root, "content/articles/2024/11/blinken-in-brussels-pledges-to-shore-up-ukraine.md"),
    ).toContain("places:\n  - Brussels\n");
  });

  it("adds nothing with tagging off", () => {
    const root = archiveWithRegistry();
    importInto(root, { inputs: [SEED], date: "2024-11-12", tag: false });
    expect(
      read(root, "content/articles/2024/11/blinken-in-brussels-pledges-to-shore-up-ukraine.md"),
    ).not.toMatch(/people:|topics:|places:/);
  });
});
