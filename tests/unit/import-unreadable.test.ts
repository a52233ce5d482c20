import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { runImport } from "../../src/import/run-import.ts";
import { makeFixtureSite } from "../helpers/fixture-site.ts";

// Permissions cannot make a file unreadable for root (as in CI containers), so reading is made to
// fail the way it does for a file without read permission.
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const readFileSync = ((file: Parameters<typeof fs.readFileSync>[0], ...rest: unknown[]) => {
    if (String(file).endsWith("locked.txt")) {
      throw Object.assign(new Error(`EACCES: permission denied, open '${String(file)}'`), {
        code: "EACCES",
      });
    }
    return (fs.readFileSync as (...args: unknown[]) => unknown)(file, ...rest);
  }) as typeof fs.readFileSync;
  return { ...fs, default: { ...fs, readFileSync }, readFileSync };
});

describe("unreadable input", () => {
  it("reports a file it cannot read, with the reason, and imports the rest", () => {
    const root = makeFixtureSite({
      files: {
        "input/locked.txt": "Locked\n\nLONDON, March 3, 2005 - Shares rose.",
        "input/open.txt": "Open\n\nLONDON, March 3, 2005 - Shares rose.",
      },
    });
    const input = path.join(root, "input");
    const summary = runImport({ root, inputs: [input] });
    expect(summary.outcomes.map((o) => [o.status, o.input, o.reason?.slice(0, 40)])).toEqual([
      ["failed", path.join(input, "locked.txt"), "cannot be read (EACCES: permission denie"],
      ["imported", path.join(input, "open.txt:1"), undefined],
    ]);
  });
});
