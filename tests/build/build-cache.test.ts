import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  lstatSync,
  mkdirSync,
  realpathSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { differences } from "../helpers/compare-sites.ts";
import { buildArguments, PROJECT_DIR, runBuild } from "../helpers/run-build.ts";
import { planArchiveBundles } from "../../src/search/bundles.ts";
import type { CacheReport } from "../../src/cache/build-cache.ts";
import { cacheKey } from "../../src/cache/cache-key.ts";
import { cacheStateFile } from "../../src/cache/cache-state.ts";
import type { FileStamp } from "../../src/files/file-stamp.ts";
import { readCheckedFile } from "../../src/files/checked-file.ts";
import { measureOutput, type OutputMeasure } from "../../src/output/host-limits.ts";
import { loadArchive } from "../../src/collections/load-archive.ts";
import { runImport } from "../../src/import/run-import.ts";
import { searchIndexInfo, storiesWithWord } from "../helpers/search-index.ts";

/**
 * The build cache (src/cache/build-cache.ts): after each kind of change, a build that uses the
 * previous build's cache must write exactly the site a clean build writes (sw.js's build id
 * aside), search bundles included, byte for byte, while reusing what did not change.
 */

/**
 * Two stories per search bundle, so that the archive has sealed bundles and a newest one; the
 * stories after the last sealed bundle are not split again (the last test splits them).
 */
const ENV: NodeJS.ProcessEnv = { SEARCH_BUNDLE_SIZE: "2", SEARCH_NEWEST_BUNDLE_SIZE: "2" };

const photo = (shade: number) =>
  sharp({
    create: { width: 800, height: 500, channels: 3, background: { r: shade, g: 90, b: 120 } },
  })
    .jpeg()
    .toBuffer();

const lead = (src: string, caption: string) =>
  ["", `  - src: ${src}`, '    alt: "A photo"', `    caption: "${caption}"`].join("\n");

const BODY = (n: number) =>
  `Ministers met in Brussels for talks number ${n} on trade and harbour tariffs.\n\nThe talks went on late.`;

/** A copy of `root` without its caches: what a clean build starts from. */
function cleanCopy(root: string): string {
  const copy = mkdtempSync(path.join(tmpdir(), "cache-clean-"));
  cpSync(root, copy, {
    recursive: true,
    filter: (source) => path.basename(source) !== ".cache",
  });
  return copy;
}

/** What a build's `--stats` file says: its cache report, and the shards Pagefind indexed. */
interface Stats {
  cache?: CacheReport;
  outputFiles?: number;
  outputFolders?: number;
  outputBytes?: number;
  largestFile?: OutputMeasure["largestFile"];
  fullestFolder?: OutputMeasure["fullestFolder"];
  outputParts?: OutputMeasure["parts"];
  searchProcesses?: Array<{ bundle: string; pages: number }>;
}

function build(root: string, out: string, args: string[] = [], env = ENV) {
  const stats = path.join(mkdtempSync(path.join(tmpdir(), "cache-stats-")), "stats.json");
  const run = runBuild(root, out, env, ["--stats", stats, ...args]);
  expect(run.stderr, run.stderr).toBe("");
  expect(run.status).toBe(0);
  return JSON.parse(readFileSync(stats, "utf8")) as Stats;
}

