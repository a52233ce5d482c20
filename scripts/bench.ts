// npm run bench [-- --sizes 1000,5000,full,100k --workloads sample,empty --runs 3 --out bench.md
//   --no-baselines --no-images --no-lighthouse --no-known-item --no-cache-builds --step-minutes 5 --latency 0 --keep
//   --search-only --no-peer-search --no-throttle]
// Imports Reuters-21578 slices into temporary archives and measures, per workload and size: our
// build (time, memory, output), the search index's Pagefind processes, a reader's first search by
// best match and newest first, a one-article rebuild under `npm start`, publishes with the build
// cache after each kind of change (scripts/bench/cache-builds.ts), and the same stories built
// by an idiomatic Eleventy site, by Hugo, and by Hugo followed by the Pagefind CLI. Prints
// Markdown tables.
//
// Search beside the peer (scripts/bench/peer-search.ts): at the `full` and `100k` sizes, our
// search page and a minimal page over Pagefind's JS API on the Hugo + Pagefind CLI build of the
// same stories, query by query (bytes by kind, time on loopback and throttled, a second query),
// and known-item search on both. `--search-only` measures only that, at every size given: one
// build of ours, one of Hugo + the Pagefind CLI (with both indexers' peak memory), then the
// comparison.
//
// Workloads: `sample` imports into a copy of this project's sample archive (its content/, _data/
// and assets/), whose registry tags the stories, as a user's import would; `empty` into an archive
// that holds only _data/site.json. Sizes: a number of stories, `full` (the whole corpus) or `100k`
// (the whole corpus five times, copies shifted by whole years: scripts/bench/scale-archive.ts).
// At 100k each build runs once, whatever --runs says, and the portable build and the one-article
// rebuild are skipped ("–") when they would take more than --step-minutes. Lighthouse runs on
// the `full` size of the `sample` workload. The work folder, under the system's
// temporary folder, is removed at the end unless --keep is given.
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { importReuters } from "../src/import/reuters/import-collection.ts";
import { listMarkdownFiles } from "../src/content/load-articles.ts";
import { slugifyName } from "../src/registry/fold.ts";
import { launchBrowser } from "../tests/helpers/browser.ts";
import { prepareEleventyBaseline, prepareHugoBaseline } from "./bench/baselines.ts";
import { measureFirstSearch, type FirstSearch } from "./bench/first-search.ts";
import { measureFirstSearchFromFile, type FileSearch } from "./bench/first-search-file.ts";
import { measureRebuild, measureStart, type StartTimes } from "./bench/rebuild.ts";
import { scaleArchive } from "./bench/scale-archive.ts";
import { commandExists, median, runTimed } from "./bench/timed.ts";
import { benchImages } from "./bench/images.ts";
import { compareSearch, searchComparisonTables } from "./bench/peer-search.ts";
import { LIGHTHOUSE_VERSION, lighthouseTable, measureLighthouse } from "./bench/lighthouse.ts";
import {
  CACHE_CHANGES,
  cachedSite,
  measureCachedBuilds,
  type CachedBuild,
} from "./bench/cache-builds.ts";
import { measureOfflineSave } from "./bench/offline-copy.ts";
import { scriptArguments } from "./node-script.ts";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,5000,full" },
    workloads: { type: "string", default: "sample,empty" },
    runs: { type: "string", default: "3" },
    out: { type: "string" },
    "no-baselines": { type: "boolean", default: false },
    "no-images": { type: "boolean", default: false },
    "no-lighthouse": { type: "boolean", default: false },
    "no-known-item": { type: "boolean", default: false },
    "no-cache-builds": { type: "boolean", default: false },
    query: { type: "string", default: "coffee" },
    latency: { type: "string", default: "0" },
    "step-minutes": { type: "string", default: "5" },
    keep: { type: "boolean", default: false },
    "search-only": { type: "boolean", default: false },
    "no-peer-search": { type: "boolean", default: false },
    "no-throttle": { type: "boolean", default: false },
  },
});

/** The size of the whole corpus five times over, each copy shifted by whole years. */
const SCALED = "100k";
/** How many times the 100k size holds the corpus. */
const SCALE_TIMES = 5;
/** The size at which the slow measurements (Lighthouse) run. */
const FULL = "full";
const WORKLOADS = ["sample", "empty"] as const;
type Workload = (typeof WORKLOADS)[number];

const projectDir = path.resolve(import.meta.dirname, "..");
const reutersDir = path.resolve(
  projectDir,
  process.env.REUTERS_DIR ?? "../shared/corpora/reuters21578",
);
const runs = Math.max(1, Number(values.runs) || 1);
const sizes = values
  .sizes!.split(",")
  .map((size) => size.trim())
  .filter(Boolean);
for (const size of sizes) {
  if (size !== FULL && size !== SCALED && !(Number.isInteger(Number(size)) && Number(size) > 0))
    throw new Error(`--sizes: "${size}" is not a number of stories, "${FULL}" or "${SCALED}"`);
}
const workloads = values
  .workloads!.split(",")
  .map((name) => name.trim())
  .filter(Boolean) as Workload[];
for (const workload of workloads) {
  if (!WORKLOADS.includes(workload))
    throw new Error(`--workloads: "${workload}" is not one of ${WORKLOADS.join(", ")}`);
}
/** At 100k a slow step (portable build, one-article rebuild) gets this long, else it is skipped. */
const stepMs = Math.max(0, Number(values["step-minutes"]) || 0) * 60_000;
/** Added to every request of a first search (`--latency`), as a host far from the reader adds. */
const latencyMs = Math.max(0, Number(values.latency) || 0);
/** Tables printed after the main ones: search beside the peer, known-item search, Lighthouse. */
const extraReports: string[] = [];
const work = mkdtempSync(path.join(tmpdir(), "archive-bench-"));
/** Node's arguments for `npm run build` with `args`. */
const buildArgs = (args: string[]) => scriptArguments("scripts/build.ts", args);
const eleventyCli = path.join(projectDir, "node_modules", "@11ty", "eleventy", "cmd.cjs");
const pagefindCli = path.join(projectDir, "node_modules", "pagefind", "lib", "runner", "bin.cjs");
const hasHugo = commandExists("hugo");

/** One Pagefind process of the build, as `--stats` reports it: one shard of the index. */
interface SearchProcess {
  bundle: string;
  pages: number;
  peakKb?: number;
  cpuMs?: number;
  ms?: number;
}

/** The build's `--stats` JSON; every field may be absent in another version of the build. */
interface BuildStatsFile {
  articles?: number;
  maxRssKb?: number;
  cpuMs?: number;
  relatedMs?: number;
  pairPages?: number;
  searchIndexMs?: number;
  /** The largest Pagefind process's peak (KiB). */
  searchPeakKb?: number;
  /** All Pagefind processes' CPU time, summed (ms). */
  searchCpuMs?: number;
  searchProcesses?: SearchProcess[];
  /** The bundles the search page loads, merged from the shards (the processes). */
  searchBundles?: number;
  outputParts?: Row["parts"];
}

