import { spawnSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { runBuild } from "../helpers/run-build.ts";

/** The id of a process that has exited, so nothing is running under it. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
    encoding: "utf8",
  });
  return Number(child.stdout);
}

/** A folder with one file in it, standing for what a build left. */
function leftover(folder: string): string {
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "index.html"), "left behind");
  return folder;
}

describe("what killed builds left behind", () => {
  it("is removed by the next build when the process that made it is gone", () => {
    const root = makeFixtureSite({ articles: { "2024/11/a.md": article() } });
    const parent = mkdtempSync(path.join(tmpdir(), "archive-leftovers-"));
    const site = path.join(parent, "_site");
    const dead = deadPid();
    leftover(path.join(parent, `_site.building-${dead}-1700000000000`));
    leftover(path.join(parent, `_site.previous-${dead}-1700000000000`));
    leftover(path.join(parent, `_site.builds/${dead}-1700000000000`));

    expect(runBuild(root, site).status).toBe(0);

    expect(readdirSync(parent).sort()).toEqual(["_site", "_site.builds"]);
    expect(readdirSync(path.join(parent, "_site.builds"))).toEqual([]);
  });

  it("is kept while the process that is building it still runs", () => {
    const root = makeFixtureSite({ articles: { "2024/11/a.md": article() } });
    const parent = mkdtempSync(path.join(tmpdir(), "archive-running-"));
    const site = path.join(parent, "_site");
    // This test's own process stands for another build in progress.
    const running = leftover(path.join(parent, `_site.builds/${process.pid}-1700000000000`));
    const legacy = leftover(path.join(parent, `_site.building-${process.pid}-1700000000000`));

    expect(runBuild(root, site).status).toBe(0);

    expect(readFileSync(path.join(running, "index.html"), "utf8")).toBe("left behind");
    expect(existsSync(legacy)).toBe(true);
  });

  it("replaces a real _site folder with the build's, a real folder too", () => {
    const root = makeFixtureSite({ articles: { "2024/11/a.md": article({ title: '"Fresh"' }) } });
    const parent = mkdtempSync(path.join(tmpdir(), "archive-migrate-"));
    const site = leftover(path.join(parent, "_site"));

    expect(runBuild(root, site).status).toBe(0);

    expect(lstatSync(site).isDirectory()).toBe(true);
    expect(readFileSync(path.join(site, "index.html"), "utf8")).toContain("Fresh");
    expect(readdirSync(parent).sort()).toEqual(["_site", "_site.builds"]);
    expect(readdirSync(path.join(parent, "_site.builds"))).toEqual([]);
  });

  it("replaces the symbolic link of earlier versions with a real folder, and removes its build", () => {
    const root = makeFixtureSite({ articles: { "2024/11/a.md": article({ title: '"Fresh"' }) } });
    const parent = mkdtempSync(path.join(tmpdir(), "archive-relink-"));
    const site = path.join(parent, "_site");
    const dead = deadPid();
    leftover(path.join(parent, `_site.builds/${dead}-1700000000000`));
    symlinkSync(`_site.builds/${dead}-1700000000000`, site, "dir");

    expect(runBuild(root, site).status).toBe(0);

    expect(lstatSync(site).isDirectory()).toBe(true);
    expect(readFileSync(path.join(site, "index.html"), "utf8")).toContain("Fresh");
    expect(readdirSync(path.join(parent, "_site.builds"))).toEqual([]);
  });
});
