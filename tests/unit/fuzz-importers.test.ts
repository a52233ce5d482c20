import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { lineMutations, type Mutation } from "../helpers/line-mutations.ts";
import { describe, expect, it } from "vitest";
import { parsePlainText } from "../../src/import/plain-text.ts";
import { parseReutersSgml } from "../../src/import/reuters/sgml.ts";
import { parseSeedDump } from "../../src/import/seed-dump.ts";
import type { ParsedInput } from "../../src/import/types.ts";

/**
 * Property-based tests: every importer's parser reads random and mutated input into stories,
 * skipped stories and problems (its way of reporting what it cannot read) and never throws or
 * hangs. The parsers have no error of their own to throw, so any exception is a bug.
 */

const FIXTURES = path.resolve("tests/fixtures/import");
const fixture = (name: string, encoding: BufferEncoding = "utf8") =>
  readFileSync(path.join(FIXTURES, name)).toString(encoding);

const SEED_DUMP = fixture("seed-dump.txt");
const PLAIN = [fixture("plain/business/012.txt"), fixture("plain/politics/latin-1.txt", "latin1")];
const SGML = fixture("malformed.sgm", "latin1");

const NBSP = "\u00a0";

/** Odd fragments: separators and markup of the formats, control characters, lone surrogates. */
const fragment = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    NBSP,
    NBSP.repeat(3),
    `${NBSP} ${NBSP}`,
    "TT",
    "AFP",
    "---",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "\0",
    "\u0002",
    "\u0003",
    "\u001b",
    "\u007f",
    "\u0085",
    "\u2028",
    "\uFEFF",
    "\uD800",
    "\uDFFF",
    "\uDBFF\uDC00",
    "13 November 2024",
    "2024-11-13",
    "2024-02-30",
    "9999-99-99",
    "Nov 13",
    "BRUSSELS, Nov 13 -",
    "LONDON, March 3, 1987 -",
    "By Jane Doe",
    '<REUTERS NEWID="1">',
    "<REUTERS>",
    "</REUTERS>",
    '<REUTERS NEWID="1" TYPE="BRIEF">',
    "<TEXT>",
    "</TEXT>",
    '<TEXT TYPE="UNPROC">',
    "<BODY>",
    "</BODY>",
    "<TITLE>",
    "</TITLE>",
    "<DATE>",
    "</DATE>",
    "<DATE>26-FEB-1987 15:01:01.79</DATE>",
    "<DATE>31-FEB-1987 25:61:61.99</DATE>",
    "<DATELINE>",
    "</DATELINE>",
    "<AUTHOR>",
    "<TOPICS><D>",
    "</D></TOPICS>",
    "<PLACES><D>usa</D><D></D></PLACES>",
    "<PEOPLE><D>__proto__</D></PEOPLE>",
    "<D>constructor</D>",
    "&lt;",
    "&#3;",
    "&#99999999;",
    "&#x;",
    "&amp",
    "<",
    ">",
    "Reuter\n&#3;",
  ),
  fc.string({ maxLength: 40, unit: "grapheme" }),
  fc.string({ maxLength: 40, unit: "binary" }),
  fc.string({ maxLength: 20 }).map((s) => s.repeat(50)),
  fc.constantFrom("a", " ", NBSP, "<", "&", "\n", "<D>", "x ").map((s) => s.repeat(2000)),
);

/** Delete a run of lines. */
const deleteRun: fc.Arbitrary<Mutation> = fc
  .tuple(fc.nat(), fc.integer({ min: 1, max: 20 }))
  .map(([at, count]): Mutation => (lines) => {
    const copy = [...lines];
    const i = at % Math.max(copy.length, 1);
    copy.splice(i, count);
    return copy;
  });

const mutation = fc.oneof(...lineMutations(fragment, [deleteRun]));

/** Mutations of `seeds`, joined with LF or CRLF. */
function mutationsOf(seeds: string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(mutation, { minLength: 1, maxLength: 8 }),
      fc.boolean(),
    )
    .map(([seed, changes, crlf]) => {
      const lines = changes.reduce((acc, change) => change(acc), seed.split(/\r?\n/));
      return lines.join(crlf ? "\r\n" : "\n");
    });
}

