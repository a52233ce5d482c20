import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { buildArguments, PROJECT_DIR, type BuildRun } from "../helpers/run-build.ts";
import { differences, offlineFiles } from "../helpers/compare-sites.ts";
import { searchIndexInfo } from "../helpers/search-index.ts";
import { listFiles } from "../helpers/site-files.ts";

/**
 * The search index built in several jobs, as a CI matrix builds it (README, "Building a large
 * archive in several CI jobs"): `--list-bundles`, one `--bundles <id>` process per bundle, then
 * `--assemble` with their folders. The assembled site must be the site one process builds.
 *
 * The search index is deterministic: two whole builds of one archive write the same bytes in
 * every file but sw.js and offline.json, whose build id is new each time (checked below first,
 * since the rest relies on it). So the assembled site is compared file by file, byte for byte,
 * and those two with the build id taken out.
 */

/** Every bundle in its own Pagefind process, as a large archive is built. */
const ENV = { SEARCH_BUNDLE_SIZE: "1" };

/** `npm run build` as a child process, like `runBuild`, without blocking: jobs run side by side. */
function build(
  root: string,
  out: string,
  args: string[],
  env: NodeJS.ProcessEnv = ENV,
): Promise<BuildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, buildArguments(root, out, args), {
      cwd: PROJECT_DIR,
      env: { ...process.env, ...env },
      timeout: 300_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

async function succeeded(run: Promise<BuildRun>): Promise<BuildRun> {
  const result = await run;
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return result;
}

/** A new, empty folder for one build's output. */
const folder = (name: string) =>
  path.join(mkdtempSync(path.join(tmpdir(), `matrix-${name}-`)), "out");

/** Runs the matrix: lists the bundles, builds each in its own process, assembles the site. */
async function matrixBuild(root: string, extra: string[] = []) {
  const listed = await succeeded(build(root, folder("list"), ["--list-bundles"]));
  const ids = JSON.parse(listed.stdout) as string[];
  const jobs = ids.map((id) => ({ id, dir: folder(`bundle-${id}`) }));
  await Promise.all(jobs.map((job) => succeeded(build(root, job.dir, ["--bundles", job.id]))));
  const site = folder("assembled");
  const assemble = ["--assemble", jobs.map((job) => job.dir).join(","), ...extra];
  await succeeded(build(root, site, assemble));
  return { listed, ids, jobs, site };
}

describe("the search index built in several jobs, on the sample archive", () => {
  let whole: string;
  let second: string;
  let matrix: Awaited<ReturnType<typeof matrixBuild>>;

  beforeAll(async () => {
    whole = folder("whole");
    second = folder("whole-again");
    [, , matrix] = await Promise.all([
      succeeded(build(PROJECT_DIR, whole, [])),
      succeeded(build(PROJECT_DIR, second, [])),
      matrixBuild(PROJECT_DIR),
    ]);
  });

  it("starts from a deterministic index: two whole builds differ only in their build id", () => {
    expect(listFiles(second)).toEqual(listFiles(whole));
    const differing = listFiles(whole).filter(
      (file) => !readFileSync(path.join(whole, file)).equals(readFileSync(path.join(second, file))),
    );
    expect(differing).toEqual(["offline.json", "sw.js"]);
    expect(differences(whole, second)).toEqual([]);
  });

  it("lists the bundles as JSON alone on stdout, newest first", () => {
    // One a day at SEARCH_BUNDLE_SIZE=1: the sample's two articles are of 12 and 13 November.
    expect(matrix.listed.stdout).toBe('["2024-11-13","2024-11-12"]\n');
    expect(matrix.ids).toEqual(["2024-11-13", "2024-11-12"]);
  });

  it("has each job write only its own bundle, in the whole build's layout", () => {
    // Each bundle is pagefind/<its first day>/; Pagefind's scripts are pagefind/ itself.
    const files = listFiles(path.join(whole, "pagefind"));
    const scripts = files.filter((file) => !file.includes("/"));
    expect(scripts).toContain("pagefind.js");
    const job = (id: string) => matrix.jobs.find((j) => j.id === id)!.dir;
    for (const id of ["2024-11-13", "2024-11-12"]) {
      const own = files.filter((file) => file.startsWith(`${id}/`));
      expect(own).toContain(`${id}/bundle.json`);
      expect(listFiles(path.join(job(id), "pagefind"))).toEqual([...own, ...scripts].sort());
    }
    for (const { id, dir } of matrix.jobs) {
      expect(readdirSync(dir).sort()).toEqual(["pagefind", "search-bundles"]);
      expect(readdirSync(path.join(dir, "search-bundles"))).toEqual([`${id}.json`]);
    }
  });

  it("assembles the site one process builds: the same files, byte for byte, sw.js aside", () => {
    expect(differences(whole, matrix.site)).toEqual([]);
    // The search page and the offline copy know both bundles.
    expect(searchIndexInfo(matrix.site).bundles.map((b) => b.dir)).toEqual([
      "2024-11-13/",
      "2024-11-12/",
    ]);
    const offline = offlineFiles(matrix.site);
    for (const dir of ["2024-11-13", "2024-11-12"]) {
      expect(offline.some((file) => file.startsWith(`pagefind/${dir}/fragment/`))).toBe(true);
    }
    expect(offline).toContain("pagefind/pagefind.js");
  });

  it("refuses an unknown bundle id, naming it and the archive's bundles", async () => {
    const out = folder("unknown");
    const run = await build(PROJECT_DIR, out, ["--bundles", "2024-11-13,1999-01-01"]);
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain("Indexed");
    expect(run.stderr).toContain("Unknown search bundle: 1999-01-01.");
    expect(run.stderr).toContain("2024-11-13, 2024-11-12");
    expect(existsSync(out)).toBe(false);
  });

  it("refuses to assemble without a bundle, naming it, and keeps the previous site", async () => {
    const site = matrix.site;
    const folder = statSync(site).ino;
    const before = listFiles(site);
    const sw = readFileSync(path.join(site, "sw.js"));
    const newest = matrix.jobs.find((job) => job.id === "2024-11-13")!;

    const run = await build(PROJECT_DIR, site, ["--assemble", newest.dir]);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Bundle 2024-11-12 is missing");
    expect(run.stderr).not.toContain("Bundle 2024-11-13 is missing");
    // The very folder it was: nothing moved in its place.
    expect(statSync(site).ino).toBe(folder);
    expect(listFiles(site)).toEqual(before);
    expect(readFileSync(path.join(site, "sw.js")).equals(sw)).toBe(true);
    expect(readdirSync(`${site}.builds`).filter((name) => !name.startsWith("spare-"))).toEqual([]);
    expect(differences(whole, site)).toEqual([]);
  });

  it("refuses a bundle built from other pages than the assembling build's", async () => {
    const other = folder("other-prefix");
    // The same bundle, indexed from pages built for another sub-path.
    await succeeded(
      build(PROJECT_DIR, other, ["--bundles", "2024-11-12"], { ...ENV, PATH_PREFIX: "/news/" }),
    );
    const newest = matrix.jobs.find((job) => job.id === "2024-11-13")!;
    const site = folder("stale");
    const run = await build(PROJECT_DIR, site, ["--assemble", `${newest.dir},${other}`]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("bundle 2024-11-12");
    expect(run.stderr).toContain("indexed other pages than this build's");
    expect(existsSync(site)).toBe(false);
  });
});

/** A photo made here, as the photo tests make theirs. */
const photo = () =>
  sharp({ create: { width: 900, height: 600, channels: 3, background: "#456" } })
    .jpeg()
    .toBuffer();

describe("the search index built in several jobs, on an archive with photos", () => {
  it("plans photos without encoding them in a bundle job, and assembles the same site", async () => {
    const lead = (src: string) =>
      [
        "",
        `  - src: ${src}`,
        '    alt: "A photo"',
        '    caption: "Ministers meet in Brussels."',
      ].join("\n");
    const root = makeFixtureSite({
      topics: [{ name: "NATO" }],
      articles: {
        "2024/11/a.md": article({ title: '"First"', date: "2024-11-11", topics: "[NATO]" }),
        "2024/11/b.md": article({
          title: '"Second"',
          date: "2024-11-12",
          topics: "[NATO]",
          images: lead("photos/b.jpg"),
        }),
        "2024/11/c.md": article({
          title: '"Third"',
          date: "2024-11-13",
          topics: "[NATO]",
          images: lead("photos/c.jpg"),
        }),
      },
      files: { "assets/photos/b.jpg": await photo(), "assets/photos/c.jpg": await photo() },
    });
    // The bundle jobs first, before any build has filled the photo cache: they must not fill it.
    const jobs = [folder("photos-newest"), folder("photos-sealed")];
    await Promise.all([
      succeeded(build(root, jobs[0]!, ["--bundles", "2024-11-13"])),
      succeeded(build(root, jobs[1]!, ["--bundles", "2024-11-12,2024-11-11"])),
    ]);
    expect(existsSync(path.join(root, ".cache"))).toBe(false);
    const whole = folder("photos-whole");
    await succeeded(build(root, whole, []));
    const site = folder("photos-assembled");
    await succeeded(build(root, site, ["--assemble", jobs.join(",")]));
    expect(listFiles(site).filter((file) => file.startsWith("img/")).length).toBeGreaterThan(0);
    expect(differences(whole, site)).toEqual([]);
  });
});