interface Row {
  workload: Workload;
  size: string;
  stories: number;
  /** Builds measured (medians over them): `--runs`, or one at 100k. */
  runs: number;
  pages: number;
  files: number;
  bytes: number;
  largestPageKb: number;
  buildMs: number;
  /** The same build without the search index (`--no-search`): site generation alone. */
  pagesMs: number;
  peakMb: number;
  pagefindMs: number;
  /** Search index shards, one Pagefind process each (1 for a build that reports none). */
  shards: number;
  /** The bundles the search page loads, merged from the shards, when the build reports them. */
  searchBundles?: number;
  /** Stories in the smallest and largest shard, when the build reports its processes. */
  bundlePages?: [number, number];
  /** Peak memory of the largest Pagefind process (the max over runs), when known. */
  pagefindPeakMb?: number;
  /** The longest Pagefind process (ms, first build), when the build reports its processes. */
  longestProcessMs?: number;
  /** CPU time of the complete build's Node process and of its Pagefind processes, summed (medians). */
  nodeCpuMs: number;
  pagefindCpuMs?: number;
  indexBytes: number;
  /** A reader's first search, by best match and by newest first. */
  best: FirstSearch;
  newest: FirstSearch;
  /** From the portable build, opened from disk; absent where it was skipped. */
  fileSearchBytes?: number;
  fileIndexBytes?: number;
  rebuildMs?: number;
  /** Builds with the previous build's cache after each kind of change (sample workload). */
  cached?: CachedBuild[];
  /** `npm start` on the archive the last of those builds published (an article edited once ready). */
  start?: StartTimes;
  /** Why the portable build or the rebuild was skipped. */
  skipped?: string;
  relatedMs: number;
  pairPages: number;
  /** The output's top-level parts that weigh most, from the build's `--stats`. */
  parts: Array<{ name: string; files: number; bytes: number }>;
  eleventyMs?: number;
  eleventyPeakMb?: number;
  hugoMs?: number;
  hugoPeakMb?: number;
  /** Hugo, then the Pagefind CLI on Hugo's article pages, timed together. */
  hugoPagefindMs?: number;
  pagefindCliPeakMb?: number;
}

function walk(dir: string): Array<{ file: string; size: number }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((file) => ({ file, stat: statSync(path.join(dir, file)) }))
    .filter(({ stat }) => stat.isFile())
    .map(({ file, stat }) => ({ file, size: stat.size }));
}

const log = (message: string) => console.error(`[bench] ${message}`);
const mb = (kb: number) => Math.round(kb / 1024);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const numbers = (list: Array<number | undefined>) =>
  list.filter((value): value is number => typeof value === "number" && Number.isFinite(value));

/**
 * The archive a workload starts from, with the slice imported: `sample` copies the project's
 * sample archive (its registry then tags the stories), `empty` only its site settings. At 100k
 * the whole corpus is imported, then copied so that the archive holds it five times.
 */
function prepareArchive(workload: Workload, label: string): string {
  const root = path.join(work, `archive-${workload}-${label}`);
  if (workload === "sample") {
    for (const part of ["content", "_data", "assets"]) {
      if (existsSync(path.join(projectDir, part)))
        cpSync(path.join(projectDir, part), path.join(root, part), { recursive: true });
    }
  } else {
    mkdirSync(path.join(root, "_data"), { recursive: true });
    copyFileSync(
      path.join(projectDir, "_data", "site.json"),
      path.join(root, "_data", "site.json"),
    );
  }
  const limit = label === FULL || label === SCALED ? undefined : Number(label);
  let started = performance.now();
  const summary = importReuters({ sourceDir: reutersDir, root, limit });
  log(
    `${workload} ${label}: imported ${summary.counts.imported} stories in ${seconds(performance.now() - started)}`,
  );
  if (label === SCALED) {
    started = performance.now();
    const scaled = scaleArchive(root, { times: SCALE_TIMES });
    log(
      `${workload} ${label}: ${scaled.copies} shifted copies of ${scaled.originals} stories (${scaled.renamed} renamed) in ${seconds(performance.now() - started)}`,
    );
  }
  return root;
}

/** The search index's processes in one build's stats; older builds report one process. */
function searchOf(stats: BuildStatsFile) {
  const processes = Array.isArray(stats.searchProcesses) ? stats.searchProcesses : undefined;
  const peaks = numbers([stats.searchPeakKb, ...(processes ?? []).map((p) => p.peakKb)]);
  const cpus = numbers((processes ?? []).map((p) => p.cpuMs));
  const pages = numbers((processes ?? []).map((p) => p.pages));
  return {
    shards: processes ? processes.length : 1,
    bundles: stats.searchBundles,
    peakKb: peaks.length ? Math.max(...peaks) : undefined,
    cpuMs:
      processes && cpus.length === processes.length && cpus.length
        ? cpus.reduce((sum, ms) => sum + ms, 0)
        : stats.searchCpuMs,
    bundlePages: pages.length
      ? ([Math.min(...pages), Math.max(...pages)] as [number, number])
      : undefined,
    longestMs: numbers((processes ?? []).map((p) => p.ms)).reduce<number | undefined>(
      (max, ms) => Math.max(max ?? 0, ms),
      undefined,
    ),
  };
}

