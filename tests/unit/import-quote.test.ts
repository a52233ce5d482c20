import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePlainText } from "../../src/import/plain-text.ts";
import { excerpt, quote } from "../../src/import/quote.ts";
import { parseReutersSgml } from "../../src/import/reuters/sgml.ts";
import { runImport } from "../../src/import/run-import.ts";
import { parseSeedDump } from "../../src/import/seed-dump.ts";
import { formatSummary } from "../../src/import/summary.ts";
import { makeFixtureSite } from "../helpers/fixture-site.ts";

const LONG_LINE = `Breaking ${"news ".repeat(400_000)}`;

/** Imports the files given into a new archive's `input/` folder and returns the summary. */
function importFolder(files: Record<string, string>) {
  const root = makeFixtureSite({
    files: Object.fromEntries(Object.entries(files).map(([name, text]) => [`input/${name}`, text])),
  });
  return { summary: runImport({ root, inputs: [path.join(root, "input")], tag: false }) };
}

describe("messages quote at most 80 characters of the input", () => {
  it("cuts a long text to 80 characters with an ellipsis", () => {
    expect(excerpt("x".repeat(200))).toBe(`${"x".repeat(79)}…`);
    expect(excerpt("short title")).toBe("short title");
  });

  it("never cuts a character in two", () => {
    expect(Array.from(excerpt("😀".repeat(100)))).toHaveLength(80);
  });

  it("quotes at most 80 characters of a 2 MB first line", () => {
    const [problem] = parsePlainText(LONG_LINE, "long.txt").problems;
    expect(problem!.message).toBe(
      `the story ${quote(LONG_LINE)} has a title but no paragraphs: add its text below the title.`,
    );
    expect(problem!.message.length).toBeLessThan(200);
  });

  it("quotes at most 80 characters of a long title in a scraped dump", () => {
    const [problem] = parseSeedDump(LONG_LINE, "seed.txt").problems;
    expect(problem!.message.length).toBeLessThan(200);
  });

  it("quotes at most 80 characters of a long Reuters title", () => {
    const sgml = `<REUTERS NEWID="1">\n<TITLE>${LONG_LINE}</TITLE>\n</REUTERS>`;
    const [problem] = parseReutersSgml(sgml, "r.sgm").problems;
    expect(problem!.message.length).toBeLessThan(200);
  });

  it("lists a story with a 2 MB title in the summary with 80 characters of it", () => {
    const { summary } = importFolder({ "long.txt": `${LONG_LINE}\n\nShe died on Tuesday.` });
    const text = formatSummary(summary);
    expect(text).toContain(` ${quote(LONG_LINE)}: has no date`);
    expect(text.length).toBeLessThan(1000);
  });
});
