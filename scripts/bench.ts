// npm run bench [-- --sizes 1000,5000,full --runs 3 --out bench.md --no-baselines --no-images
//   --no-lighthouse --no-known-item]
// Imports Reuters-21578 slices into temporary archives and measures, per size: our build (time,
// memory, output), Pagefind, a reader's first search, a one-article rebuild under `npm start`,
// and the same stories built by an idiomatic Eleventy site and by Hugo. Prints Markdown tables.
import {
  mkdtempSync,
  mkdirSync,
  readdirSync,
  renameSync,
  statSync,
  writeFileSync,
  copyFileSync,
} from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { importReuters } from "../src/import/run-import.ts";
import { listMarkdownFiles } from "../src/content/load-articles.ts";
import { launchBrowser } from "../tests/helpers/browser.ts";
import { prepareEleventyBaseline, prepareHugoBaseline } from "./bench/baselines.ts";
import { measureFirstSearch } from "./bench/first-search.ts";
import { measureFirstSearchFromFile } from "./bench/first-search-file.ts";
import { measureRebuild } from "./bench/rebuild.ts";
import { commandExists, median, runTimed } from "./bench/timed.ts";
import { benchImages } from "./bench/images.ts";
import { knownItemTable, measureKnownItem } from "./bench/known-item.ts";
import { LIGHTHOUSE_VERSION, lighthouseTable, measureLighthouse } from "./bench/lighthouse.ts";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,5000,full" },
    runs: { type: "string", default: "3" },
    out: { type: "string" },
    "no-baselines": { type: "boolean", default: false },
    "no-images": { type: "boolean", default: false },
    "no-lighthouse": { type: "boolean", default: false },
    "no-known-item": { type: "boolean", default: false },
    query: { type: "string", default: "coffee" },
  },
});

const projectDir = path.resolve(import.meta.dirname, "..");
const reutersDir = path.resolve(
  projectDir,
  process.env.REUTERS_DIR ?? "../shared/corpora/reuters21578",
);
const runs = Math.max(1, Number(values.runs));
const sizes = values.sizes!.split(",").map((size) => size.trim());
/** The last size given, usually `full`: where the slow measurements run. */
const largestSize = sizes.at(-1);
/** Tables printed after the main ones: known-item search and Lighthouse. */
const extraReports: string[] = [];
const work = mkdtempSync(path.join(tmpdir(), "archive-bench-"));
const tsx = path.join(projectDir, "node_modules", "tsx", "dist", "cli.mjs");
const eleventyCli = path.join(projectDir, "node_modules", "@11ty", "eleventy", "cmd.cjs");
const hasHugo = commandExists("hugo");

interface Row {
  size: string;
  stories: number;
  pages: number;
  files: number;
  bytes: number;
  largestPageKb: number;
  buildMs: number;
  /** The same build without the search index (`--no-search`): site generation alone. */
  pagesMs: number;
  peakMb: number;
  pagefindMs: number;
  pagefindPeakMb: number;
  /** CPU time of the complete build's Node process and of Pagefind's (medians). */
  nodeCpuMs: number;
  pagefindCpuMs: number;
  indexBytes: number;
  firstSearchBytes: number;
  firstSearchUncompressedBytes: number;
  firstSearchWithFacetsBytes: number;
  firstSearchMs: number;
  facetsMs: number;
  fileSearchBytes: number;
  fileIndexBytes: number;
  rebuildMs: number;
  relatedMs: number;
  pairPages: number;
  /** The output's top-level parts that weigh most, from the build's `--stats`. */
  parts: Array<{ name: string; files: number; bytes: number }>;
  eleventyMs?: number;
  eleventyPeakMb?: number;
  hugoMs?: number;
  hugoPeakMb?: number;
}

function walk(dir: string): Array<{ file: string; size: number }> {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((file) => ({ file, stat: statSync(path.join(dir, file)) }))
    .filter(({ stat }) => stat.isFile())
    .map(({ file, stat }) => ({ file, size: stat.size }));
}