async function benchSize(workload: Workload, label: string): Promise<Row> {
  const name = `${workload}-${label}`;
  const scaled = label === SCALED;
  const runsHere = scaled ? 1 : runs;
  const root = prepareArchive(workload, label);

  // Our build, into a fresh folder each run; earlier output is moved aside, never deleted, inside
  // the timed window (deleting many files slows the next creations on this file system).
  const builds: Array<{ ms: number; stats: BuildStatsFile }> = [];
  let site = "";
  for (let run = 0; run < runsHere; run++) {
    site = path.join(work, `site-${name}-${run}`, "_site");
    const statsFile = path.join(work, `stats-${name}-${run}.json`);
    const result = await runTimed(
      process.execPath,
      // Complete builds: the cache the previous run left is not used (--no-cache).
      buildArgs(["--root", root, "--out", site, "--quiet", "--no-cache", "--stats", statsFile]),
      { cwd: projectDir },
    );
    if (result.status !== 0) throw new Error(`Build of ${name} failed:\n${result.stderr}`);
    const stats = JSON.parse(readFileSync(statsFile, "utf8")) as BuildStatsFile;
    builds.push({ ms: result.ms, stats });
    const search = searchOf(stats);
    log(
      `${name}: build ${run + 1}/${runsHere} ${seconds(result.ms)}; ${describeIndex(search)}, largest Pagefind process ${search.peakKb === undefined ? "?" : mb(search.peakKb)} MiB`,
    );
  }
  const buildMs = median(builds.map((b) => b.ms));
  // The same pages without Pagefind, to compare site generation with the baselines (neither
  // indexes anything); again in fresh folders.
  const pageBuilds: number[] = [];
  for (let run = 0; run < runsHere; run++) {
    const out = path.join(work, `pages-${name}-${run}`, "_site");
    const result = await runTimed(
      process.execPath,
      buildArgs(["--root", root, "--out", out, "--quiet", "--no-search"]),
      { cwd: projectDir },
    );
    if (result.status !== 0)
      throw new Error(`Pages-only build of ${name} failed:\n${result.stderr}`);
    pageBuilds.push(result.ms);
    log(`${name}: pages-only build ${run + 1}/${runsHere} ${seconds(result.ms)}`);
  }
  const files = walk(site);
  const html = files.filter((f) => f.file.endsWith(".html") && !f.file.startsWith("pagefind"));
  const index = files.filter((f) => f.file.startsWith("pagefind"));

  // The portable build and the one-article rebuild each take a complete build first: at 100k
  // they run only within --step-minutes, and not at all when the build alone took longer.
  const slowStepLimit = scaled ? stepMs : undefined;
  const skipSlowSteps = slowStepLimit !== undefined && buildMs > slowStepLimit;
  const skipped: string[] = [];
  if (skipSlowSteps)
    skipped.push(
      `portable build and rebuild skipped: the build alone took ${seconds(buildMs)}, over --step-minutes ${values["step-minutes"]}`,
    );

  // The portable build (npm run build:portable), untimed: what a first search costs from disk.
  let portable: string | undefined;
  if (!skipSlowSteps) {
    portable = path.join(work, `portable-${name}`, "_site");
    const portableRun = await runTimed(
      process.execPath,
      buildArgs(["--root", root, "--out", portable, "--quiet", "--portable"]),
      { cwd: projectDir, timeoutMs: slowStepLimit },
    );
    if (portableRun.timedOut) {
      skipped.push(`portable build stopped after ${seconds(portableRun.ms)}`);
      portable = undefined;
    } else if (portableRun.status !== 0) {
      throw new Error(`Portable build of ${name} failed:\n${portableRun.stderr}`);
    }
  }
  // Pagefind's files as scripts: `file/` in the bundle folder, and in each older bundle's.
  const fileIndexBytes = portable
    ? walk(path.join(portable, "pagefind"))
        .filter((f) => f.file.split(path.sep).includes("file"))
        .reduce((sum, f) => sum + f.size, 0)
    : undefined;

  const browser = await launchBrowser();
  let best: FirstSearch;
  let newest: FirstSearch;
  let fileSearch: FileSearch | undefined;
  try {
    best = await measureFirstSearch(browser, site, values.query!, "best", { latencyMs });
    newest = await measureFirstSearch(browser, site, values.query!, "newest", { latencyMs });
    if (portable) fileSearch = await measureFirstSearchFromFile(browser, portable, values.query!);
  } finally {
    await browser.close();
  }
  // Lighthouse on the realistic workload's full corpus only: it takes minutes, not seconds.
  if (workload === "sample" && label === FULL && !values["no-lighthouse"]) {
    const lighthouse = await measureLighthouse(site, { log });
    extraReports.push(
      `Lighthouse ${LIGHTHOUSE_VERSION}, ${workload} workload, ${label}\n\n${lighthouseTable(lighthouse)}`,
    );
  }
  log(
    `${name}: first search "${values.query}": best match ${best.results} (${Math.round(best.bytes / 1024)} KB, ${Math.round(best.ms)} ms); newest first ${newest.results} (${Math.round(newest.bytes / 1024)} KB, ${Math.round(newest.ms)} ms, first result dated ${newest.firstDate ?? "?"}); from file://: ${fileSearch?.results ?? "skipped"}`,
  );

  let rebuildMs: number | undefined;
  const articlesDir = path.join(root, "content", "articles");
  const articleFile = listMarkdownFiles(articlesDir)[0]!;
  const relative = path.relative(articlesDir, articleFile);
  // The article's page: its folder is its URL's year and month, its file name its slug.
  let articleUrl = path.join(
    "articles",
    path.dirname(relative),
    slugifyName(path.basename(relative, ".md")),
  );
  if (!existsSync(path.join(site, articleUrl, "index.html"))) {
    articleUrl = path.dirname(
      html.find((f) => f.file.startsWith(`articles/${path.dirname(relative)}/`))!.file,
    );
  }
  if (!skipSlowSteps) {
    try {
      rebuildMs = await measureRebuild({
        projectDir,
        root,
        outDir: path.join(work, `watch-${name}`),
        articleFile,
        articleUrl,
        port: 8190,
        timeoutMs: slowStepLimit,
      });
      log(`${name}: one-article rebuild under npm start ${seconds(rebuildMs)}`);
    } catch (error) {
      if (slowStepLimit === undefined) throw error;
      skipped.push(`rebuild not measured within --step-minutes ${values["step-minutes"]}`);
      log(`${name}: ${(error as Error).message.split("\n")[0]}`);
    }
  }

  const first = builds[0]!.stats;
  const searches = builds.map((b) => searchOf(b.stats));
  const peaks = numbers(searches.map((s) => s.peakKb));
  const cpus = numbers(searches.map((s) => s.cpuMs));
  const row: Row = {
    workload,
    size: label,
    stories: first.articles ?? listMarkdownFiles(path.join(root, "content", "articles")).length,
    runs: runsHere,
    pages: html.length,
    files: files.length,
    bytes: files.reduce((sum, f) => sum + f.size, 0),
    // A loop, not Math.max(...sizes): 100k stories' pages overflow the call stack as arguments.
    largestPageKb: Math.round(html.reduce((max, f) => Math.max(max, f.size), 0) / 1024),
    buildMs,
    pagesMs: median(pageBuilds),
    peakMb: mb(Math.max(...builds.map((b) => b.stats.maxRssKb ?? 0))),
    pagefindMs: median(builds.map((b) => b.stats.searchIndexMs ?? 0)),
    shards: searches[0]!.shards,
    searchBundles: searches[0]!.bundles,
    bundlePages: searches[0]!.bundlePages,
    pagefindPeakMb: peaks.length ? mb(Math.max(...peaks)) : undefined,
    longestProcessMs: searches[0]!.longestMs,
    nodeCpuMs: median(builds.map((b) => b.stats.cpuMs ?? 0)),
    pagefindCpuMs: cpus.length ? median(cpus) : undefined,
    indexBytes: index.reduce((sum, f) => sum + f.size, 0),
    best,
    newest,
    fileSearchBytes: fileSearch?.bytes,
    fileIndexBytes,
    rebuildMs,
    skipped: skipped.length ? skipped.join("; ") : undefined,
    relatedMs: median(builds.map((b) => b.stats.relatedMs ?? 0)),
    pairPages: first.pairPages ?? 0,
    parts: first.outputParts ?? [],
  };

  const peerSite = values["no-baselines"]
    ? undefined
    : await benchBaselines(row, root, name, runsHere);
  // Search beside the peer, on the sizes a reader's archive has (the whole corpus, and 100k).
  if ((label === FULL || scaled) && !values["no-peer-search"]) {
    await benchPeerSearch(workload, label, root, site, peerSite);
  }
  // Last, as it changes the archive: publishes with the cache the last complete build left.
  if (workload === "sample" && (label === FULL || scaled) && !values["no-cache-builds"]) {
    row.cached = await measureCachedBuilds({
      projectDir,
      root,
      work,
      runs: runsHere,
      log: (message) => log(`${name}: ${message}`),
    });
    // Then npm start on the archive as published with the cache: nothing to build, served at once.
    row.start = await measureStart({
      projectDir,
      root,
      outDir: cachedSite(work),
      articleFile,
      articleUrl,
      port: 8191,
      editWhen: "ready",
    });
    log(
      `${name}: npm start with the cache: serving ${seconds(row.start.servingMs)}, edits ready ${seconds(row.start.readyMs!)}, an edit shown ${seconds(row.start.editMs)}, searchable ${seconds(row.start.searchableMs!)}; a new story shown ${seconds(row.start.newStoryMs!)}, searchable ${seconds(row.start.newStorySearchableMs!)}`,
    );
  }
  // Keep the temporary folder's size in check without deleting inside a timed window.
  renameSync(root, `${root}-done`);
  return row;
}

