import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { runBuild } from "../helpers/run-build.ts";
import { listFiles } from "../helpers/site-files.ts";

describe("a failed build", () => {
  it("exits non-zero with the file and field, and leaves the previous output exactly as it was", () => {
    const root = makeFixtureSite({ articles: { "2024/11/a.md": article() } });
    const outParent = mkdtempSync(path.join(tmpdir(), "archive-failed-"));
    const site = path.join(outParent, "_site");
    expect(runBuild(root, site).status).toBe(0);
    const before = listFiles(site);
    const home = readFileSync(path.join(site, "index.html"), "utf8");

    writeFileSync(path.join(root, "content/articles/2024/11/b.md"), article({ date: "yesterday" }));
    const run = runBuild(root, site);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain("content/articles/2024/11/b.md:3: date:");
    expect(listFiles(site)).toEqual(before);
    expect(readFileSync(path.join(site, "index.html"), "utf8")).toBe(home);
    // Nothing left beside it: the failed build's folder is removed.
    expect(readdirSync(outParent).sort()).toEqual(["_site", "_site.builds"]);
    expect(readdirSync(path.join(outParent, "_site.builds"))).toEqual([]);
  });

  it("replaces the output when the next build succeeds", () => {
    const root = makeFixtureSite({ articles: { "2024/11/a.md": article() } });
    const site = path.join(mkdtempSync(path.join(tmpdir(), "archive-rebuild-")), "_site");
    expect(runBuild(root, site).status).toBe(0);
    writeFileSync(path.join(root, "content/articles/2024/11/b.md"), article({ title: '"Second"' }));
    expect(runBuild(root, site).status).toBe(0);
    expect(listFiles(site)).toContain("articles/2024/11/b/index.html");
  });
});