const log = (message: string) => console.error(`[bench] ${message}`);
const mb = (kb: number) => Math.round(kb / 1024);

async function benchSize(label: string): Promise<Row> {
  const limit = label === "full" ? undefined : Number(label);
  const root = path.join(work, `archive-${label}`);
  mkdirSync(path.join(root, "_data"), { recursive: true });
  copyFileSync(path.join(projectDir, "_data", "site.json"), path.join(root, "_data", "site.json"));
  const started = performance.now();
  const summary = importReuters({ sourceDir: reutersDir, root, limit });
  log(
    `${label}: imported ${summary.counts.imported} stories in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  // Our build, into a fresh folder each run; earlier output is moved aside, never deleted, inside
  // the timed window (deleting many files slows the next creations on this file system).
  const builds: Array<{ ms: number; stats: Record<string, number>; parts: Row["parts"] }> = [];
  let site = "";
  for (let run = 0; run < runs; run++) {
    site = path.join(work, `site-${label}-${run}`, "_site");
    const statsFile = path.join(work, `stats-${label}-${run}.json`);
    const result = await runTimed(
      process.execPath,
      [tsx, "scripts/build.ts", "--root", root, "--out", site, "--quiet", "--stats", statsFile],
      {
        cwd: projectDir,
      },
    );
    if (result.status !== 0) throw new Error(`Build of ${label} failed:\n${result.stderr}`);
    const { readFileSync } = await import("node:fs");
    const { outputParts, ...stats } = JSON.parse(readFileSync(statsFile, "utf8")) as Record<
      string,
      number
    > & { outputParts?: Row["parts"] };
    builds.push({ ms: result.ms, stats, parts: outputParts ?? [] });
    log(`${label}: build ${run + 1}/${runs} ${(result.ms / 1000).toFixed(1)} s`);
  }
  // The same pages without Pagefind, to compare site generation with the baselines (neither
  // indexes anything); again in fresh folders.
  const pageBuilds: number[] = [];
  for (let run = 0; run < runs; run++) {
    const out = path.join(work, `pages-${label}-${run}`, "_site");
    const result = await runTimed(
      process.execPath,
      [tsx, "scripts/build.ts", "--root", root, "--out", out, "--quiet", "--no-search"],
      { cwd: projectDir },
    );
    if (result.status !== 0)
      throw new Error(`Pages-only build of ${label} failed:
${result.stderr}`);
    pageBuilds.push(result.ms);
    log(`${label}: pages-only build ${run + 1}/${runs} ${(result.ms / 1000).toFixed(1)} s`);
  }
  const files = walk(site);
  const html = files.filter((f) => f.file.endsWith(".html") && !f.file.startsWith("pagefind"));
  const index = files.filter((f) => f.file.startsWith("pagefind"));

  // The portable build (npm run build:portable), untimed: what a first search costs from disk.
  const portable = path.join(work, `portable-${label}`, "_site");
  const portableRun = await runTimed(
    process.execPath,
    [tsx, "scripts/build.ts", "--root", root, "--out", portable, "--quiet", "--portable"],
    {
      cwd: projectDir,
    },
  );
  if (portableRun.status !== 0)
    throw new Error(`Portable build of ${label} failed:\n${portableRun.stderr}`);
  const fileIndexBytes = walk(path.join(portable, "pagefind", "file")).reduce(
    (sum, f) => sum + f.size,
    0,
  );

  const browser = await launchBrowser();
  let search;
  let fileSearch;
  try {
    search = await measureFirstSearch(browser, site, values.query!);
    fileSearch = await measureFirstSearchFromFile(browser, portable, values.query!);
    // Search quality and Lighthouse at the largest size only: they take minutes, not seconds.
    if (label === largestSize && !values["no-known-item"]) {
      const knownItem = await measureKnownItem(browser, { root, siteDir: site });
      extraReports.push(`Known-item search, ${label} stories\n\n${knownItemTable(knownItem)}`);
    }
  } finally {
    await browser.close();
  }
  if (label === largestSize && !values["no-lighthouse"]) {
    const lighthouse = await measureLighthouse(site, { log });
    extraReports.push(
      `Lighthouse ${LIGHTHOUSE_VERSION}, ${label}\n\n${lighthouseTable(lighthouse)}`,
    );
  }
  log(
    `${label}: first search "${values.query}": ${search.results}; from file://: ${fileSearch.results}`,
  );

  const articleFile = listMarkdownFiles(path.join(root, "content", "articles"))[0]!;
  const relative = path.relative(path.join(root, "content", "articles"), articleFile);
  const builtArticle = html.find((f) => f.file.startsWith(`articles/${path.dirname(relative)}/`))!;
  const rebuildMs = await measureRebuild({
    projectDir,
    root,
    outDir: path.join(work, `watch-${label}`),
    articleFile,
    articleUrl: path.dirname(builtArticle.file),
    port: 8190,
  });
  log(`${label}: one-article rebuild under npm start ${(rebuildMs / 1000).toFixed(1)} s`);

  const row: Row = {
    size: label,
    stories: summary.counts.imported,
    pages: html.length,
    files: files.length,
    bytes: files.reduce((sum, f) => sum + f.size, 0),
    largestPageKb: Math.round(Math.max(...html.map((f) => f.size)) / 1024),
    buildMs: median(builds.map((b) => b.ms)),
    pagesMs: median(pageBuilds),
    peakMb: mb(Math.max(...builds.map((b) => b.stats.maxRssKb ?? 0))),
    pagefindMs: median(builds.map((b) => b.stats.searchIndexMs ?? 0)),
    pagefindPeakMb: mb(Math.max(...builds.map((b) => b.stats.searchPeakKb ?? 0))),
    nodeCpuMs: median(builds.map((b) => b.stats.cpuMs ?? 0)),
    pagefindCpuMs: median(builds.map((b) => b.stats.searchCpuMs ?? 0)),
    indexBytes: index.reduce((sum, f) => sum + f.size, 0),
    firstSearchBytes: search.bytes,
    firstSearchUncompressedBytes: search.uncompressedBytes,
    firstSearchWithFacetsBytes: search.withFacetsBytes,
    firstSearchMs: search.ms,
    facetsMs: search.facetsMs,
    fileSearchBytes: fileSearch.bytes,
    fileIndexBytes,
    rebuildMs,
    relatedMs: median(builds.map((b) => b.stats.relatedMs ?? 0)),
    pairPages: builds[0]!.stats.pairPages ?? 0,
    parts: builds[0]!.parts,
  };

  if (!values["no-baselines"]) {
    const eleventy = path.join(work, `eleventy-${label}`);
    prepareEleventyBaseline(root, eleventy);
    // Output goes outside the input folder: Eleventy would read earlier output as templates.
    const times: number[] = [];
    let peak = 0;
    for (let run = 0; run < runs; run++) {
      const result = await runTimed(
        process.execPath,
        [eleventyCli, "--quiet", `--output=../eleventy-${label}-out-${run}`],
        { cwd: eleventy },
      );
      if (result.status !== 0)
        throw new Error(`Eleventy baseline failed:\n${result.stderr.slice(-3000)}`);
      times.push(result.ms);
      peak = Math.max(peak, result.peakKb ?? 0);
      log(`${label}: eleventy baseline ${run + 1}/${runs} ${(result.ms / 1000).toFixed(1)} s`);
    }
    row.eleventyMs = median(times);
    row.eleventyPeakMb = mb(peak);
    if (hasHugo) {
      const hugo = path.join(work, `hugo-${label}`);
      prepareHugoBaseline(root, hugo);
      const hugoTimes: number[] = [];
      let hugoPeak = 0;
      for (let run = 0; run < runs; run++) {
        const result = await runTimed("hugo", ["--quiet", "-d", `public-${run}`], { cwd: hugo });
        if (result.status !== 0)
          throw new Error(`Hugo baseline failed:\n${result.stderr.slice(-3000)}`);
        hugoTimes.push(result.ms);
        hugoPeak = Math.max(hugoPeak, result.peakKb ?? 0);
        log(`${label}: hugo ${run + 1}/${runs} ${(result.ms / 1000).toFixed(1)} s`);
      }
      row.hugoMs = median(hugoTimes);
      row.hugoPeakMb = mb(hugoPeak);
    }
  }
  // Keep the temporary folder's size in check without deleting inside a timed window.
  renameSync(root, `${root}-done`);
  return row;
}