/**
 * The reference builds of the same stories: idiomatic Eleventy, Hugo, and Hugo followed by the
 * Pagefind CLI on Hugo's article pages (what a Hugo site adds for search). At 100k a baseline
 * that fails (out of memory, say) is reported as "–" rather than ending the bench. Returns the
 * last Hugo output with Pagefind's index, when there is one.
 */
async function benchBaselines(
  row: Row,
  root: string,
  name: string,
  runsHere: number,
): Promise<string | undefined> {
  const tolerate = row.size === SCALED;
  const failed = (what: string, stderr: string) => {
    const message = `${what} failed:\n${stderr.slice(-3000)}`;
    if (!tolerate) throw new Error(message);
    log(`${name}: ${message}`);
  };
  // Eleventy's own build of 100,000 templates takes longer than the bench can wait: Hugo alone
  // stands for the peers there.
  if (tolerate) {
    log(`${name}: idiomatic Eleventy baseline left out at ${SCALED}`);
    return benchHugo(row, root, name, runsHere, failed);
  }
  const eleventy = path.join(work, `eleventy-${name}`);
  prepareEleventyBaseline(root, eleventy);
  // Output goes outside the input folder: Eleventy would read earlier output as templates.
  const times: number[] = [];
  let peak = 0;
  for (let run = 0; run < runsHere; run++) {
    const result = await runTimed(
      process.execPath,
      [eleventyCli, "--quiet", `--output=../eleventy-${name}-out-${run}`],
      // At 100k, Eleventy's build of a site this size may not end in reasonable time.
      { cwd: eleventy, ...(tolerate && stepMs ? { timeoutMs: stepMs } : {}) },
    );
    if (result.status !== 0) {
      failed("Eleventy baseline", result.stderr);
      break;
    }
    times.push(result.ms);
    peak = Math.max(peak, result.peakKb ?? 0);
    log(`${name}: eleventy baseline ${run + 1}/${runsHere} ${seconds(result.ms)}`);
  }
  if (times.length) {
    row.eleventyMs = median(times);
    row.eleventyPeakMb = mb(peak);
  }
  return benchHugo(row, root, name, runsHere, failed);
}

/** What the Hugo baseline measured: its time and peak, and the Pagefind CLI's after it. */
type HugoFigures = Pick<Row, "hugoMs" | "hugoPeakMb" | "hugoPagefindMs" | "pagefindCliPeakMb">;

/**
 * Hugo's build of the same stories, then the Pagefind CLI on its article pages. Returns the last
 * Hugo output that Pagefind indexed (the peer site of the search comparison).
 */
async function benchHugo(
  row: HugoFigures,
  root: string,
  name: string,
  runsHere: number,
  failed: (what: string, stderr: string) => void,
): Promise<string | undefined> {
  if (!hasHugo) {
    log(`${name}: no hugo on PATH: Hugo baselines left out`);
    return undefined;
  }
  let indexed: string | undefined;
  const hugo = path.join(work, `hugo-${name}`);
  prepareHugoBaseline(root, hugo);
  const hugoTimes: number[] = [];
  const withPagefind: number[] = [];
  let hugoPeak = 0;
  let pagefindPeak = 0;
  for (let run = 0; run < runsHere; run++) {
    const result = await runTimed("hugo", ["--quiet", "-d", `public-${run}`], { cwd: hugo });
    if (result.status !== 0) {
      failed("Hugo baseline", result.stderr);
      break;
    }
    hugoTimes.push(result.ms);
    hugoPeak = Math.max(hugoPeak, result.peakKb ?? 0);
    // Pagefind's CLI on the article pages Hugo just wrote (articles/YYYY/MM/<slug>/index.html;
    // not the section's list pages), its bundle in public-N/pagefind/ as Pagefind's docs show.
    const pagefind = await runTimed(
      process.execPath,
      [pagefindCli, "--site", `public-${run}`, "--glob", "articles/*/*/*/index.html", "--quiet"],
      { cwd: hugo },
    );
    if (pagefind.status !== 0) {
      failed("Pagefind CLI on Hugo's pages", pagefind.stderr);
      break;
    }
    withPagefind.push(result.ms + pagefind.ms);
    pagefindPeak = Math.max(pagefindPeak, pagefind.peakKb ?? 0);
    indexed = path.join(hugo, `public-${run}`);
    log(
      `${name}: hugo ${run + 1}/${runsHere} ${seconds(result.ms)}, then Pagefind CLI ${seconds(pagefind.ms)}`,
    );
  }
  if (hugoTimes.length) {
    row.hugoMs = median(hugoTimes);
    row.hugoPeakMb = mb(hugoPeak);
  }
  if (withPagefind.length) {
    row.hugoPagefindMs = median(withPagefind);
    row.pagefindCliPeakMb = mb(pagefindPeak);
  }
  return indexed;
}

/**
 * Our search beside the peer's (Hugo + the Pagefind CLI; ours alone when there is no Hugo
 * output), query by query and by known-item search, as tables for the report.
 */
