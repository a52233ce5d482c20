import path from "node:path";
import type { CacheReport } from "../cache/build-cache.ts";
import { buildCacheDir, cacheKey } from "../cache/cache-key.ts";
import { publishedUpToDate } from "../cache/up-to-date.ts";
import { readArchiveInputs, type ArchiveInputs } from "../content/archive-inputs.ts";
import { loadSite } from "../config/site.ts";
import { buildsFolder } from "../output/output-swap.ts";
import type { ImageReport } from "../images/process-images.ts";
import type { OutputCheck } from "../output/host-limits.ts";
import { lockBuild, outputLockFile } from "./build-lock.ts";
import { phaseTimer, type BuildStats } from "./build-stats.ts";

/**
 * A build with nothing to do (see src/cache/up-to-date.ts), told without loading the rest of the
 * build: `npm run build` asks this first, and loads Eleventy, Pagefind and the page templates
 * only when there is something to build.
 */

/** What a build that finds nothing to do reports: the published build's figures, all reused. */
export interface PublishedSummary {
  articles: number;
  written: number;
  images: ImageReport;
  output: OutputCheck;
  cache: CacheReport;
}

/** A build with nothing to do, as `buildSite` returns it (see `BuildResult`). */
export type UpToDateResult = PublishedSummary & {
  archive?: undefined;
  outDir: string;
  upToDate: true;
  stats: BuildStats;
};

/**
 * What the check found: the published build's figures when nothing it was made from changed and
 * its files are as it wrote them (see up-to-date.ts), else none, for an ordinary build, when
 * anything did or cannot be told (settings that do not load are reported by the ordinary build, as
 * ever). The archive's files as it stamped them either way, for that build to go on from.
 */
export interface UpToDateCheck {
  summary?: PublishedSummary;
  inputs?: ArchiveInputs;
}

export function checkUpToDate(
  root: string,
  outDir: string,
  projectDir: string,
  env: NodeJS.ProcessEnv,
  /** The archive's files as the caller stamped them; stamped now when not given. */
  given?: ArchiveInputs,
): UpToDateCheck {
  let inputs = given;
  try {
    inputs ??= readArchiveInputs(root);
    const key = cacheKey({ projectDir, root, site: loadSite(root, env), env });
    const summary = publishedUpToDate<PublishedSummary>(root, outDir, key.key, inputs);
    return {
      inputs,
      summary: summary && { ...summary, images: { ...summary.images, pictures: new Map() } },
    };
  } catch {
    return { inputs };
  }
}

/** The build's line for a build with nothing to do. */
export function describeUpToDate(outDir: string, summary: PublishedSummary): string {
  const bundles = summary.cache.bundlesReused.length;
  return `[cache] Nothing changed since the last build: ${path.relative(process.cwd(), outDir) || outDir} is as it published it (${summary.cache.pagesReused.toLocaleString("en")} pages, ${bundles} search bundle${bundles === 1 ? "" : "s"}).`;
}

/**
 * Something to build, as `upToDateBuild` found: the caller builds, going on from the archive's
 * files as the check stamped them (`BuildOptions.inputs`).
 */
export interface SomethingToBuild {
  upToDate: false;
  inputs?: ArchiveInputs;
}

/**
 * The result of a build with nothing to do, checked under the build's locks (another build of the
 * output or the archive's cache is waited for, as a build waits), or what the check found when
 * there is something to build: the caller then builds.
 */
export async function upToDateBuild(options: {
  root: string;
  outDir: string;
  projectDir: string;
  env?: NodeJS.ProcessEnv;
  quiet?: boolean;
  purpose?: string;
  /** The archive's files as the caller stamped them (`BuildOptions.inputs`); stamped now if not. */
  inputs?: ArchiveInputs;
}): Promise<UpToDateResult | SomethingToBuild> {
  const stats: BuildStats = {};
  const phase = phaseTimer(stats);
  phase("startup");
  const root = path.resolve(options.root);
  const outDir = path.resolve(options.outDir);
  const purpose = options.purpose ?? "npm run build";
  const output = await lockBuild(outputLockFile(buildsFolder(outDir)), {
    purpose,
    what: path.relative(process.cwd(), outDir) || outDir,
  });
  try {
    const dir = buildCacheDir(root);
    const cache = await lockBuild(path.join(dir, "lock"), {
      purpose,
      what: `the build cache ${path.relative(process.cwd(), dir) || dir}`,
    }).catch(() => undefined);
    if (!cache) return { upToDate: false };
    try {
      const { summary, inputs } = checkUpToDate(
        root,
        outDir,
        options.projectDir,
        options.env ?? {},
        options.inputs,
      );
      phase("up to date");
      if (!summary) return { upToDate: false, inputs };
      if (!options.quiet) console.log(describeUpToDate(outDir, summary));
      return { ...summary, outDir, upToDate: true, stats };
    } finally {
      cache.release();
    }
  } finally {
    output.release();
  }
}
