import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { newBuildFolder, publishBuild, removeLeftovers } from "../../src/build/output-swap.ts";

/** A folder holding one page that says which build it is. */
function site(folder: string, text: string): string {
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "index.html"), text);
  return folder;
}

const deadPid = () =>
  Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout);

describe("swapping the output", () => {
  it("points _site at the new build and removes the build it pointed at before", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "swap-")), "_site");
    const first = site(newBuildFolder(out), "first");
    await publishBuild(out, first);
    const second = site(path.join(`${out}.builds`, "1-2"), "second");
    await publishBuild(out, second);

    expect(readFileSync(path.join(out, "index.html"), "utf8")).toBe("second");
    expect(readlinkSync(out)).toBe(path.join("_site.builds", "1-2"));
    expect(existsSync(first)).toBe(false);
  });

  it("leaves alone a folder that _site linked to outside its builds", async () => {
    const parent = mkdtempSync(path.join(tmpdir(), "swap-own-link-"));
    const elsewhere = site(path.join(parent, "published"), "by hand");
    const out = path.join(parent, "_site");
    symlinkSync(elsewhere, out);
    await publishBuild(out, site(newBuildFolder(out), "built"));

    expect(readFileSync(path.join(out, "index.html"), "utf8")).toBe("built");
    expect(readFileSync(path.join(elsewhere, "index.html"), "utf8")).toBe("by hand");
  });

  it("refuses to replace a file at the output path, saying what to do", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "swap-file-")), "_site");
    writeFileSync(out, "not a site");
    await expect(publishBuild(out, site(newBuildFolder(out), "built"))).rejects.toThrow(
      /_site is a file, not the site's output folder: move it away or choose another --out/,
    );
  });

  it("never removes the build _site links to, though the process that made it has exited", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "swap-current-")), "_site");
    const current = site(path.join(`${out}.builds`, `${deadPid()}-1`), "current");
    const stale = site(path.join(`${out}.builds`, `${deadPid()}-2`), "stale");
    symlinkSync(path.relative(path.dirname(out), current), out);

    expect(await removeLeftovers(out)).toEqual([stale]);
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toBe("current");
  });
});