async function benchPeerSearch(
  workload: Workload,
  label: string,
  root: string,
  site: string,
  peerSite: string | undefined,
  heading = "",
) {
  const name = `${workload}-${label}`;
  const browser = await launchBrowser();
  try {
    const comparison = await compareSearch(browser, {
      root,
      ourSite: site,
      peerSite,
      throttle: !values["no-throttle"],
      knownItemStories: values["no-known-item"] ? 0 : 300,
      log: (message) => log(`${name}: ${message}`),
    });
    extraReports.push(
      `${heading}${searchComparisonTables(comparison, `Search${peerSite ? " beside Hugo + the Pagefind CLI" : " (no Hugo: ours alone)"}, ${workload} workload, ${label}`)}`,
    );
    // A reader saving the search for offline use from the search page's offer, on loopback.
    const save = await measureOfflineSave(browser, site);
    log(`${name}: offline copy ${kb(save.bytes)} saved in ${s(save.ms)} s`);
    extraReports.push(
      [
        `Offline copy, ${workload} workload, ${label}: a reader saving the archive's search (fresh browser, loopback): by the service worker on a first visit when the index is within the site's budget (timed from opening the search page), else from the search page's offer (timed from pressing Save). The bytes to update it after each publish are in the table of publishes with the build cache.`,
        "",
        ...table(
          ["bytes to save:", "saved:", "time to save (s):"],
          [[kb(save.bytes), save.how, s(save.ms)]],
        ),
      ].join("\n"),
    );
  } finally {
    await browser.close();
  }
}

/**
 * `--search-only`: one complete build of ours and one of Hugo + the Pagefind CLI (each indexer's
 * peak memory reported), then the search comparison; nothing else.
 */
async function benchSearchOnly(workload: Workload, label: string): Promise<void> {
  const name = `${workload}-${label}`;
  const root = prepareArchive(workload, label);
  const site = path.join(work, `site-${name}-0`, "_site");
  const statsFile = path.join(work, `stats-${name}-0.json`);
  const build = await runTimed(
    process.execPath,
    buildArgs(["--root", root, "--out", site, "--quiet", "--no-cache", "--stats", statsFile]),
    { cwd: projectDir },
  );
  if (build.status !== 0) throw new Error(`Build of ${name} failed:\n${build.stderr}`);
  const stats = JSON.parse(readFileSync(statsFile, "utf8")) as BuildStatsFile;
  const search = searchOf(stats);
  log(
    `${name}: build ${seconds(build.ms)}; ${describeIndex(search)}, largest Pagefind process ${search.peakKb === undefined ? "?" : mb(search.peakKb)} MiB`,
  );
  const hugo: HugoFigures = {};
  const peerSite = await benchHugo(hugo, root, name, 1, (what, stderr) => {
    throw new Error(`${what} failed:\n${stderr.slice(-3000)}`);
  });
  const stories =
    stats.articles ?? listMarkdownFiles(path.join(root, "content", "articles")).length;
  const heading = [
    `Search indexing, ${workload} workload, ${label} (one build each; ${new Date().toISOString().slice(0, 10)}, ${availableParallelism()} cores, Node ${process.version}):`,
    "",
    ...table(
      [
        "stories:",
        "our complete build (s):",
        "search shards / bundles:",
        "largest Pagefind process peak:",
        "Hugo + Pagefind CLI (s):",
        "Hugo peak:",
        "Pagefind CLI peak:",
      ],
      [
        [
          count(stories),
          s(build.ms),
          `${search.shards} / ${search.bundles ?? "?"}`,
          mib(search.peakKb === undefined ? undefined : mb(search.peakKb)),
          s(hugo.hugoPagefindMs),
          mib(hugo.hugoPeakMb),
          mib(hugo.pagefindCliPeakMb),
        ],
      ],
    ),
    "",
    "",
  ].join("\n");
  await benchPeerSearch(workload, label, root, site, peerSite, heading);
  renameSync(root, `${root}-done`);
}

const medianOrNone = (values: number[]) => (values.length ? median(values) : undefined);
const s = (ms: number | undefined) => (ms === undefined ? "–" : (ms / 1000).toFixed(2));
const kb = (bytes: number | undefined) =>
  bytes === undefined ? "–" : `${Math.round(bytes / 1024).toLocaleString("en")} KB`;
const mib = (value: number | undefined) =>
  value === undefined ? "–" : `${value.toLocaleString("en")} MiB`;
const msText = (ms: number) => `${Math.round(ms)} ms`;
const ratio = (a: number | undefined, b: number | undefined) =>
  a && b ? `${(a / b).toFixed(2)}×` : "–";
const count = (n: number) => n.toLocaleString("en");
const percent = (part: number | undefined, whole: number | undefined) =>
  part === undefined || !whole ? "–" : `${((100 * part) / whole).toFixed(1)}%`;

/** A Markdown table: header cells (`:` at the end right-aligns the column), then rows. */
function table(header: string[], rows: string[][]): string[] {
  const names = header.map((cell) => cell.replace(/:$/, ""));
  const align = header.map((cell) => (cell.endsWith(":") ? "---:" : "---"));
  return [
    `| ${names.join(" | ")} |`,
    `|${align.join("|")}|`,
    ...rows.map((cells) => `| ${cells.join(" | ")} |`),
  ];
}

/** Every row starts by naming its workload and size. */
const rowKey = (r: Row) => [r.workload, r.size, count(r.stories)];
const KEY = ["workload", "size", "stories:"];

