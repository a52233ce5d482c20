import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  lstatSync,
  readdirSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  claimSpare,
  finishInterruptedPublish,
  newBuildFolder,
  publishBuild,
  removeLeftovers,
  removeSpares,
  spareFolderFor,
} from "../../src/output/output-swap.ts";

/** A folder holding one page that says which build it is. */
function site(folder: string, text: string): string {
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "index.html"), text);
  return folder;
}

const deadPid = () =>
  Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout);

describe("swapping the output", () => {
  it("moves the new build into place as a real folder and hands back the site it replaced", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "swap-")), "_site");
    expect(await publishBuild(out, site(newBuildFolder(out), "first"))).toBeUndefined();
    const second = site(path.join(`${out}.builds`, "1-2"), "second");
    const replaced = await publishBuild(out, second);

    expect(lstatSync(out).isDirectory()).toBe(true);
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toBe("second");
    expect(replaced).toBe(`${second}.replaced`);
    expect(readFileSync(path.join(replaced!, "index.html"), "utf8")).toBe("first");
    expect(existsSync(second)).toBe(false);
  });

  it("puts the old site back when the new build cannot be moved in", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "swap-back-")), "_site");
    await publishBuild(out, site(newBuildFolder(out), "first"));
    const missing = path.join(`${out}.builds`, "1-3");

    await expect(publishBuild(out, missing)).rejects.toThrow(/ENOENT/);
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toBe("first");
    expect(readdirSync(`${out}.builds`)).toEqual([]);
  });

  it("replaces the link to a build that earlier versions made _site, removing nothing itself", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "swap-legacy-")), "_site");
    const old = site(path.join(`${out}.builds`, `${deadPid()}-1`), "linked");
    symlinkSync(path.relative(path.dirname(out), old), out);
    const replaced = await publishBuild(out, site(newBuildFolder(out), "real"));

    expect(lstatSync(out).isDirectory()).toBe(true);
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toBe("real");
    expect(replaced).toBe(old);
  });

  it("leaves alone a folder that _site linked to outside its builds", async () => {
    const parent = mkdtempSync(path.join(tmpdir(), "swap-own-link-"));
    const elsewhere = site(path.join(parent, "published"), "by hand");
    const out = path.join(parent, "_site");
    symlinkSync(elsewhere, out);
    expect(await publishBuild(out, site(newBuildFolder(out), "built"))).toBeUndefined();

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

  it("never removes the build an earlier version's _site links to, though its process has exited", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "swap-current-")), "_site");
    const current = site(path.join(`${out}.builds`, `${deadPid()}-1`), "current");
    const stale = site(path.join(`${out}.builds`, `${deadPid()}-2`), "stale");
    symlinkSync(path.relative(path.dirname(out), current), out);

    expect(await removeLeftovers(out)).toEqual([stale]);
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toBe("current");
  });

  it("removes a killed build's folder, the site it replaced and its temporary files, not a spare", async () => {
    const out = site(path.join(mkdtempSync(path.join(tmpdir(), "swap-left-")), "_site"), "site");
    const dead = deadPid();
    const builds = `${out}.builds`;
    const leftovers = [
      site(path.join(builds, `${dead}-5`), "killed"),
      site(path.join(builds, `${dead}-4.replaced`), "replaced"),
    ];
    writeFileSync(path.join(builds, `.lock.${dead}.0.tmp`), "{}");
    const spare = site(spareFolderFor(out, "1-1"), "spare");

    expect((await removeLeftovers(out)).sort()).toEqual(
      [...leftovers, path.join(builds, `.lock.${dead}.0.tmp`)].sort(),
    );
    expect(existsSync(spare)).toBe(true);
  });

  it("finishes a publish killed between its two renames, before leftovers are removed", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "swap-finish-")), "_site");
    const name = `${deadPid()}-7`;
    site(path.join(`${out}.builds`, `${name}.replaced`), "old");
    site(path.join(`${out}.builds`, name), "new");

    expect(finishInterruptedPublish(out)).toMatch(
      /stopped while it published .*_site: its finished site is now in place/,
    );
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toBe("new");
    expect(finishInterruptedPublish(out)).toBeUndefined();
    await removeLeftovers(out);
    expect(readdirSync(`${out}.builds`)).toEqual([]);
  });

  it("puts the replaced site back when the killed publish left no finished build", () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "swap-finish-old-")), "_site");
    site(path.join(`${out}.builds`, `${deadPid()}-8.replaced`), "old");

    expect(finishInterruptedPublish(out)).toMatch(/the site it replaced is back in place/);
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toBe("old");
  });

  it("keeps the build it replaced when asked, as a spare that cleaning leftovers leaves alone", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "swap-spare-")), "_site");
    await publishBuild(out, site(path.join(`${out}.builds`, `${deadPid()}-1`), "first"));
    const spare = spareFolderFor(out, `${deadPid()}-1`);
    const replaced = await publishBuild(out, site(newBuildFolder(out), "second"));
    renameSync(replaced!, spare);

    expect(readFileSync(path.join(spare, "index.html"), "utf8")).toBe("first");
    expect(await removeLeftovers(out)).toEqual([]);
    expect(existsSync(spare)).toBe(true);
  });

  it("claims a spare of its own output only, by renaming it to this build's folder", () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "swap-claim-")), "_site");
    const spare = site(spareFolderFor(out, path.join(`${out}.builds`, "1-2")), "spare");
    const other = path.join(mkdtempSync(path.join(tmpdir(), "swap-claim-other-")), "_site");
    const foreign = site(spareFolderFor(other, path.join(`${other}.builds`, "1-2")), "other");

    expect(claimSpare(out, foreign)).toBeUndefined();
    expect(claimSpare(out, path.join(`${out}.builds`, "1-2"))).toBeUndefined();
    const claimed = claimSpare(out, spare)!;
    expect(path.basename(claimed)).toMatch(new RegExp(`^${process.pid}-\\d+$`));
    expect(readFileSync(path.join(claimed, "index.html"), "utf8")).toBe("spare");
    expect(existsSync(spare)).toBe(false);
    // Taken already: a second build finds nothing to claim.
    expect(claimSpare(out, spare)).toBeUndefined();
    expect(existsSync(foreign)).toBe(true);
  });

  it("removes every spare but the one to keep", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "swap-spares-")), "_site");
    const keep = site(spareFolderFor(out, "1-1"), "keep");
    const stale = site(spareFolderFor(out, "1-2"), "stale");
    const build = site(path.join(`${out}.builds`, `${process.pid}-3`), "running");
    await removeSpares(out, keep);

    expect([existsSync(keep), existsSync(stale), existsSync(build)]).toEqual([true, false, true]);
  });
});
