import { existsSync } from "node:fs";
import { runImport } from "../run-import.ts";
import type { ImportSummary } from "../summary.ts";

export interface ReutersImportOptions {
  /** The folder holding reut2-*.sgm. */
  sourceDir: string;
  /** The archive to write into. */
  root: string;
  /** Import only the first `limit` stories with a body, in file order. */
  limit?: number;
  /** Tag names found in the text. Default true. */
  tag?: boolean;
  /** The zone in which month folders are chosen. Default: `_data/site.json`'s, else UTC. */
  timeZone?: string;
}

/**
 * Imports Reuters-21578 (all of it, or its first `limit` stories) into an archive: articles,
 * registry entries for its topics, places and people, and its citation in `_data/sources.json`.
 * For benchmarks and test suites that need an archive of a given size.
 */
export function importReuters(options: ReutersImportOptions): ImportSummary {
  if (!existsSync(options.sourceDir)) {
    throw new Error(
      `The Reuters-21578 folder ${options.sourceDir} does not exist: give the folder that holds reut2-000.sgm … reut2-021.sgm.`,
    );
  }
  return runImport({
    root: options.root,
    inputs: [options.sourceDir],
    format: "reuters",
    limit: options.limit,
    tag: options.tag,
    timeZone: options.timeZone,
  });
}