function tables(rows: Row[]): string {
  const perStory = (row: Row) => row.buildMs / row.stories;
  /** The smallest size of the row's workload: the base of the cost per story. */
  const baseOf = (row: Row) => rows.find((r) => r.workload === row.workload)!;
  const cores = availableParallelism();
  const lines = [
    `Reuters-21578 slices; workload \`sample\`: imported into a copy of the sample archive, whose registry tags the stories; \`empty\`: into an archive with site settings only. ${runs} run${runs === 1 ? "" : "s"} per build, medians (one at ${SCALED}: the corpus ${SCALE_TIMES} times, copies shifted by whole years); ${new Date().toISOString().slice(0, 10)}, ${process.platform}, ${cores} cores, Node ${process.version}.`,
    "",
    ...table(
      [
        ...KEY,
        "pages:",
        "files:",
        "output:",
        "largest page:",
        "build (s):",
        "ms per story:",
        `vs ${sizes[0]}:`,
        "peak memory:",
        "search shards / bundles:",
        "Pagefind session (s):",
        "largest Pagefind process peak:",
        "index:",
        "first search, best match:",
        "time to results:",
        "first search, newest first:",
        "time to results, newest first:",
        "rebuild one article (s):",
      ],
      rows.map((r) => [
        ...rowKey(r),
        count(r.pages),
        count(r.files),
        kb(r.bytes),
        `${r.largestPageKb} KB`,
        s(r.buildMs),
        perStory(r).toFixed(2),
        `${(perStory(r) / perStory(baseOf(r))).toFixed(2)}×`,
        mib(r.peakMb),
        `${r.shards} / ${r.searchBundles ?? "?"}`,
        s(r.pagefindMs),
        mib(r.pagefindPeakMb),
        kb(r.indexBytes),
        kb(r.best.bytes),
        msText(r.best.ms),
        kb(r.newest.bytes),
        msText(r.newest.ms),
        s(r.rebuildMs),
      ]),
    ),
  ];
  const skipped = rows.filter((r) => r.skipped);
  if (skipped.length) {
    lines.push("", ...skipped.map((r) => `"–" at ${r.workload} ${r.size}: ${r.skipped}.`));
  }
  // What a static host counts, per story: the density that says at which size a host's file or
  // size limit is reached (README, Deploy), and the parts that weigh most.
  lines.push(
    "",
    ...table(
      [
        ...KEY,
        "files:",
        "files per story:",
        "output:",
        "KiB per story:",
        "top folders (files, MB)",
      ],
      rows.map((r) => [
        ...rowKey(r),
        count(r.files),
        (r.files / r.stories).toFixed(2),
        kb(r.bytes),
        (r.bytes / 1024 / r.stories).toFixed(2),
        [...r.parts]
          .sort((p, q) => q.bytes - p.bytes)
          .slice(0, 4)
          .map((p) => `${p.name} ${count(p.files)}, ${(p.bytes / 1e6).toFixed(1)}`)
          .join("; "),
      ]),
    ),
  );
  lines.push(
    "",
    "Search index processes: one Pagefind process per shard, the shards then merged into the bundles the search page loads (a build that does not report its processes counts as one). Peak is the largest process's, CPU the processes' sum (median over runs).",
    "",
    ...table(
      [
        ...KEY,
        "shards:",
        "stories per shard:",
        "largest process peak:",
        "Pagefind CPU, summed (s):",
        "longest process (s):",
        "Pagefind session (s):",
        "build (s):",
      ],
      rows.map((r) => [
        ...rowKey(r),
        String(r.shards),
        r.bundlePages
          ? r.bundlePages[0] === r.bundlePages[1]
            ? count(r.bundlePages[0])
            : `${count(r.bundlePages[0])}–${count(r.bundlePages[1])}`
          : "–",
        mib(r.pagefindPeakMb),
        s(r.pagefindCpuMs),
        s(r.longestProcessMs),
        s(r.pagefindMs),
        s(r.buildMs),
      ]),
    ),
  );
  lines.push(
    "",
    `First search over HTTP, Pagefind's files only (every request under \`/pagefind/\`, every bundle's), from opening the search page until the first results show: sent is what went over the wire from \`npm run serve\` (text compressed as static hosts do; Pagefind's index is compressed already); facet counts load after the results. Best match types "${values.query}" on \`search/\`; newest first on \`search/?sort=newest\`.${latencyMs ? ` Every request waited ${latencyMs} ms before the server saw it (\`--latency\`), as a distant host adds.` : ""}`,
    "",
    ...table(
      [
        ...KEY,
        "best match: sent:",
        "uncompressed:",
        "with facet counts:",
        "time to results:",
        "time to facet counts:",
        "newest first: sent:",
        "uncompressed:",
        "with facet counts:",
        "time to results:",
        "time to facet counts:",
      ],
      rows.map((r) => [
        ...rowKey(r),
        ...[r.best, r.newest].flatMap((search) => [
          kb(search.bytes),
          kb(search.uncompressedBytes),
          kb(search.withFacetsBytes),
          msText(search.ms),
          msText(search.facetsMs),
        ]),
      ]),
    ),
  );
  lines.push(
    "",
    `CPU time of the complete build (medians): the build cannot end before the processes' CPU seconds are spread over the ${cores} cores.`,
    "",
    ...table(
      [
        ...KEY,
        "Node process (CPU s):",
        "Pagefind processes, summed (CPU s):",
        "together / cores (s):",
        "wall (s):",
      ],
      rows.map((r) => [
        ...rowKey(r),
        s(r.nodeCpuMs),
        s(r.pagefindCpuMs),
        s((r.nodeCpuMs + (r.pagefindCpuMs ?? 0)) / cores),
        s(r.buildMs),
      ]),
    ),
  );
  lines.push(
    "",
    ...table(
      [...KEY, "related articles (s):", "share of the build:", "pages of shared articles (pairs):"],
      rows.map((r) => [
        ...rowKey(r),
        s(r.relatedMs),
        percent(r.relatedMs, r.buildMs),
        count(r.pairPages),
      ]),
    ),
  );
  lines.push(
    "",
    ...table(
      [
        ...KEY,
        "first search from file://:",
        "all of Pagefind's files as scripts:",
        "share loaded:",
      ],
      rows.map((r) => [
        ...rowKey(r),
        kb(r.fileSearchBytes),
        kb(r.fileIndexBytes),
        percent(r.fileSearchBytes, r.fileIndexBytes),
      ]),
    ),
  );
  if (rows.some((r) => r.eleventyMs !== undefined || r.hugoMs !== undefined)) {
    lines.push(
      "",
      "Beside the reference builds of the same stories (article pages, one page per topic, person and place, a home page; no feeds, pagination or archives). Hugo + Pagefind: Hugo, then the Pagefind CLI on Hugo's article pages, timed together.",
      "",
      ...table(
        [
          ...KEY,
          "ours, complete with search (s):",
          "ours, pages only (s):",
          "idiomatic Eleventy (s):",
          "Hugo (s):",
          "Hugo + Pagefind (s):",
          "complete / Eleventy:",
          "complete / Hugo:",
          "complete / Hugo + Pagefind:",
          "pages only / Hugo:",
          "Eleventy peak:",
          "Hugo peak:",
          "Pagefind CLI peak:",
        ],
        rows.map((r) => [
          ...rowKey(r),
          s(r.buildMs),
          s(r.pagesMs),
          s(r.eleventyMs),
          s(r.hugoMs),
          s(r.hugoPagefindMs),
          ratio(r.buildMs, r.eleventyMs),
          ratio(r.buildMs, r.hugoMs),
          ratio(r.buildMs, r.hugoPagefindMs),
          ratio(r.pagesMs, r.hugoMs),
          mib(r.eleventyPeakMb),
          mib(r.hugoPeakMb),
          mib(r.pagefindCliPeakMb),
        ]),
      ),
    );
  }
  const cachedRows = rows.filter((r) => r.cached?.length);
  if (cachedRows.length) {
    lines.push(
      "",
      "Publishing with the build cache: each change applied to the archive, then `npm run build` with the cache the previous build left, into the same output folder as a newsroom publishes (each build updates the spare build the cache keeps; medians; each run makes a change of its own). Hugo is its full build of the archive before these changes, in the same run, into a new folder.",
      "",
      ...table(
        [
          ...KEY,
          "change",
          "build with cache (s):",
          "pages rendered:",
          "pages reused:",
          "bundles indexed:",
          "offline copy update:",
          "vs Hugo:",
          "vs our complete build:",
        ],
        cachedRows.flatMap((r) =>
          CACHE_CHANGES.map((change) => {
            const builds = r.cached!.filter((b) => b.change === change);
            const ms = median(builds.map((b) => b.ms));
            const last = builds.at(-1)?.report;
            return [
              ...rowKey(r),
              change,
              s(ms),
              last ? count(last.pagesRendered) : "–",
              last ? count(last.pagesReused) : "–",
              last
                ? `${last.bundlesIndexed.length} of ${last.bundlesIndexed.length + last.bundlesReused.length}`
                : "–",
              kb(medianOrNone(builds.flatMap((b) => b.offlineUpdateBytes ?? []))),
              ratio(ms, r.hugoMs),
              ratio(ms, r.buildMs),
            ];
          }),
        ),
      ),
    );
  }
  if (cachedRows.some((r) => r.cached!.some((b) => b.phases))) {
    const steps = [
      ...new Set(cachedRows.flatMap((r) => r.cached!.flatMap((b) => Object.keys(b.phases ?? {})))),
    ];
    lines.push(
      "",
      "Where a publish with the cache spends its time: the build's steps (`npm run build -- --stats`, `phases`), medians, seconds. Startup is loading the program; load is reading the archive (parsed articles from the cache); cache empties the spare build of what is not a page; fingerprints decide which pages to render; pages and index render them and run Pagefind on the bundles that changed; check measures the output for the host's limits and the next build; publish swaps it in and keeps the spare.",
      "",
      ...table(
        [...KEY, "change", ...steps.map((step) => `${step}:`), "process (s):"],
        cachedRows.flatMap((r) =>
          CACHE_CHANGES.map((change) => {
            const builds = r.cached!.filter((b) => b.change === change);
            return [
              ...rowKey(r),
              change,
              ...steps.map((step) => {
                const values = builds.map((b) => b.phases?.[step]).filter((v) => v !== undefined);
                return values.length ? s(median(values)) : "–";
              }),
              s(median(builds.map((b) => b.ms))),
            ];
          }),
        ),
      ),
    );
  }
  const started = rows.filter((r) => r.start);
  if (started.length) {
    lines.push(
      "",
      "`npm start` on the archive the last publish left (its cache there, nothing to build): seconds from the command until the site is served and until edits are ready; then an article's title saved, seconds until its page shows it and until the search index is updated; then a new story (that article copied under a new name, dated today), seconds from its file appearing until its page shows it and until the search index is updated.",
      "",
      ...table(
        [
          ...KEY,
          "serving:",
          "edits ready:",
          "edit shown:",
          "searchable:",
          "new story shown:",
          "searchable:",
        ],
        started.map((r) => [
          ...rowKey(r),
          s(r.start!.servingMs),
          s(r.start!.readyMs),
          s(r.start!.editMs),
          s(r.start!.searchableMs),
          s(r.start!.newStoryMs),
          s(r.start!.newStorySearchableMs),
        ]),
      ),
    );
  }
  for (const workload of workloads) {
    const own = rows.filter((r) => r.workload === workload);
    if (own.length) lines.push("", ...targets(own));
  }
  return lines.join("\n");
}

