// npm run build [-- --root <archive> --out <dir> --portable --no-search --quiet --verbose
// --stats <file.json>]: builds the site into _site/, printing a short summary; --verbose lists
// every page written, --quiet leaves out the reports on photos, removed markup and the cache;
// --portable (npm run build:portable) makes it also work opened from disk; --no-search leaves out
// the search index (a quicker preview of the pages); --no-cache renders and indexes everything,
// ignoring the build cache in .cache/build/ (and refreshing it).
// A large archive's search index can be built in several jobs (README, "Building a large archive
// in several CI jobs"):
//   --list-bundles                      prints the search bundles' ids as a JSON array, builds nothing;
//   --bundles <id,…> --out <dir>        indexes only those bundles, into <dir>/pagefind/;
//   --assemble <dir,…> [--out <site>]   builds the site with the search index of those folders.
// Test only: BUILD_TEST_KILL_AT=<step> (one of BUILD_STEPS) makes the build kill itself with
// SIGKILL at that step, BUILD_TEST_FAIL_AT=<step> throw an error there; the fault-injection
// suite (tests/archive/build-faults.test.ts) sets them.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { BUILD_STEPS, type BuildStep } from "../src/build/build-steps.ts";
import { upToDateBuild } from "../src/build/up-to-date-build.ts";
import { describeHostFit, describeOutput } from "../src/output/host-limits.ts";

// The rest of the build (Eleventy, Pagefind, the templates) is loaded only when there is something
// to build: a build with nothing to do is told without it (src/build/up-to-date-build.ts).