const randomText = fc.oneof(
  fc.string({ maxLength: 3000, unit: "binary" }),
  fc.string({ maxLength: 3000, unit: "grapheme" }),
  fc.array(fragment, { maxLength: 80 }).map((parts) => parts.join("")),
  fc.array(fragment, { maxLength: 80 }).map((parts) => parts.join("\n")),
);

function inputs(seeds: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: mutationsOf(seeds), weight: 3 },
    { arbitrary: randomText, weight: 2 },
  );
}

const RUN = { seed: 42, numRuns: 300, interruptAfterTimeLimit: 5_000 } as const;

/** What every parser returns: stories with a title and text, and problems that say what is wrong. */
function expectWellFormed(parsed: ParsedInput, text: string, file: string): void {
  const lineCount = text.split("\n").length;
  for (const story of parsed.stories) {
    expect(story.file).toBe(file);
    expect(typeof story.title).toBe("string");
    expect(Number.isInteger(story.line) && story.line >= 1 && story.line <= lineCount).toBe(true);
    expect(Array.isArray(story.paragraphs)).toBe(true);
    for (const paragraph of story.paragraphs) expect(typeof paragraph).toBe("string");
    expect(Array.isArray(story.images)).toBe(true);
    for (const kind of ["topics", "people", "places"] as const) {
      for (const term of story.terms[kind]) expect(typeof term.name).toBe("string");
    }
    if (story.date !== undefined) expect(story.date).toMatch(/^\d{4}-\d{2}-\d{2}/);
  }
  for (const problem of parsed.problems) {
    expect(problem.file).toBe(file);
    expect(problem.message).toBeTypeOf("string");
    expect(problem.message.length).toBeGreaterThan(0);
  }
  for (const skipped of parsed.skipped) {
    expect(skipped.reason).toBeTypeOf("string");
    expect(skipped.reason.length).toBeGreaterThan(0);
  }
}

describe("fuzzing the importers' parsers", () => {
  it("the fixtures themselves give stories", () => {
    expect(parseSeedDump(SEED_DUMP, "seed.txt").stories.length).toBeGreaterThan(0);
    for (const text of PLAIN) expect(parsePlainText(text, "a.txt").stories).toHaveLength(1);
    expect(parseReutersSgml(SGML, "a.sgm").stories.length).toBeGreaterThan(0);
  });

  it("reads a Reuters date without a time as the day (found by fuzzing: it threw a RangeError)", () => {
    const text = SGML.replace("26-FEB-1987 15:01:01.79", "26-FEB-1987");
    expect(parseReutersSgml(text, "a.sgm").stories[0]!.date).toBe("1987-02-26");
  });

  it("parseSeedDump reads mutated and random dumps without throwing", { timeout: 15_000 }, () => {
    fc.assert(
      fc.property(inputs([SEED_DUMP]), (text) => {
        expectWellFormed(parseSeedDump(text, "seed.txt"), text, "seed.txt");
      }),
      RUN,
    );
  });

  it(
    "parsePlainText reads mutated and random stories without throwing",
    { timeout: 15_000 },
    () => {
      fc.assert(
        fc.property(inputs(PLAIN), fc.option(fc.string({ maxLength: 30 })), (text, topic) => {
          const parsed = parsePlainText(text, "a.txt", topic === null ? {} : { topic });
          expectWellFormed(parsed, text, "a.txt");
          expect(parsed.stories.length + parsed.problems.length).toBeGreaterThan(0);
        }),
        RUN,
      );
    },
  );

  it("parseReutersSgml reads mutated and random SGML without throwing", { timeout: 15_000 }, () => {
    fc.assert(
      fc.property(inputs([SGML]), fc.option(fc.integer({ min: 0, max: 5 })), (text, limit) => {
        const parsed = parseReutersSgml(text, "a.sgm", limit === null ? {} : { limit });
        expectWellFormed(parsed, text, "a.sgm");
        if (limit !== null) expect(parsed.stories.length).toBeLessThanOrEqual(limit);
      }),
      RUN,
    );
  });
});
