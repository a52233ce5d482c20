import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BASE_SITE, article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { runBuild } from "../helpers/run-build.ts";
import { listFiles } from "../helpers/site-files.ts";

/** Names the host in the archive's `_data/site.json`, or takes it out. */
function setHost(root: string, host: unknown): void {
  writeFileSync(path.join(root, "_data/site.json"), JSON.stringify({ ...BASE_SITE, host }));
}

describe("the output measured against the host's limits", () => {
  it("reports the output, warns near the host's limits and fails over them, keeping the previous site", () => {
    const root = makeFixtureSite({
      articles: {
        "2024/11/a.md": article({ title: '"First"' }),
        "2024/11/b.md": article({ title: '"Second"', date: "2024-11-14" }),
      },
    });
    const outParent = mkdtempSync(path.join(tmpdir(), "archive-host-"));
    const site = path.join(outParent, "_site");

    // No host named: the report alone, on the line that says the build is done.
    const plain = runBuild(root, site);
    expect(plain.status, plain.stderr).toBe(0);
    const files = listFiles(site).length;
    const report = new RegExp(
      `Built 2 articles into .* in [\\d.]+ s: ${files.toLocaleString("en")} files, [\\d.]+ (kB|MB), largest file \\S+ \\([\\d.]+ (kB|MB)\\)\\.`,
    );
    expect(plain.stdout).toMatch(report);
    expect(plain.stderr).not.toContain("⚠");

    // A named host it fits with room to spare: how far from each limit.
    setHost(root, "cloudflare-pages");
    const fits = runBuild(root, site);
    expect(fits.status, fits.stderr).toBe(0);
    expect(fits.stdout).toContain(
      "Fits Cloudflare Pages (free plan): files <1% of 20,000, largest file <1% of 25 MiB.",
    );

    // Within 10% of the limit: built and published, with a warning and the breakdown.
    const limit = Math.ceil(files / 0.95);
    setHost(root, { name: "a small plan", maxFiles: limit });
    const near = runBuild(root, site);
    expect(near.status, near.stderr).toBe(0);
    expect(near.stdout).toMatch(report);
    expect(near.stderr).toContain(
      `⚠ The site is close to the limits set in _data/site.json "host" ("a small plan").`,
    );
    expect(near.stderr).toContain(`files: ${files}, `);
    expect(near.stderr).toContain(`of the limit of ${limit}`);
    expect(near.stderr).toMatch(/by files: .*pagefind\/ \d+ files \(\d+%\)/);

    const before = listFiles(site);
    const home = readFileSync(path.join(site, "index.html"), "utf8");

    // Over the limit: the build fails before the swap and says by how much and what weighs most.
    setHost(root, { maxFiles: 10 });
    const over = runBuild(root, site);
    expect(over.status).toBe(1);
    expect(over.stderr).toContain(`✖ The site is over the limits set in _data/site.json "host".`);
    expect(over.stderr).toContain(
      `files: ${files}, ${files - 10} (${Math.round(((files - 10) / 10) * 100)}%) over the limit of 10`,
    );
    expect(over.stderr).toMatch(/What weighs most:\n {2}by files: .*pagefind\/ \d+ files \(\d+%\)/);
    expect(over.stderr).toMatch(/by size: \S+\/? [\d.]+ (kB|MB) \(\d+%\)/);
    expect(over.stderr).toContain('("host": "github-pages", "cloudflare-pages"');
    expect(over.stderr).toContain("or publish fewer pages");
    expect(over.stdout).not.toContain("Built");

    // The previous site is exactly as it was, and nothing of the failed build is left beside it.
    expect(listFiles(site)).toEqual(before);
    expect(readFileSync(path.join(site, "index.html"), "utf8")).toBe(home);
    expect(readdirSync(outParent).sort()).toEqual(["_site", "_site.builds"]);
    // Beside the real `_site`, at most the spare the build cache keeps; no folder of the failed build.
    expect(
      readdirSync(path.join(outParent, "_site.builds")).filter(
        (name) => !name.startsWith("spare-"),
      ),
    ).toEqual([]);
  });

  it("stops at an unknown host name before building, listing the known ones", () => {
    const root = makeFixtureSite({
      articles: { "2024/11/a.md": article() },
      site: { host: "github" },
    });
    const site = path.join(mkdtempSync(path.join(tmpdir(), "archive-host-name-")), "_site");
    const run = runBuild(root, site);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      '_data/site.json: host: unknown host "github": expected one of github-pages, cloudflare-pages, cloudflare-pages-paid, netlify, gitlab-pages',
    );
  });
});