const { values } = parseArgs({
  options: {
    root: { type: "string", default: process.env.ARCHIVE_ROOT ?? "." },
    out: { type: "string" },
    quiet: { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
    stats: { type: "string" },
    portable: { type: "boolean", default: process.env.BUILD_PORTABLE === "1" },
    "no-search": { type: "boolean", default: false },
    "no-cache": { type: "boolean", default: false },
    "list-bundles": { type: "boolean", default: false },
    bundles: { type: "string", multiple: true },
    assemble: { type: "string", multiple: true },
  },
});
/** `--bundles a,b --bundles c` → a, b, c. */
const list = (given: string[] | undefined) =>
  given?.flatMap((value) => value.split(",").map((item) => item.trim())).filter(Boolean);
const projectDir = path.resolve(import.meta.dirname, "..");
const started = performance.now();

/** This process's CPU time, all its threads (user and system), and its peak memory. */
function processStats() {
  const cpu = process.cpuUsage();
  return { maxRssKb: process.resourceUsage().maxRSS, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** `--bundles`: one job of a CI matrix, which indexes some of the search bundles. */
async function buildBundles(ids: string[]): Promise<void> {
  if (values["no-search"]) {
    throw new Error("--bundles builds only the search index: drop --no-search.");
  }
  // Never _site by default: the folder gets search bundles, not a site.
  if (!values.out) throw new Error("--bundles needs --out <dir>, a folder for its bundles.");
  const { buildSearchBundles } = await import("../src/build/bundle-matrix.ts");
  const result = await buildSearchBundles({
    root: values.root!,
    outDir: values.out,
    projectDir,
    ids,
    env: process.env,
  });
  const wallMs = performance.now() - started;
  console.log(
    `Indexed ${result.index.pages} article page${result.index.pages === 1 ? "" : "s"} into ${path.relative(process.cwd(), result.outDir) || "."} in ${(wallMs / 1000).toFixed(1)} s: bundle(s) ${result.bundles.map((b) => b.id).join(", ")}.`,
  );
  if (values.stats) {
    const stats = {
      articles: result.archive.articles.length,
      bundles: result.bundles.map((b) => b.id),
      wallMs,
      ...processStats(),
      ...result.index.stats,
    };
    writeFileSync(values.stats, JSON.stringify(stats, null, 2));
  }
}

/** Test only: the steps at which the build kills itself or fails (see above). */
function faultsAt(env: NodeJS.ProcessEnv): ((at: BuildStep) => void) | undefined {
  const kill = env.BUILD_TEST_KILL_AT;
  const fail = env.BUILD_TEST_FAIL_AT;
  for (const [name, step] of [
    ["BUILD_TEST_KILL_AT", kill],
    ["BUILD_TEST_FAIL_AT", fail],
  ]) {
    if (step && !(BUILD_STEPS as readonly string[]).includes(step)) {
      throw new Error(`${name}=${step} names no step: expected one of ${BUILD_STEPS.join(", ")}.`);
    }
  }
  if (!kill && !fail) return undefined;
  return (at) => {
    if (at === kill) process.kill(process.pid, "SIGKILL");
    if (at === fail) throw new Error(`failed on purpose at ${at} (BUILD_TEST_FAIL_AT)`);
  };
}

/** The site: a whole build, or (`--assemble`) one that takes its index from the bundle jobs. */
async function build(assemble: string[] | undefined): Promise<void> {
  const onStep = faultsAt(process.env);
  const options = {
    root: values.root!,
    outDir: values.out ?? "_site",
    projectDir,
    env: process.env,
    quiet: values.quiet,
    verbose: values.verbose,
    portable: values.portable,
    search: !values["no-search"],
    assemble,
    cache: values["no-cache"] ? ("fresh" as const) : true,
    onStep,
  };
  // Asked first, when the build would use the cache; when there is something to build, the build
  // need not ask again.
  const asked =
    options.cache === true && !options.portable && options.search && !assemble && !onStep;
  const quick = asked ? await upToDateBuild(options) : undefined;
  const result = quick?.upToDate
    ? quick
    : await (
        await import("../src/build/build-site.ts")
      ).buildSite({ ...options, checkedUpToDate: asked, inputs: quick?.inputs });
  const wallMs = performance.now() - started;
  const { measure, check, warning } = result.output;
  console.log(
    result.upToDate
      ? `Nothing to build: the ${result.articles} articles in ${path.relative(process.cwd(), result.outDir) || "."} are as published (checked in ${(wallMs / 1000).toFixed(1)} s): ${describeOutput(measure)}.`
      : `Built ${result.articles} articles into ${path.relative(process.cwd(), result.outDir) || "."} in ${(wallMs / 1000).toFixed(1)} s: ${describeOutput(measure)}.`,
  );
  if (warning) console.warn(`\n⚠ ${warning}\n`);
  else if (check) console.log(describeHostFit(check));
  if (values.stats) {
    const stats = {
      articles: result.articles,
      upToDate: result.upToDate ?? false,
      written: result.written,
      wallMs,
      ...processStats(),
      relatedMs: result.archive?.entities.relatedMs,
      pairPages: result.archive?.entities.pairPages.length,
      // What a host counts: files, bytes, and the top-level parts that weigh most.
      outputFiles: measure.files,
      outputFolders: measure.folders,
      outputBytes: measure.bytes,
      largestFile: measure.largestFile,
      fullestFolder: measure.fullestFolder,
      outputParts: measure.parts,
      cache: result.cache,
      ...result.stats,
    };
    // The site is published: a stats file that cannot be written does not make the build fail.
    try {
      writeFileSync(values.stats, JSON.stringify(stats, null, 2));
    } catch (error) {
      console.warn(`⚠ Could not write ${values.stats}: ${(error as Error).message}`);
    }
  }
}

try {
  const bundles = list(values.bundles);
  const assemble = list(values.assemble);
  if ([values["list-bundles"], bundles, assemble].filter(Boolean).length > 1) {
    throw new Error("--list-bundles, --bundles and --assemble are separate steps: give one.");
  }
  // Alone on stdout, for a workflow's `fromJSON()`.
  if (values["list-bundles"]) {
    const { listBundles } = await import("../src/build/bundle-matrix.ts");
    console.log(JSON.stringify(listBundles(values.root!, process.env)));
  } else if (bundles) await buildBundles(bundles);
  else await build(assemble);
} catch (error) {
  const { reportError } = await import("../src/build/report-error.ts");
  reportError(error, { stack: Boolean(process.env.DEBUG) });
  process.exitCode = 1;
}
