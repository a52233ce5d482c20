import { spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  truncateSync,
  utimesSync,
  appendFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILD_STEPS } from "../../src/build/build-site.ts";
import type { CacheReport } from "../../src/cache/build-cache.ts";
import { ATOMIC_WRITE_TEMP_FILE } from "../../src/files/leftover-temp-files.ts";
import { listFilesUnder } from "../../src/files/list-files.ts";
import { importReuters } from "../../src/import/reuters/import-collection.ts";
import { differences } from "../helpers/compare-sites.ts";
import { makeFixtureSite } from "../helpers/fixture-site.ts";
import { reutersDir } from "../helpers/reuters.ts";
import { buildArguments, PROJECT_DIR, runBuild, type BuildRun } from "../helpers/run-build.ts";

/**
 * Faults a build cache must survive, on a few thousand Reuters stories in several search bundles:
 * builds killed at each of their steps (by `BUILD_TEST_KILL_AT`, not by timing), stories swapped
 * or edited so that size and time stay, published pages changed in place, damaged cache files, a
 * read-only cache, a failure after publishing and builds started together. After each, the build
 * with the cache must write what a clean build of the same sources writes, file by file.
 *
 * One archive is imported once and then changed in turn between two states, A (as imported) and
 * B (one story edited, one added), whose clean builds are made once each; every other change is
 * undone before the next test.
 */
const STORIES = Number(process.env.FAULT_STORIES ?? 2000);
const ENV: NodeJS.ProcessEnv = { SEARCH_BUNDLE_SIZE: "400", SEARCH_NEWEST_BUNDLE_SIZE: "100" };

/** A build that a test stops on purpose reports SIGKILL: null, or 137 through tsx. */
const KILLED = [null, 137];

/** Node's stack-trace lines: no build message may hold one. */
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

function build(root: string, site: string, env: NodeJS.ProcessEnv = {}, args: string[] = []) {
  const stats = path.join(mkdtempSync(path.join(tmpdir(), "faults-stats-")), "stats.json");
  const run = runBuild(root, site, { ...ENV, ...env }, ["--stats", stats, ...args]);
  const report = existsSync(stats)
    ? (JSON.parse(readFileSync(stats, "utf8")) as { cache?: CacheReport }).cache
    : undefined;
  return { ...run, report };
}

/** A build run in the background, for builds started together. */
function buildLater(root: string, site: string): Promise<BuildRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, buildArguments(root, site), {
      cwd: PROJECT_DIR,
      env: { ...process.env, ...ENV },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (status) => resolve({ status, stdout, stderr }));
  });
}

/** A copy of `root` without its caches, built with --no-cache: the site the cache must equal. */
function cleanBuild(root: string): string {
  const copy = mkdtempSync(path.join(tmpdir(), "faults-clean-"));
  cpSync(root, copy, { recursive: true, filter: (source) => path.basename(source) !== ".cache" });
  const site = path.join(copy, "_site");
  const run = runBuild(copy, site, ENV, ["--no-cache"]);
  if (run.status !== 0) throw new Error(`The clean build failed:\n${run.stderr}`);
  return site;
}

/** Makes `dir` and everything in it unwritable, even for root (whose writes ignore modes). */
function setReadOnly(dir: string, readOnly: boolean): void {
  const run =
    process.getuid?.() === 0
      ? spawnSync("chattr", ["-R", readOnly ? "+i" : "-i", dir], { encoding: "utf8" })
      : spawnSync("chmod", ["-R", readOnly ? "a-w" : "u+w", dir], { encoding: "utf8" });
  if (run.status !== 0) {
    throw new Error(`Could not make ${dir} ${readOnly ? "read-only" : "writable"}: ${run.stderr}`);
  }
}

