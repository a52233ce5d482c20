import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { importReuters } from "../../src/import/reuters/import-collection.ts";
import type { ImportSummary } from "../../src/import/run-import.ts";
import { makeFixtureSite } from "./fixture-site.ts";
import { PROJECT_DIR, runBuild } from "./run-build.ts";

/** The Reuters-21578 folder (REUTERS_DIR, default ../shared/corpora/reuters21578); fails clearly without it. */
export function reutersDir(): string {
  const dir = path.resolve(
    PROJECT_DIR,
    process.env.REUTERS_DIR ?? "../shared/corpora/reuters21578",
  );
  if (!existsSync(path.join(dir, "reut2-000.sgm"))) {
    throw new Error(
      `The Reuters-21578 corpus is not in ${dir}: put reut2-000.sgm … reut2-021.sgm there, or set REUTERS_DIR to the folder that holds them.`,
    );
  }
  return dir;
}

export interface ReutersSite {
  root: string;
  site: string;
  summary: ImportSummary;
}

/**
 * Imports the first `limit` stories (all without a limit) into a new archive, with `settings` in
 * its `_data/site.json`, and builds it.
 */
export function buildReutersSite(
  limit?: number,
  env: NodeJS.ProcessEnv = {},
  settings: Record<string, unknown> = {},
): ReutersSite {
  const root = makeFixtureSite({
    site: { title: "Reuters-21578", url: "https://reuters.example.org", ...settings },
  });
  const summary = importReuters({ sourceDir: reutersDir(), root, limit });
  const site = path.join(mkdtempSync(path.join(tmpdir(), "reuters-site-")), "_site");
  const run = runBuild(root, site, env);
  if (run.status !== 0) throw new Error(`The build of the Reuters archive failed:\n${run.stderr}`);
  return { root, site, summary };
}
