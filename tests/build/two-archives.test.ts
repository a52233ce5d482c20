import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { PROJECT_DIR, scriptArguments } from "../../scripts/node-script.ts";
import { listFiles } from "../helpers/site-files.ts";

/**
 * Two archives built one after the other in one process (two `buildSite` calls): each output holds
 * its own archive's stories and settings only, as nothing of a build is left in the process's
 * environment or in module state for the next one to pick up.
 */
interface Built {
  built: Array<{ outDir: string; titles: string[]; searchPages?: number }>;
  changedEnv: string[];
}

const HARBOUR = makeFixtureSite({
  site: { title: "Harbour Gazette", url: "https://harbour.example.org" },
  articles: {
    "2024/11/harbour-reopens.md": article({ title: '"Harbour reopens"', topics: "[Harbours]" }),
    "2024/11/ferry-returns.md": article({ title: '"Ferry returns"', date: "2024-11-14" }),
  },
});
const MOUNTAIN = makeFixtureSite({
  site: { title: "Mountain Courier", url: "https://mountain.example.org", pathPrefix: "/courier/" },
  articles: { "2023/02/pass-closes.md": article({ title: '"Pass closes"', date: "2023-02-01" }) },
});

describe("two archives built in one process", () => {
  let run: Built;
  const out = mkdtempSync(path.join(tmpdir(), "two-archives-"));
  const harbourSite = path.join(out, "harbour");
  const mountainSite = path.join(out, "mountain");
  const read = (site: string, file: string) => readFileSync(path.join(site, file), "utf8");

  beforeAll(() => {
    const sites = [
      // The first build's settings override (PATH_PREFIX) must not reach the second.
      { root: HARBOUR, outDir: harbourSite, env: { PATH_PREFIX: "/gazette/" } },
      { root: MOUNTAIN, outDir: mountainSite },
    ];
    const child = spawnSync(
      process.execPath,
      scriptArguments("tests/helpers/build-sites.ts", [JSON.stringify(sites)]),
      { cwd: PROJECT_DIR, encoding: "utf8", timeout: 300_000 },
    );
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    run = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Built;
  });

  it("reads each archive's own stories", () => {
    expect(run.built.map((build) => build.titles)).toEqual([
      ["Ferry returns", "Harbour reopens"],
      ["Pass closes"],
    ]);
    expect(run.built.map((build) => build.searchPages)).toEqual([2, 1]);
  });

  it("writes only its own stories, title and address into each site", () => {
    const harbour = read(harbourSite, "index.html");
    expect(harbour).toContain("Harbour Gazette");
    expect(harbour).toContain('href="/gazette/articles/2024/11/harbour-reopens/"');
    expect(harbour).not.toMatch(/Mountain Courier|Pass closes|\/courier\//);
    const mountain = read(mountainSite, "index.html");
    expect(mountain).toContain("Mountain Courier");
    expect(mountain).toContain('href="/courier/articles/2023/02/pass-closes/"');
    expect(mountain).not.toMatch(/Harbour Gazette|Harbour reopens|Ferry returns|\/gazette\//);
    expect(read(mountainSite, "feed.xml")).toContain("https://mountain.example.org/courier/");
    expect(read(mountainSite, "feed.xml")).not.toContain("harbour");
  });

  it("gives each site the pages of its own archive only", () => {
    const articles = (site: string) => listFiles(site).filter((f) => f.startsWith("articles/"));
    expect(articles(harbourSite)).toEqual([
      "articles/2024/11/ferry-returns/index.html",
      "articles/2024/11/harbour-reopens/index.html",
    ]);
    expect(articles(mountainSite)).toEqual(["articles/2023/02/pass-closes/index.html"]);
    expect(listFiles(mountainSite)).not.toContain("topics/harbours/index.html");
  });

  it("leaves the process's environment as it found it", () => {
    expect(run.changedEnv).toEqual([]);
  });
});