describe(`a build cache on ${STORIES.toLocaleString("en")} Reuters stories, under faults`, () => {
  let root: string;
  let site: string;
  let cache: string;
  /** The story B edits, its text in A, and the story B adds. */
  let edited: string;
  let original: string;
  let added: string;
  const references: Record<"A" | "B", string> = { A: "", B: "" };
  let state: "A" | "B" = "A";

  const setState = (next: "A" | "B") => {
    writeFileSync(
      edited,
      next === "A" ? original : original.replace(/\n\n/, "\n\nHarbour update.\n\n"),
    );
    if (next === "B") {
      writeFileSync(added, original.replace(/^title: .*$/m, 'title: "Harbour talks resume"'));
    } else if (existsSync(added)) {
      // Removed through a rename away, as a person's `git checkout` would.
      renameSync(added, `${added}.gone`);
    }
    state = next;
  };
  const toggle = () => setState(state === "A" ? "B" : "A");

  /** The cached build must equal the clean build of the current state. */
  const equalsClean = (reference = references[state]) =>
    expect(differences(reference, site)).toEqual([]);

  /** Nothing a killed build left: no temporary file in the cache, no folder beside the spare. */
  const noLeftovers = () => {
    const temporary = listFilesUnder(cache).filter((file) =>
      ATOMIC_WRITE_TEMP_FILE.test(path.basename(file)),
    );
    expect(temporary).toEqual([]);
    expect(readdirSync(`${site}.builds`).filter((name) => !name.startsWith("spare-"))).toEqual([]);
    expect(lstatSync(site).isDirectory()).toBe(true);
  };

  /** A build that must succeed with the cache, quietly, and equal the clean one. */
  const cachedEqualsClean = (reference?: string) => {
    const run = build(root, site);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(STACK);
    equalsClean(reference);
    return run;
  };

  beforeAll(() => {
    root = makeFixtureSite({
      site: { title: "Reuters-21578", url: "https://reuters.example.org" },
    });
    const summary = importReuters({ sourceDir: reutersDir(), root, limit: STORIES });
    expect(summary.counts.imported).toBe(STORIES);
    cache = path.join(root, ".cache", "build");
    site = path.join(mkdtempSync(path.join(tmpdir(), "faults-site-")), "_site");
    const articles = path.join(root, "content", "articles");
    const files = listFilesUnder(articles).filter((file) => file.endsWith(".md"));
    edited = path.join(articles, files[Math.floor(files.length / 3)]!);
    original = readFileSync(edited, "utf8");
    added = path.join(path.dirname(edited), "harbour-talks-resume.md");
    setState("B");
    references.B = cleanBuild(root);
    setState("A");
    references.A = cleanBuild(root);
  });

  it("builds in several search bundles, and equals a clean build from the first cached build on", () => {
    const bundles = readdirSync(path.join(references.A, "pagefind")).filter((name) =>
      /^\d{4}-\d{2}-\d{2}$/.test(name),
    );
    expect(bundles.length).toBeGreaterThanOrEqual(3);
    cachedEqualsClean();
    toggle();
    cachedEqualsClean();
  });

  it.each(BUILD_STEPS)("equals a clean build after a build killed at %s", (step) => {
    toggle();
    const killed = build(root, site, { BUILD_TEST_KILL_AT: step });
    expect(KILLED, `the build never reached ${step}`).toContain(killed.status);
    const run = cachedEqualsClean();
    noLeftovers();
    // A site left whole is never called gone.
    expect(run.stdout + run.stderr).not.toMatch(/is gone/);
  });

  it("reads again stories swapped by mv or edited with their size and time kept", () => {
    const articles = path.join(root, "content", "articles");
    const bySize = new Map<number, string[]>();
    for (const file of listFilesUnder(articles)) {
      const full = path.join(articles, file);
      if (full === edited || full === added || !file.endsWith(".md")) continue;
      const size = statSync(full).size;
      bySize.set(size, [...(bySize.get(size) ?? []), full]);
    }
    const [a, b] = [...bySize.values()].find((files) => files.length >= 2)!;
    const [c] = [...bySize.values()].find((files) => files.length === 1)!;
    const [textA, textB, textC] = [a!, b!, c!].map((file) => readFileSync(file, "utf8"));
    expect(textA).not.toBe(textB);
    // One time for both, an hour ago, and a build that records them so.
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const file of [a!, b!, c!]) utimesSync(file, hourAgo, hourAgo);
    cachedEqualsClean();

    // mv keeps each file's time: the two names now hold each other's story, same size and time.
    renameSync(a!, `${a}.swap`);
    renameSync(b!, a!);
    renameSync(`${a}.swap`, b!);
    // An edit in place that keeps the size, its time put back.
    writeFileSync(
      c!,
      textC!.replace(/[a-z](?=[^a-z]*$)/i, (letter) => (letter === "x" ? "y" : "x")),
    );
    utimesSync(c!, hourAgo, hourAgo);
    expect(statSync(c!).size).toBe(Buffer.byteLength(textC!));
    const swapped = cleanBuild(root);
    cachedEqualsClean(swapped);

    // Put back, the archive is the state it was in, and so is the site.
    renameSync(a!, `${a}.swap`);
    renameSync(b!, a!);
    renameSync(`${a}.swap`, b!);
    writeFileSync(c!, textC!);
    utimesSync(c!, hourAgo, hourAgo);
    cachedEqualsClean();
  });

  it("renders again published files changed in place, naming them", () => {
    const pages = listFilesUnder(path.join(site, "articles")).filter((file) =>
      file.endsWith("index.html"),
    );
    const [sedPage, appendedPage] = [pages[0]!, pages[1]!].map((file) =>
      path.join(site, "articles", file),
    );
    // sed -i writes a new file, which the spare does not share; >> appends to the file that the
    // spare shares through a hard link, changing both.
    const sed = spawnSync("sed", ["-i", "s|</head>|<script src=/a.js></script></head>|", sedPage!]);
    expect(sed.status).toBe(0);
    appendFileSync(appendedPage!, "<!-- analytics -->\n");
    const bundle = readdirSync(path.join(site, "pagefind")).find((name) =>
      /^\d{4}-\d{2}-\d{2}$/.test(name),
    )!;
    appendFileSync(path.join(site, "pagefind", bundle, "pagefind-entry.json"), " ");
    const run = cachedEqualsClean();
    expect(run.report?.changedFiles).toContain(path.relative(PROJECT_DIR, appendedPage!));
    expect(run.report?.bundlesReused).not.toContain(bundle);
    expect(run.report?.bundlesIndexed).toContain(bundle);
  });

  it("ignores truncated cache files for their folder, saying so in a line", () => {
    toggle();
    const store = path.join(cache, "articles");
    const folder = path.relative(root, path.dirname(edited)).split(path.sep).join("/");
    const shard = path.join(store, `${encodeURIComponent(folder)}.json`);
    const text = readdirSync(store).find(
      (name) => name.startsWith(`${encodeURIComponent(folder)}~`) && name.endsWith(".text.json"),
    )!;
    truncateSync(path.join(store, text), Math.floor(statSync(path.join(store, text)).size / 2));
    const run = cachedEqualsClean();
    const lines = run.stderr.split("\n").filter((line) => line.includes("is damaged"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`record of ${folder}`);

    toggle();
    truncateSync(shard, Math.floor(statSync(shard).size / 2));
    const again = cachedEqualsClean();
    expect(again.stderr).toContain(`record of ${folder}`);

    const stateFile = path.join(cache, "state.json");
    truncateSync(stateFile, Math.floor(statSync(stateFile).size / 2));
    const whole = cachedEqualsClean();
    expect(whole.report?.ignored).toMatch(/state\.json is damaged: it holds \d+ of the \d+ bytes/);
  });

  it("builds without a read-only cache, with a warning, and uses it again once writable", () => {
    toggle();
    setReadOnly(cache, true);
    try {
      const run = cachedEqualsClean();
      expect(run.stderr).toMatch(/The build cache .* cannot be written .*: building without it/);
      expect(run.report).toBeUndefined();
    } finally {
      setReadOnly(cache, false);
    }
    toggle();
    cachedEqualsClean();
    noLeftovers();
  });

  it("publishes, exits 0 and warns when the cache cannot be saved after publishing", () => {
    toggle();
    const run = build(root, site, { BUILD_TEST_FAIL_AT: "state-temp-written" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/is published, but the build cache could not be saved/);
    expect(run.stderr).not.toMatch(STACK);
    equalsClean();
    const next = cachedEqualsClean();
    expect(next.report?.ignored).toBe("no build cache yet");
  });

  it("lets builds started together, or a second apart, take turns", async () => {
    toggle();
    const together = await Promise.all([buildLater(root, site), buildLater(root, site)]);
    for (const run of together) {
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout + run.stderr).not.toMatch(STACK);
    }
    expect(together.map((run) => run.stdout).join("")).toMatch(/Waiting for process \d+/);
    equalsClean();

    toggle();
    const first = buildLater(root, site);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const runs = await Promise.all([first, buildLater(root, site)]);
    for (const run of runs) {
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout + run.stderr).not.toMatch(STACK);
    }
    equalsClean();
    noLeftovers();
  });

  it("publishes a real folder whose every file a walk that follows no link finds", () => {
    const files = listFilesUnder(references[state]).sort();
    const parent = path.dirname(site);
    const found = spawnSync("find", ["_site", "-type", "f"], { cwd: parent, encoding: "utf8" });
    expect(
      found.stdout
        .trim()
        .split("\n")
        .map((file) => file.slice("_site/".length))
        .sort(),
    ).toEqual(files);
    const tar = spawnSync("sh", ["-c", "tar -cf - _site | tar -tf -"], {
      cwd: parent,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    const listed = tar.stdout
      .split("\n")
      .filter((line) => line && !line.endsWith("/"))
      .map((line) => line.slice("_site/".length))
      .sort();
    expect(listed).toEqual(files);
  });
});
