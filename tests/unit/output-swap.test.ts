import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  claimSpare,
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

  it("keeps the build it replaced when asked, as a spare that cleaning leftovers leaves alone", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "swap-spare-")), "_site");
    const first = site(path.join(`${out}.builds`, `${deadPid()}-1`), "first");
    await publishBuild(out, first);
    let replaced: string | undefined;
    const spare = spareFolderFor(out, first);
    await publishBuild(out, site(newBuildFolder(out), "second"), (previous) => {
      replaced = previous;
      renameSync(previous!, spare);
      return true;
    });

    expect(replaced).toBe(path.resolve(first));
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