/**
 * The archive-scale targets of one workload, checked on its largest size short of 100k (the cost
 * per story against the smallest), and at 100k where measured: each row says what was measured
 * and whether the target holds.
 */
/**
 * Publishes with the cache against Hugo's full build of the same stories, as a day's targets
 * have them: a day's publish (imported pages), a day's stories with their photos (plus the photos'
 * own encoding), and one old story's edit at most half of it; nothing changed a quarter; a
 * registry alias at most as long; and our complete build at most Hugo followed by the Pagefind CLI.
 */
function cacheTargets(
  row: Row,
  check: (name: string, measured: string, holds: boolean | undefined) => string,
): string[] {
  if (!row.cached?.length) return [];
  const of = (change: (typeof CACHE_CHANGES)[number]) =>
    row.cached!.filter((b) => b.change === change);
  const within = (
    name: string,
    change: (typeof CACHE_CHANGES)[number],
    share: number,
    allowance: (builds: CachedBuild[]) => number = () => 0,
  ) => {
    const builds = of(change);
    if (!builds.length)
      return check(`${name}: at most ${share}× Hugo's full build`, "–", undefined);
    const ms = median(builds.map((b) => b.ms));
    const extra = allowance(builds);
    return check(
      `${name}, with the cache: at most ${share}× Hugo's full build${extra ? " plus the photos' encoding" : ""}`,
      row.hugoMs
        ? `${s(ms)} s vs ${s(row.hugoMs)} s (${ratio(ms, row.hugoMs)})${extra ? `; photos ${s(extra)} s` : ""}`
        : `${s(ms)} s; no Hugo`,
      row.hugoMs ? ms <= share * row.hugoMs + extra : undefined,
    );
  };
  return [
    within(
      "a day's publish (20 saved web pages imported)",
      "a day's publish: 20 saved web pages imported",
      0.5,
    ),
    within("nothing changed", "nothing changed", 0.25),
    within("one story of the oldest month edited", "one story of the oldest month edited", 0.5),
    within("one registry alias added", "one registry alias added", 1),
    within(
      "20 new stories, each with a new photo",
      "20 new stories, each with a new photo",
      0.5,
      (builds) => median(builds.map((b) => b.phases?.photos ?? 0)),
    ),
    ...startTargets(row.start, check),
    check(
      "our complete build (no cache): at most Hugo followed by the Pagefind CLI",
      row.hugoPagefindMs
        ? `${s(row.buildMs)} s vs ${s(row.hugoPagefindMs)} s (${ratio(row.buildMs, row.hugoPagefindMs)})`
        : `${s(row.buildMs)} s; no Hugo + Pagefind CLI`,
      row.hugoPagefindMs ? row.buildMs <= row.hugoPagefindMs : undefined,
    ),
  ];
}

/** `npm start` on an archive published with the cache: served, an edit shown, then searchable. */
function startTargets(
  start: StartTimes | undefined,
  check: (name: string, measured: string, holds: boolean | undefined) => string,
): string[] {
  const within = (name: string, ms: number | undefined, limitMs: number) =>
    check(
      `npm start with the cache: ${name} within ${limitMs / 1000} s`,
      ms === undefined ? "–" : `${s(ms)} s`,
      ms === undefined ? undefined : ms <= limitMs,
    );
  return [
    within("serving, from the command,", start?.servingMs, 5000),
    within("an edited story shown, from its save,", start?.editMs, 1000),
    within("the edit searchable, from its save,", start?.searchableMs, 10_000),
    within("a new story shown, from its file,", start?.newStoryMs, 2000),
    within("the new story searchable, from its file,", start?.newStorySearchableMs, 10_000),
  ];
}

