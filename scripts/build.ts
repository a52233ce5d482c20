// npm run build [-- --root <archive> --out <dir>]: builds the site into _site/.
import path from "node:path";
import { parseArgs } from "node:util";
import { buildSite } from "../src/build/build-site.ts";
import { reportError } from "../src/build/report-error.ts";

const { values } = parseArgs({
  options: {
    root: { type: "string", default: process.env.ARCHIVE_ROOT ?? "." },
    out: { type: "string", default: "_site" },
    quiet: { type: "boolean", default: false },
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
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Built ${result.archive.articles.length} articles into ${path.relative(process.cwd(), result.outDir) || "."} in ${seconds} s.`,
  );
} catch (error) {
  reportError(error);
  process.exitCode = 1;
}
