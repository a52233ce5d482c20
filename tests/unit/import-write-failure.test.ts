import { spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { readManifest } from "../../src/import/manifest.ts";
import { runImport } from "../../src/import/run-import.ts";
import { formatSummary, importExitCode } from "../../src/import/summary.ts";
import { makeFixtureSite } from "../helpers/fixture-site.ts";
import { PROJECT_DIR, scriptArguments } from "../../scripts/node-script.ts";

const SEED = path.resolve("tests/fixtures/import/seed-dump.txt");
const IRAN = "content/articles/2024/11/iranian-president-we-must-manage-relationship-and.md";
const BLINKEN = "content/articles/2024/11/blinken-in-brussels-pledges-to-shore-up-ukraine.md";

// A full disk cannot be made on demand, so writing a file whose name holds `failOn` fails the way
// it does on one (as root, permissions would not stop the write).
const disk = vi.hoisted(() => ({ failOn: undefined as string | undefined, code: "ENOSPC" }));
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const messages: Record<string, string> = {
    ENOSPC: "ENOSPC: no space left on device, write",
    EROFS: "EROFS: read-only file system, open",
  };
  const writeFileSync = ((file: Parameters<typeof fs.writeFileSync>[0], ...rest: unknown[]) => {
    if (disk.failOn && String(file).includes(disk.failOn)) {
      throw Object.assign(new Error(messages[disk.code]), { code: disk.code });
    }
    return (fs.writeFileSync as (...args: unknown[]) => unknown)(file, ...rest);
  }) as typeof fs.writeFileSync;
  return { ...fs, default: { ...fs, writeFileSync }, writeFileSync };
});

function importFailingOn(failOn: string, code = "ENOSPC") {
  const root = makeFixtureSite();
  disk.failOn = failOn;
  disk.code = code;
  try {
    return { root, summary: runImport({ root, inputs: [SEED], date: "2024-11-12", tag: false }) };
  } finally {
    disk.failOn = undefined;
  }
}

// Some of these run `npm run import` as a process of its own: seconds on a busy machine.
describe("an import that cannot write", { timeout: 30_000 }, () => {
  it("names the article it could not write and prints the summary so far", () => {
    const { summary } = importFailingOn("blinken");
    expect(summary.outcomes.map((o) => [o.status, o.article, o.reason])).toEqual([
      ["imported", IRAN, undefined],
      ["failed", BLINKEN, "could not be written (ENOSPC: no space left on device, write)."],
    ]);
    const text = formatSummary(summary);
    expect(text).toContain("  imported   1 (1 new, 0 updated)\n");
    expect(text).toContain(
      `\nStopped: could not write ${BLINKEN} (ENOSPC: no space left on device, write).\n`,
    );
    expect(importExitCode(summary)).toBe(1);
  });

  it("records the articles written before the failure, so that a second run only adds the rest", () => {
    const { root } = importFailingOn("blinken");
    expect(Object.keys(readManifest(root).articles)).toEqual([IRAN]);
    const again = runImport({ root, inputs: [SEED], date: "2024-11-12", tag: false });
    expect(again.outcomes.map((o) => o.status)).toEqual(["unchanged", "imported"]);
  });

  it("leaves no temporary file behind on a read-only file system", () => {
    const { root, summary } = importFailingOn("iranian", "EROFS");
    expect(summary.stopped).toMatchObject({
      file: IRAN,
      reason: "EROFS: read-only file system, open",
      notWritten: 1,
    });
    expect(readdirSync(path.join(root, "content/articles/2024/11"))).toEqual([]);
  });

  it("names the file when the articles folder lies under a regular file", () => {
    const root = makeFixtureSite();
    writeFileSync(path.join(root, "blocker"), "not a folder");
    const summary = runImport({
      root,
      inputs: [SEED],
      date: "2024-11-12",
      out: "blocker/articles",
    });
    expect(summary.stopped).toMatchObject({
      file: "blocker/articles/2024/11/iranian-president-we-must-manage-relationship-and.md",
      reason: expect.stringMatching(/^ENOTDIR: not a directory/),
      notWritten: 1,
    });
  });

  it("prints the summary and exits non-zero from npm run import", () => {
    const root = makeFixtureSite();
    writeFileSync(path.join(root, "blocker"), "not a folder");
    const run = spawnSync(
      process.execPath,
      scriptArguments("scripts/import.ts", [
        SEED,
        "--root",
        root,
        "--date",
        "2024-11-12",
        "--out",
        "blocker/articles",
      ]),
      { cwd: PROJECT_DIR, encoding: "utf8", timeout: 60_000 },
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("  imported   0 (0 new, 0 updated)\n");
    expect(run.stdout).toContain(
      "Stopped: could not write blocker/articles/2024/11/iranian-president-we-must-manage-relationship-and.md (ENOTDIR",
    );
  });
});