const s = (ms: number | undefined) => (ms === undefined ? "–" : (ms / 1000).toFixed(2));
const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString("en")} KB`;
const ratio = (a: number | undefined, b: number | undefined) =>
  a && b ? `${(a / b).toFixed(2)}×` : "–";

function tables(rows: Row[]): string {
  const first = rows[0]!;
  const perStory = (row: Row) => row.buildMs / row.stories;
  const lines = [
    `Reuters-21578 slices; ${runs} runs per build, medians; ${new Date().toISOString().slice(0, 10)}, ${process.platform}, Node ${process.version}.`,
    "",
    "| stories | pages | files | output | largest page | build (s) | ms per story | vs 1,000 | peak memory | Pagefind session (s) | Pagefind peak | index | first search | time to results | rebuild one article (s) |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.stories.toLocaleString("en")} | ${r.pages.toLocaleString("en")} | ${r.files.toLocaleString("en")} | ${kb(r.bytes)} | ${r.largestPageKb} KB | ${s(r.buildMs)} | ${perStory(r).toFixed(2)} | ${(perStory(r) / perStory(first)).toFixed(2)}× | ${r.peakMb} MiB | ${s(r.pagefindMs)} | ${r.pagefindPeakMb} MiB | ${kb(r.indexBytes)} | ${kb(r.firstSearchBytes)} | ${Math.round(r.firstSearchMs)} ms | ${s(r.rebuildMs)} |`,
    ),
  ];
  // What a static host counts, per story: the density that says at which size a host's file or
  // size limit is reached (README, Deploy), and the parts that weigh most.
  lines.push(
    "",
    "| stories | files | files per story | output | KB per story | top folders (files, MB) |",
    "|---:|---:|---:|---:|---:|---|",
    ...rows.map(
      (r) =>
        `| ${r.stories.toLocaleString("en")} | ${r.files.toLocaleString("en")} | ${(r.files / r.stories).toFixed(2)} | ${kb(r.bytes)} | ${(r.bytes / 1000 / r.stories).toFixed(1)} | ${[
          ...r.parts,
        ]
          .sort((p, q) => q.bytes - p.bytes)
          .slice(0, 4)
          .map((p) => `${p.name} ${p.files.toLocaleString("en")}, ${(p.bytes / 1e6).toFixed(1)}`)
          .join("; ")} |`,
    ),
  );
  lines.push(
    "",
    "First search over HTTP, Pagefind's files only: sent is what went over the wire from `npm run serve` (text compressed as static hosts do; Pagefind's index is compressed already); facet counts load after the results.",
    "",
    "| stories | results: sent | results: uncompressed | with facet counts: sent | time to results | time to facet counts |",
    "|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.stories.toLocaleString("en")} | ${kb(r.firstSearchBytes)} | ${kb(r.firstSearchUncompressedBytes)} | ${kb(r.firstSearchWithFacetsBytes)} | ${Math.round(r.firstSearchMs)} ms | ${Math.round(r.facetsMs)} ms |`,
    ),
  );
  const cores = availableParallelism();
  lines.push(
    "",
    `CPU time of the complete build (medians): the build cannot end before both processes' CPU seconds are spread over the ${cores} cores.`,
    "",
    "| stories | Node process (CPU s) | Pagefind process (CPU s) | together / cores (s) | wall (s) |",
    "|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.stories.toLocaleString("en")} | ${s(r.nodeCpuMs)} | ${s(r.pagefindCpuMs)} | ${s((r.nodeCpuMs + r.pagefindCpuMs) / cores)} | ${s(r.buildMs)} |`,
    ),
  );
  lines.push(
    "",
    "| stories | related articles (s) | share of the build | pages of shared articles (pairs) |",
    "|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.stories.toLocaleString("en")} | ${s(r.relatedMs)} | ${((100 * r.relatedMs) / r.buildMs).toFixed(1)}% | ${r.pairPages.toLocaleString("en")} |`,
    ),
  );
  lines.push(
    "",
    "| stories | first search from file:// | all of Pagefind's files as scripts | share loaded |",
    "|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.stories.toLocaleString("en")} | ${kb(r.fileSearchBytes)} | ${kb(r.fileIndexBytes)} | ${((100 * r.fileSearchBytes) / r.fileIndexBytes).toFixed(1)}% |`,
    ),
  );
  if (rows.some((r) => r.eleventyMs !== undefined)) {
    lines.push(
      "",
      "| stories | ours, complete with search (s) | ours, pages only (s) | idiomatic Eleventy (s) | Hugo (s) | complete / Eleventy | complete / Hugo | pages only / Hugo | Eleventy peak | Hugo peak |",
      "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
      ...rows.map(
        (r) =>
          `| ${r.stories.toLocaleString("en")} | ${s(r.buildMs)} | ${s(r.pagesMs)} | ${s(r.eleventyMs)} | ${s(r.hugoMs)} | ${ratio(r.buildMs, r.eleventyMs)} | ${ratio(r.buildMs, r.hugoMs)} | ${ratio(r.pagesMs, r.hugoMs)} | ${r.eleventyPeakMb ?? "–"} MiB | ${r.hugoPeakMb ?? "–"} MiB |`,
      ),
    );
  }
  lines.push("", ...targets(rows));
  return lines.join("\n");
}