function targets(rows: Row[]): string[] {
  const first = rows[0]!;
  const unscaled = rows.filter((r) => r.size !== SCALED);
  const last = unscaled.at(-1);
  const big = rows.find((r) => r.size === SCALED);
  const perStory = (row: Row) => row.buildMs / row.stories;
  const check = (name: string, measured: string, holds: boolean | undefined) =>
    `| ${name} | ${measured} | ${holds === undefined ? "not measured" : holds ? "met" : "**missed**"} |`;
  const lines: string[] = [];
  const peaks = numbers(rows.map((r) => r.pagefindPeakMb));
  const allPeaks = `largest at ${rows
    .map((r) => `${r.size}: ${mib(r.pagefindPeakMb)}`)
    .join(", ")}`;
  const firstSearch = (order: string, search: FirstSearch, maxKb: number, maxMs?: number) =>
    check(
      `first search, ${order}, under ${maxKb.toLocaleString("en")} KB sent${maxMs ? ` and results in under ${maxMs} ms` : ""}`,
      `${kb(search.bytes)} (${kb(search.uncompressedBytes)} uncompressed), ${msText(search.ms)}`,
      search.bytes < maxKb * 1024 && (maxMs === undefined || search.ms < maxMs),
    );
  if (last) {
    const hugo = last.hugoMs;
    const eleventy = last.eleventyMs;
    lines.push(
      `Targets, ${last.workload} workload, at ${count(last.stories)} stories`,
      "",
      "| target | measured | result |",
      "|---|---|---|",
      check(
        "complete build at most 2× Hugo",
        hugo ? `${s(last.buildMs)} s vs ${s(hugo)} s (${ratio(last.buildMs, hugo)})` : "no Hugo",
        hugo ? last.buildMs <= 2 * hugo : undefined,
      ),
      check(
        "pages-only build at most 2× Hugo (neither indexes)",
        hugo ? `${s(last.pagesMs)} s vs ${s(hugo)} s (${ratio(last.pagesMs, hugo)})` : "no Hugo",
        hugo ? last.pagesMs <= 2 * hugo : undefined,
      ),
      check(
        "complete build faster than the idiomatic Eleventy build",
        eleventy ? `${s(last.buildMs)} s vs ${s(eleventy)} s` : "no baseline",
        eleventy ? last.buildMs < eleventy : undefined,
      ),
      check("Node peak memory under 1 GiB", mib(last.peakMb), last.peakMb < 1024),
      check(
        "every Pagefind process under 1 GiB, at every size",
        allPeaks,
        peaks.length ? Math.max(...peaks) < 1024 : undefined,
      ),
      check(
        "cost per story at most 1.3× the cost at the smallest size",
        `${perStory(last).toFixed(2)} ms vs ${perStory(first).toFixed(2)} ms`,
        perStory(last) <= 1.3 * perStory(first),
      ),
      check(
        "Pagefind's index written in under 30 s (session, overlapping rendering)",
        `${s(last.pagefindMs)} s`,
        last.pagefindMs < 30_000,
      ),
      firstSearch("best match", last.best, 300, 500),
      firstSearch("newest first", last.newest, 300, 500),
      check(
        "one-article rebuild under npm start under 2 s",
        `${s(last.rebuildMs)} s`,
        last.rebuildMs === undefined ? undefined : last.rebuildMs < 2000,
      ),
      check(
        "at most 1.5 files per story (what static hosts count)",
        (last.files / last.stories).toFixed(2),
        last.files / last.stories <= 1.5,
      ),
      // In KiB, as the output column and the figures the goal was set against (325 MiB, 17.5 KiB
      // per story for the full archive) are.
      check(
        "at most 12 KiB per story",
        `${(last.bytes / 1024 / last.stories).toFixed(2)} KiB (${(last.bytes / 1000 / last.stories).toFixed(2)} kB)`,
        last.bytes / last.stories <= 12 * 1024,
      ),
      check("no page over 500 KB", `${last.largestPageKb} KB`, last.largestPageKb <= 500),
      check(
        "related articles under 10% of the build",
        percent(last.relatedMs, last.buildMs),
        last.relatedMs < 0.1 * last.buildMs,
      ),
      ...cacheTargets(last, check),
    );
  }
  if (big) {
    const largest = Math.max(big.peakMb, big.pagefindPeakMb ?? 0);
    lines.push(
      ...(lines.length ? [""] : []),
      `Targets, ${big.workload} workload, at ${count(big.stories)} stories (${SCALED})`,
      "",
      "| target | measured | result |",
      "|---|---|---|",
      check(
        "cold build completes with every process under 1 GiB",
        `${s(big.buildMs)} s; Node ${mib(big.peakMb)}, largest of ${big.shards} Pagefind processes ${mib(big.pagefindPeakMb)}`,
        big.pagefindPeakMb === undefined ? undefined : largest < 1024,
      ),
      firstSearch("newest first", big.newest, 300),
      firstSearch("best match", big.best, 1024),
      check(
        "one-article rebuild under npm start under 2 s",
        big.rebuildMs === undefined ? "skipped" : `${s(big.rebuildMs)} s`,
        big.rebuildMs === undefined ? undefined : big.rebuildMs < 2000,
      ),
      ...cacheTargets(big, check),
    );
  }
  return lines;
}

if (!values["search-only"] && (!workloads.includes("sample") || !sizes.includes(FULL))) {
  if (!values["no-lighthouse"])
    log(`Lighthouse runs on the ${FULL} size of the sample workload only: not in this run`);
}
if (values["search-only"]) {
  try {
    for (const workload of workloads) {
      for (const size of sizes) {
        await benchSearchOnly(workload, size);
        if (values.out) writeFileSync(values.out, `${extraReports.join("\n\n")}\n`);
      }
    }
    console.log(extraReports.join("\n\n"));
  } finally {
    if (values.keep) log(`work folder: ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  process.exit(0);
}
try {
  const rows: Row[] = [];
  const failures: string[] = [];
  for (const workload of workloads) {
    for (const size of sizes) {
      // One size that fails (a baseline out of memory at 100k, say) does not lose the others.
      try {
        rows.push(await benchSize(workload, size));
      } catch (error) {
        const message = `${workload}-${size} failed: ${(error as Error).stack ?? String(error)}`;
        log(message);
        failures.push(message.split("\n")[0]!);
      }
      // Tables so far, so that a bench stopped midway still leaves its measurements.
      if (values.out && rows.length) writeFileSync(values.out, `${tables(rows)}\n`);
    }
  }
  if (!rows.length) throw new Error(`Every size failed:\n${failures.join("\n")}`);
  let report = tables(rows);
  if (failures.length) report += `\n\nNot measured:\n${failures.map((f) => `- ${f}`).join("\n")}`;
  for (const extra of extraReports) report += `\n\n${extra}`;
  if (!values["no-images"]) {
    const imageRows = await benchImages();
    if (imageRows.length) {
      const keys = Object.keys(imageRows[0]!);
      report += `\n\nPhotos\n\n| ${keys.join(" | ")} |\n|${keys.map(() => "---").join("|")}|\n${imageRows.map((row) => `| ${keys.map((k) => row[k]).join(" | ")} |`).join("\n")}`;
    }
  }
  console.log(report);
  if (values.out) writeFileSync(values.out, `${report}\n`);
} finally {
  if (values.keep) {
    log(`work folder: ${work}`);
  } else {
    log(`removing the work folder ${work} (--keep keeps it)`);
    rmSync(work, { recursive: true, force: true });
  }
}

/** "30 search shards, 3 bundles" (or the shards alone, for a build that does not say). */
function describeIndex(search: { shards: number; bundles?: number }): string {
  return `${search.shards} search shard(s)${search.bundles === undefined ? "" : `, ${search.bundles} bundle(s)`}`;
}