describe("the build cache", () => {
  let root: string;
  let site: string;
  const write = (file: string, content: string | Buffer) =>
    writeFileSync(path.join(root, file), content);
  const story = (file: string) => path.join("content", "articles", file);

  /**
   * The output's folders: `published` when the output is a real folder (see output-swap.ts), then
   * what its builds folder holds, spares as `spare`.
   */
  const buildFolders = () => [
    ...(lstatSync(site).isDirectory() ? ["published"] : []),
    ...readdirSync(`${site}.builds`)
      .map((name) => (name.startsWith("spare-") ? "spare" : name))
      .sort(),
  ];

  const shardsIndexedBy = (stats: Stats) => (stats.searchProcesses ?? []).map((p) => p.bundle);

  /** The shards Pagefind indexed in the last build with the cache. */
  let shardsIndexed: string[] = [];

  /**
   * What the last build measured of its output, without listing the folders of its pages nor
   * asking the file system again for the pages it kept, is what a whole walk of the published site
   * finds: its files, folders and size as a host counts them, every file the cache recorded for the
   * next build, and each reusable file's stamp.
   */
  function measuredAsWalked(stats: Stats) {
    const walked = measureOutput(site, { paths: true });
    expect({
      files: stats.outputFiles,
      folders: stats.outputFolders,
      bytes: stats.outputBytes,
      largestFile: stats.largestFile,
      fullestFolder: stats.fullestFolder,
      parts: stats.outputParts,
    }).toEqual({
      files: walked.files,
      folders: walked.folders,
      bytes: walked.bytes,
      largestFile: walked.largestFile,
      fullestFolder: walked.fullestFolder,
      parts: walked.parts,
    });
    const read = readCheckedFile(cacheStateFile(path.join(root, ".cache", "build")));
    const state = JSON.parse("body" in read ? read.body : "{}") as {
      pages: Record<string, string>;
      extras: string[];
      files: Record<string, [number, number, number, string]>;
    };
    const listed = new Set([...Object.keys(state.pages), ...state.extras]);
    expect([...listed].sort()).toEqual([...walked.paths!].sort());
    const recorded = Object.entries(state.files);
    expect(recorded.length).toBeGreaterThan(0);
    for (const [file, [ino, size, mtimeMs]] of recorded) {
      const stamp = walked.stamps!.get(file);
      expect({ file, ino, size, mtimeMs }).toEqual({ file, ...pick(stamp) });
    }
  }
  const pick = (stamp: FileStamp | undefined) =>
    stamp && { ino: stamp.ino, size: stamp.size, mtimeMs: stamp.mtimeMs };

  /** Builds with the cache and a clean copy; the two must be the same site. */
  function cachedEqualsClean(env = ENV): CacheReport {
    const stats = build(root, site, [], env);
    measuredAsWalked(stats);
    shardsIndexed = (stats.searchProcesses ?? []).map((p) => p.bundle).sort();
    const reference = path.join(mkdtempSync(path.join(tmpdir(), "cache-ref-")), "_site");
    build(cleanCopy(root), reference, [], env);
    expect(differences(reference, site)).toEqual([]);
    return stats.cache!;
  }

  /** The shard store's entries (src/search/shard-store.ts), with their modification times. */
  const storedShards = () => {
    const dir = path.join(root, ".cache", "search");
    return new Map(
      readdirSync(dir)
        .filter((name) => name.endsWith(".pfs"))
        .map((name) => [name, statSync(path.join(dir, name)).mtimeMs]),
    );
  };

  /** Bundle folder → the stories whose index entry for `word` the published site's bundle has. */
  const bundlesWith = (word: string) => {
    const info = searchIndexInfo(site);
    const found: Record<string, string[]> = {};
    for (const bundle of info.bundles) {
      const urls = storiesWithWord(path.join(site, "pagefind", bundle.dir), word);
      if (urls.length) found[bundle.dir] = urls;
    }
    return found;
  };

  beforeAll(async () => {
    const day = (n: number) => `2024-11-${String(n).padStart(2, "0")}`;
    root = makeFixtureSite({
      topics: [{ name: "NATO" }, { name: "Trade", aliases: ["Commerce"] }],
      people: [{ name: "Ada Lovelace", aliases: ["Ada"] }],
      places: [{ name: "Brussels" }],
      articles: Object.fromEntries(
        Array.from({ length: 7 }, (_, i) => [
          `2024/11/story-${i + 1}.md`,
          article(
            {
              title: `"Story ${i + 1}"`,
              date: day(i + 1),
              topics: i % 2 ? "[NATO, Trade]" : "[Trade]",
              people: i % 3 ? "[Ada Lovelace]" : "[]",
              places: "[Brussels]",
              ...(i === 1 || i === 5
                ? { images: lead(`photos/p${i + 1}.jpg`, `Harbour photo ${i + 1}`) }
                : {}),
            },
            BODY(i + 1),
          ),
        ]),
      ),
      files: {
        "assets/photos/p2.jpg": await photo(10),
        "assets/photos/p6.jpg": await photo(60),
      },
    });
    site = path.join(mkdtempSync(path.join(tmpdir(), "cache-site-")), "_site");
  }, 120_000);

  it("builds everything the first time, and says why", () => {
    const report = cachedEqualsClean();
    expect(report.ignored).toBe("no build cache yet");
    expect(report.pagesReused).toBe(0);
    expect(existsSync(path.join(root, ".cache", "build", "state.json"))).toBe(true);
  });

  it("reuses every page and bundle when a story is saved unchanged", () => {
    // Saved again: not the file the last build read, so not a build with nothing to do.
    const file = path.join(root, story("2024/11/story-1.md"));
    writeFileSync(file, readFileSync(file));
    const report = cachedEqualsClean();
    expect(report.ignored).toBeUndefined();
    expect(report.pagesRendered).toBe(0);
    expect(report.pagesReused).toBeGreaterThan(20);
    expect(report.bundlesIndexed).toEqual([]);
    expect(report.bundlesReused).toHaveLength(4);
    expect(shardsIndexed).toEqual([]);
    // No spare yet: this build linked every page into a new folder. The first build is kept as
    // the spare the next build updates.
    expect(report.updatedSpare).toBeUndefined();
    expect(buildFolders()).toEqual(["published", "spare"]);
  });

  it("leaves the published site as it is when nothing changed, and builds when anything did", () => {
    const index = path.join(site, "index.html");
    const before = statSync(index);
    const folders = buildFolders();
    const stats = build(root, site) as Stats & { upToDate?: boolean };
    expect(stats.upToDate).toBe(true);
    expect(stats.cache).toMatchObject({ pagesRendered: 0, bundlesIndexed: [] });
    expect(stats.cache!.bundlesReused).toHaveLength(4);
    expect(stats.cache!.pagesReused).toBeGreaterThan(20);
    expect(shardsIndexedBy(stats)).toEqual([]);
    // Not a file written, not a folder swapped.
    expect(statSync(index).mtimeMs).toBe(before.mtimeMs);
    expect(statSync(index).ino).toBe(before.ino);
    expect(buildFolders()).toEqual(folders);
    // A page edited in the published site, a story saved again unchanged, a new file under
    // assets/ and a changed registry file each make an ordinary build, which equals a clean one.
    const changes: Array<() => void> = [
      () => writeFileSync(index, `${readFileSync(index, "utf8")}<!-- edited -->`),
      () => {
        const file = path.join(root, story("2024/11/story-3.md"));
        writeFileSync(file, readFileSync(file));
      },
      () =>
        write("assets/photos/unused.jpg", readFileSync(path.join(root, "assets/photos/p2.jpg"))),
      () => {
        const file = path.join(root, "_data", "places.json");
        writeFileSync(file, `${readFileSync(file, "utf8")}\n`);
      },
    ];
    for (const change of changes) {
      change();
      const again = build(root, site) as Stats & { upToDate?: boolean };
      expect(again.upToDate).toBe(false);
      const reference = path.join(mkdtempSync(path.join(tmpdir(), "cache-ref-")), "_site");
      build(cleanCopy(root), reference);
      expect(differences(reference, site)).toEqual([]);
    }
    rmSync(path.join(root, "assets/photos/unused.jpg"));
  });

  it("indexes only the newest bundle for a new story in words the archive has", () => {
    write(
      story("2024/11/story-8.md"),
      article(
        { title: '"Harbour talks"', date: "2024-11-08", topics: "[Trade]", places: "[Brussels]" },
        BODY(8).replace("number 8 ", ""),
      ),
    );
    const report = cachedEqualsClean();
    // From the third build on, each build updates the spare in place.
    expect(report.updatedSpare).toBe(true);
    expect(buildFolders()).toEqual(["published", "spare"]);
    expect(report.bundlesIndexed).toEqual(["2024-11-07"]);
    expect(report.bundlesReused.sort()).toEqual(["2024-11-01", "2024-11-03", "2024-11-05"]);
    expect(shardsIndexed).toEqual(["2024-11-07"]);
    // The oldest stories' pages, the new story on none of them, are linked, not rendered.
    expect(report.pagesReused).toBeGreaterThan(0);
    expect(report.pagesRendered).toBeLessThan(report.pagesReused + report.pagesRendered);
  });

  it("indexes only the newest shard for a word no story had, which only its story holds", () => {
    const before = storedShards();
    write(
      story("2024/11/story-9.md"),
      article({ title: '"Story 9"', date: "2024-11-09" }, "A zeppelin landed at the harbour."),
    );
    const report = cachedEqualsClean();
    // The story starts a shard of its own: Pagefind indexes it and nothing else, and every older
    // bundle, the one that was the newest included, is linked from the published build.
    expect(shardsIndexed).toEqual(["2024-11-09"]);
    expect(report.bundlesIndexed).toEqual(["2024-11-09"]);
    expect(report.bundlesReused.sort()).toEqual([
      "2024-11-01",
      "2024-11-03",
      "2024-11-05",
      "2024-11-07",
    ]);
    // The shard store gained that shard's entry and kept every other shard's as it was (Pagefind's
    // scripts, stored beside them, are written again by any build that runs Pagefind).
    const after = storedShards();
    const added = [...after.keys()].filter((name) => !before.has(name));
    expect(added).toHaveLength(1);
    const shards = [...before].filter(([name]) => !name.startsWith("runtime-"));
    expect(shards.length).toBe(before.size - 1);
    for (const [name, mtime] of shards) expect(after.get(name), name).toBe(mtime);
    // Only the newest bundle's index has the word, for that story alone.
    expect(bundlesWith("zeppelin")).toEqual({ "2024-11-09/": ["/articles/2024/11/story-9/"] });
    expect(Object.keys(bundlesWith("harbour")).length).toBeGreaterThan(1);
  });

  it("matches a clean build after an edit to an old story's body", () => {
    write(
      story("2024/11/story-1.md"),
      article(
        { title: '"Story 1"', date: "2024-11-01", topics: "[Trade]", places: "[Brussels]" },
        `${BODY(1)}\n\nThe talks went on late in Brussels.`,
      ),
    );
    const report = cachedEqualsClean();
    expect(report.bundlesIndexed).toEqual(["2024-11-01"]);
    expect(report.pagesReused).toBeGreaterThan(report.pagesRendered);
  });

  it("matches a clean build after tags and a date change", () => {
    write(
      story("2024/11/story-3.md"),
      article(
        { title: '"Story 3"', date: "2024-11-03", topics: "[NATO]", people: "[Ada Lovelace]" },
        BODY(3),
      ),
    );
    write(
      story("2024/11/story-4.md"),
      article(
        { title: '"Story 4"', date: "2024-10-30", topics: "[NATO, Trade]", places: "[Brussels]" },
        BODY(4),
      ),
    );
    cachedEqualsClean();
  });

  it("matches a clean build after a story is deleted", () => {
    rmSync(path.join(root, story("2024/11/story-5.md")));
    cachedEqualsClean();
  });

  it("matches a clean build after a story moves to another search bundle", () => {
    const page = "articles/2024/11/story-2/index.html";
    const bundleOf = () => planArchiveBundles(loadArchive(root, ENV)).bundleOf.get(page);
    const before = bundleOf();
    expect(before).toBeDefined();
    write(
      story("2024/11/story-2.md"),
      article(
        {
          title: '"Story 2"',
          date: "2024-11-20",
          topics: "[NATO, Trade]",
          people: "[Ada Lovelace]",
          places: "[Brussels]",
          images: lead("photos/p2.jpg", "Harbour photo 2"),
        },
        BODY(2),
      ),
    );
    expect(bundleOf()).not.toBe(before);
    cachedEqualsClean();
  });

  it("matches a clean build after a deleted story took the only use of a name with it", () => {
    write(
      story("2024/11/story-30.md"),
      article(
        { title: '"Story 30"', date: "2024-11-12", people: "[Zelda Quist]", topics: "[Trade]" },
        BODY(30),
      ),
    );
    cachedEqualsClean();
    expect(existsSync(path.join(site, "people", "zelda-quist", "index.html"))).toBe(true);
    rmSync(path.join(root, story("2024/11/story-30.md")));
    cachedEqualsClean();
    expect(existsSync(path.join(site, "people", "zelda-quist", "index.html"))).toBe(false);
  });

  it("matches a clean build after an import that adds registry entries", () => {
    const dump = path.join(mkdtempSync(path.join(tmpdir(), "cache-import-")), "day.sgm");
    writeFileSync(
      dump,
      [
        '<REUTERS TOPICS="YES" NEWID="501">',
        "<DATE>12-NOV-2024 09:30:00.00</DATE>",
        "<TOPICS><D>money-fx</D></TOPICS>",
        "<PLACES><D>west-germany</D></PLACES>",
        "<PEOPLE><D>james-baker</D></PEOPLE>",
        "<TEXT>&#2;",
        "<TITLE>BAKER SAYS CURRENCY TALKS WITH BONN GO ON</TITLE>",
        "<DATELINE>    WASHINGTON, Nov 12 - </DATELINE><BODY>Treasury Secretary James Baker said",
        "talks with West Germany on the currency would go on.",
        " Reuter",
        "&#3;</BODY></TEXT>",
        "</REUTERS>",
      ].join("\n"),
    );
    const summary = runImport({ root, inputs: [dump], today: "2026-12-31" });
    expect(summary.outcomes.filter((outcome) => outcome.article)).toHaveLength(1);
    const people = readFileSync(path.join(root, "_data", "people.json"), "utf8");
    expect(people).toContain("James Baker");
    cachedEqualsClean();
  });

  it("matches a clean build after a registry alias is added", () => {
    write(
      path.join("_data", "topics.json"),
      JSON.stringify([
        { name: "NATO", aliases: ["North Atlantic Treaty Organization"] },
        { name: "Trade", aliases: ["Commerce"] },
      ]),
    );
    cachedEqualsClean();
  });

  it("matches a clean build after a photo is replaced", async () => {
    write(path.join("assets", "photos", "p6.jpg"), await photo(200));
    const report = cachedEqualsClean();
    expect(report.pagesReused).toBeGreaterThan(0);
  });

  it("builds everything when a setting or the environment changes every page", () => {
    const report = cachedEqualsClean({ ...ENV, SITE_URL: "https://elsewhere.example.org" });
    expect(report.ignored).toBe("SITE_URL changed since the cached build");
    expect(report.pagesReused).toBe(0);
  });

  it("ignores a corrupt cache with a reason, and builds the same site", () => {
    cachedEqualsClean();
    write(path.join(".cache", "build", "state.json"), "{ half a fi");
    const report = cachedEqualsClean();
    expect(report.ignored).toMatch(
      /^the build cache's .*state\.json is damaged: it does not start with its length and checksum$/,
    );
  });

  it("reuses nothing with --no-cache, and keeps the cache for the next build", () => {
    const stats = build(root, site, ["--no-cache"]);
    expect(stats.cache?.ignored).toBe("--no-cache");
    expect(stats.cache?.pagesReused).toBe(0);
    expect(cachedEqualsClean().pagesRendered).toBe(0);
  });

  it("after a killed build, the next build still equals a clean one", async () => {
    write(
      story("2024/11/story-10.md"),
      article({ title: '"Story 10"', date: "2024-11-10", topics: "[Trade]" }, BODY(10)),
    );
    // Killed as soon as the new build's folder holds its first pages.
    const builds = `${site}.builds`;
    const before = new Set(readdirSync(builds));
    const child = spawn(process.execPath, buildArguments(root, site), {
      cwd: PROJECT_DIR,
      env: { ...process.env, ...ENV },
      stdio: "ignore",
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    for (let i = 0; i < 600; i++) {
      const fresh = readdirSync(builds).find((name) => !before.has(name));
      if (fresh && existsSync(path.join(builds, fresh, "articles"))) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill("SIGKILL");
    await exited;
    cachedEqualsClean();
    expect(buildFolders()).toEqual(["published", "spare"]);
  });

  it("renders again a page removed from the spare, naming it in the spare's own folder", () => {
    cachedEqualsClean();
    const spare = readdirSync(`${site}.builds`).find((name) => name.startsWith("spare-"))!;
    const page = path.join(`${site}.builds`, spare, "topics", "nato", "index.html");
    expect(existsSync(page)).toBe(true);
    rmSync(page);
    // The published site is whole, so a build with nothing else to do would leave it; a story
    // saved again makes an ordinary build, which updates the spare.
    const file = path.join(root, story("2024/11/story-1.md"));
    writeFileSync(file, readFileSync(file));
    const report = cachedEqualsClean();
    expect(report.ignored).toBeUndefined();
    expect(report.changedFiles).toEqual([path.relative(PROJECT_DIR, page)]);
  });

  it("removes what was added to a published site by hand once it is the spare a build updates", () => {
    cachedEqualsClean();
    const published = realpathSync(site);
    // As if the site were published an hour ago: its folders are older than its recorded listing,
    // so a build trusts the listing for each folder not changed since.
    const hourAgo = new Date(Date.now() - 3_600_000);
    const backdate = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        if (entry.isDirectory()) backdate(path.join(folder, entry.name));
      }
      utimesSync(folder, hourAgo, hourAgo);
    };
    backdate(published);
    const page = measureOutput(published, { paths: true }).paths!.find((file) =>
      /^articles\/.+\/index\.html$/.test(file),
    )!;
    const added = [
      "CNAME",
      path.posix.join(path.posix.dirname(page), "notes.txt"),
      path.posix.join(path.posix.dirname(path.posix.dirname(page)), "draft", "index.html"),
      "topics/nato/old.html",
      "pagefind/extra.js",
    ];
    for (const file of added) {
      mkdirSync(path.dirname(path.join(published, file)), { recursive: true });
      writeFileSync(path.join(published, file), "added by hand");
    }
    const save = (n: number) => {
      const file = path.join(root, story(`2024/11/story-${n}.md`));
      writeFileSync(file, readFileSync(file));
    };
    // The next build publishes over the site with the files added; the build after it updates
    // that site as its spare.
    save(1);
    cachedEqualsClean();
    const spare = readdirSync(`${site}.builds`).find((name) => name.startsWith("spare-"))!;
    expect(existsSync(path.join(`${site}.builds`, spare, "CNAME"))).toBe(true);
    save(2);
    const report = cachedEqualsClean();
    expect(report.updatedSpare).toBe(true);
    expect(added.filter((file) => existsSync(path.join(site, file)))).toEqual([]);
  });

  it("re-indexes only the newest shard, not the merged bundle before it", () => {
    // Sealed bundles of 6 stories, smaller sealed ones of 2, shards of a day: the last day is the
    // newest bundle, the days before it after the smaller sealed bundles the merged one.
    const split = { SEARCH_BUNDLE_SIZE: "6", SEARCH_NEWEST_BUNDLE_SIZE: "1" };
    const plan = (env: NodeJS.ProcessEnv) =>
      planArchiveBundles(loadArchive(root, env)).bundles.map((b) => b.id);
    const harbour = (n: number, date: string) =>
      article(
        { title: '"Harbour talks"', date, topics: "[Trade]", places: "[Brussels]" },
        BODY(n).replace(`number ${n} `, ""),
      );
    write(story("2024/11/story-20.md"), harbour(20, "2024-11-28"));
    expect(cachedEqualsClean(split).ignored).toBe(
      "SEARCH_BUNDLE_SIZE and SEARCH_NEWEST_BUNDLE_SIZE changed since the cached build",
    );
    const bundles = plan(split);
    expect(bundles.length).toBeGreaterThan(2);
    // Another story of the newest day joins the newest shard, and only it is indexed.
    write(story("2024/11/story-21.md"), harbour(21, "2024-11-28"));
    const report = cachedEqualsClean(split);
    expect(plan(split)).toEqual(bundles);
    expect(shardsIndexed).toEqual(["2024-11-28"]);
    expect(report.bundlesIndexed).toEqual(bundles.slice(0, 1));
    expect(report.bundlesReused.sort()).toEqual(bundles.slice(1).sort());
  });
});

describe("the build cache's key", () => {
  it("changes with a page template, the lock file or the site's settings, not with articles", () => {
    const project = mkdtempSync(path.join(tmpdir(), "cache-project-"));
    cpSync(path.join(PROJECT_DIR, "src", "pages"), path.join(project, "src", "pages"), {
      recursive: true,
    });
    writeFileSync(path.join(project, "package-lock.json"), "{}");
    const root = makeFixtureSite({
      articles: { "2024/11/a.md": article({ title: '"A"' }) },
    });
    const key = () => cacheKey({ projectDir: project, root, site: loadArchive(root).site }).key;
    const first = key();
    writeFileSync(path.join(root, "content", "articles", "2024", "11", "b.md"), article());
    expect(key()).toBe(first);
    const template = path.join(project, "src", "pages", "home.11ty.tsx");
    writeFileSync(template, `${readFileSync(template, "utf8")}\n// edited\n`);
    const edited = key();
    expect(edited).not.toBe(first);
    writeFileSync(path.join(project, "package-lock.json"), '{"lockfileVersion": 3}');
    expect(key()).not.toBe(edited);
    const settings = path.join(root, "_data", "site.json");
    const before = key();
    writeFileSync(settings, readFileSync(settings, "utf8").replace("Fixture Archive", "Other"));
    expect(key()).not.toBe(before);
    expect(statSync(settings).isFile()).toBe(true);
  });
});
