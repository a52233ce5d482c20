// Builds several archives one after another in this one process, as a long-running program would
// (`tsx tests/helpers/build-sites.ts '<json>'`): the JSON is a list of { root, outDir, env }. Prints
// one JSON line: each build's output folder and stories, and what the builds left in process.env.
import { buildSite } from "../../src/build/build-site.ts";
import { PROJECT_DIR } from "./run-build.ts";

interface SiteToBuild {
  root: string;
  outDir: string;
  env?: NodeJS.ProcessEnv;
}

const sites = JSON.parse(process.argv[2]!) as SiteToBuild[];
const envBefore = { ...process.env };
const built = [];
for (const site of sites) {
  const result = await buildSite({ ...site, projectDir: PROJECT_DIR, quiet: true });
  built.push({
    outDir: result.outDir,
    titles: result.archive?.articles.map((article) => article.title),
    searchPages: result.stats.searchPages,
  });
}
// Eleventy sets its own ELEVENTY_* variables for templates to read; anything else is the build's.
// @see https://www.11ty.dev/docs/environment-vars/#eleventy-supplied
const changedEnv = Object.keys({ ...envBefore, ...process.env }).filter(
  (key) => envBefore[key] !== process.env[key] && !key.startsWith("ELEVENTY_"),
);
console.log(JSON.stringify({ built, changedEnv }));
