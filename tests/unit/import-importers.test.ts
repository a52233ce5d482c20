import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IMPORT_FORMATS, IMPORTERS } from "../../src/import/importers.ts";
import { runImport } from "../../src/import/run-import.ts";
import { makeFixtureSite } from "../helpers/fixture-site.ts";
import { PROJECT_DIR, scriptArguments } from "../../scripts/node-script.ts";

function npmRunImport(...args: string[]) {
  return spawnSync(process.execPath, scriptArguments("scripts/import.ts", args), {
    cwd: PROJECT_DIR,
    encoding: "utf8",
    timeout: 60_000,
  });
}

/** "a, b or c" → ["a", "b", "c"]. */
function wordsOfList(list: string): string[] {
  return list.split(/, | or /);
}

// Some of these run `npm run import` as a process of its own: seconds on a busy machine.
describe("the table of importers", { timeout: 30_000 }, () => {
  it("gives every format a name, a way to tell its files and a parser", () => {
    expect(new Set(IMPORT_FORMATS).size).toBe(IMPORTERS.length);
    for (const importer of IMPORTERS) {
      const { name, declared, shaped, otherwise } = importer.detect;
      expect([name, declared, shaped, otherwise].some(Boolean), importer.format).toBe(true);
      expect(importer.parse, importer.format).toBeTypeOf("function");
      expect(importer.expected, importer.format).toMatch(/\S/);
    }
  });

  it("is the list of formats that npm run import -- --help offers", () => {
    const run = npmRunImport("--help");
    expect(run.status).toBe(0);
    const offered = /\[--format ([^\]\s]+)\]/.exec(run.stdout)?.[1];
    expect(offered?.split("|")).toEqual(IMPORT_FORMATS);
  });

  it("is the list of formats that an unknown --format is told to use", () => {
    const run = npmRunImport("story.txt", "--format", "docx");
    expect(run.status).toBe(2);
    const use = /^✖ --format docx is not a format: use (.+)\.$/m.exec(run.stderr)?.[1];
    expect(use && wordsOfList(use)).toEqual(IMPORT_FORMATS);
  });

  it("is what a file in no format is told it could be", () => {
    const root = makeFixtureSite();
    const file = path.join(root, "notes.dat");
    writeFileSync(file, "Neither a page, an export, a dump, a story nor SGML.");
    const [outcome] = runImport({ root, inputs: [file] }).outcomes;
    const reason = /^is in an unknown format: expected (.+)\. Give --format (\S+)\.$/.exec(
      outcome?.reason ?? "",
    );
    expect(reason && wordsOfList(reason[1]!)).toEqual(IMPORTERS.map((i) => i.expected));
    expect(reason?.[2]?.split("|")).toEqual(IMPORT_FORMATS);
  });
});
