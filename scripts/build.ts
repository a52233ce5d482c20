// npm run build [-- --root <archive> --out <dir> --portable --no-search --quiet --stats <file.json>]:
// builds the site into _site/; --portable (npm run build:portable) makes it also work opened from
// disk; --no-search leaves out the search index (a quicker preview of the pages).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildSite } from "../src/build/build-site.ts";
import { buildStats } from "../src/build/build-stats.ts";
import { reportError } from "../src/build/report-error.ts";
import { describeHostFit, describeOutput } from "../src/build/host-limits.ts";

const { values } = parseArgs({
  options: {
    root: { type: "string", default: process.env.ARCHIVE_ROOT ?? "." },
    out: { type: "string", default: "_site" },
    quiet: { type: "boolean", default: false },
    stats: { type: "string" },
    portable: { type: "boolean", default: process.env.BUILD_PORTABLE === "1" },
    "no-search": { type: "boolean", default: false },
  },
});
const projectDir = path.resolve(import.meta.dirname, "..");

try {
  const started = performance.now();
  const result = await buildSite({
    root: values.root!,
    outDir: values.out!,
    projectDir,
    quiet: values.quiet,
    portable: values.portable,
    search: !values["no-search"],
  });
  const wallMs = performance.now() - started;
  const { measure, check, warning } = result.output;
  console.log(
    `Built ${result.archive.articles.length} articles into ${path.relative(process.cwd(), result.outDir) || "."} in ${(wallMs / 1000).toFixed(1)} s: ${describeOutput(measure)}.`,
  );
  if (warning) console.warn(`\n⚠ ${warning}\n`);
  else if (check) console.log(describeHostFit(check));
  if (values.stats) {
    const cpu = process.cpuUsage();
    const stats = {
      articles: result.archive.articles.length,
      written: result.written,
      wallMs,
      maxRssKb: process.resourceUsage().maxRSS,
      // This process's CPU time, all its threads (user and system).
      cpuMs: (cpu.user + cpu.system) / 1000,
      relatedMs: result.archive.entities.relatedMs,
      pairPages: result.archive.entities.pairPages.length,
      // What a host counts: files, bytes, and the top-level parts that weigh most.
      outputFiles: measure.files,
      outputFolders: measure.folders,
      outputBytes: measure.bytes,
      largestFile: measure.largestFile,
      fullestFolder: measure.fullestFolder,
      outputParts: measure.parts,
      ...buildStats,
    };
    writeFileSync(values.stats, JSON.stringify(stats, null, 2));
  }
} catch (error) {
  reportError(error);
  process.exitCode = 1;
}
