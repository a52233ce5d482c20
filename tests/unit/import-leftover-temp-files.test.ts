import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { removeLeftoverTempFiles } from "../../src/files/leftover-temp-files.ts";
import { isRunning } from "../../src/files/processes.ts";
import { LEFTOVER_TALLY, runImport } from "../../src/import/run-import.ts";
import { formatSummary } from "../../src/import/summary.ts";
import { makeFixtureSite } from "../helpers/fixture-site.ts";

const SEED = path.resolve("tests/fixtures/import/seed-dump.txt");

/** The id of a process that has run and ended: what a killed import's files are named after. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ["-e", ""]).pid;
  expect(isRunning(pid)).toBe(false);
  return pid;
}

function write(root: string, relative: string): string {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, "half of an article");
  return file;
}

describe("temporary files left by a killed import", () => {
  it("removes a dead writer's temporary files, in sub-folders too, and keeps a live writer's", () => {
    const root = makeFixtureSite();
    const dead = deadPid();
    const leftovers = [
      write(root, `content/articles/2024/11/.story.md.${dead}.0.tmp`),
      write(root, `content/articles/.story.md.${dead}.7.tmp`),
    ];
    const live = write(root, `content/articles/2024/11/.story.md.${process.pid}.0.tmp`);
    const other = write(root, `content/articles/2024/11/notes.${dead}.0.tmp`);

    expect(removeLeftoverTempFiles(path.join(root, "content")).sort()).toEqual(leftovers.sort());
    expect(leftovers.filter((file) => existsSync(file))).toEqual([]);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(other)).toBe(true);
  });

  it("finds nothing to remove in a folder that does not exist", () => {
    expect(removeLeftoverTempFiles(path.join(makeFixtureSite(), "no-such-folder"))).toEqual([]);
  });

  it("is cleaned up by the next import, in content/articles and _data/, and counted", () => {
    const root = makeFixtureSite();
    const dead = deadPid();
    write(root, `content/articles/2024/11/.iranian.md.${dead}.3.tmp`);
    write(root, `_data/.topics.json.${dead}.4.tmp`);
    const live = write(root, `_data/.people.json.${process.pid}.5.tmp`);

    const summary = runImport({ root, inputs: [SEED], date: "2024-11-12", tag: false });

    expect(
      readdirSync(path.join(root, "content/articles/2024/11")).filter((n) => n.startsWith(".")),
    ).toEqual([]);
    expect(readdirSync(path.join(root, "_data")).filter((n) => n.endsWith(".tmp"))).toEqual([
      path.basename(live),
    ]);
    expect(summary.tallies[LEFTOVER_TALLY]).toBe(2);
    expect(formatSummary(summary)).toContain(`\n  note       2 ${LEFTOVER_TALLY}`);
  });

  it("is left alone by a dry run, which writes nothing", () => {
    const root = makeFixtureSite();
    const leftover = write(root, `_data/.topics.json.${deadPid()}.0.tmp`);
    runImport({ root, inputs: [SEED], date: "2024-11-12", dryRun: true });
    expect(existsSync(leftover)).toBe(true);
  });
});