/**
 * The archive-scale targets, checked on the largest size measured (the cost per story against
 * the smallest): each row says what was measured and whether the target holds.
 */
function targets(rows: Row[]): string[] {
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  const perStory = (row: Row) => row.buildMs / row.stories;
  const check = (name: string, measured: string, holds: boolean | undefined) =>
    `| ${name} | ${measured} | ${holds === undefined ? "not measured" : holds ? "met" : "**missed**"} |`;
  const hugo = last.hugoMs;
  const eleventy = last.eleventyMs;
  return [
    `Targets at ${last.stories.toLocaleString("en")} stories`,
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
    check("Node peak memory under 1 GiB", `${last.peakMb} MiB`, last.peakMb < 1024),
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
    check(
      "first search under 300 KB (sent, until the results show)",
      `${kb(last.firstSearchBytes)} (${kb(last.firstSearchUncompressedBytes)} uncompressed)`,
      last.firstSearchBytes < 300 * 1024,
    ),
    check(
      "one-article rebuild under npm start under 2 s",
      `${s(last.rebuildMs)} s`,
      last.rebuildMs < 2000,
    ),
    check(
      "at most 1.5 files per story (what static hosts count)",
      (last.files / last.stories).toFixed(2),
      last.files / last.stories <= 1.5,
    ),
    check(
      "at most 12 KB per story",
      `${(last.bytes / 1000 / last.stories).toFixed(1)} KB`,
      last.bytes / last.stories <= 12_000,
    ),
    check("no page over 500 KB", `${last.largestPageKb} KB`, last.largestPageKb <= 500),
    check(
      "related articles under 10% of the build",
      `${((100 * last.relatedMs) / last.buildMs).toFixed(1)}%`,
      last.relatedMs < 0.1 * last.buildMs,
    ),
  ];
}

const rows: Row[] = [];
for (const size of sizes) rows.push(await benchSize(size));
let report = tables(rows);
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
log(`work folder: ${work}`);
