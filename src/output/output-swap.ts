import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
} from "node:fs";
import { rename, rm, symlink, unlink } from "node:fs/promises";
import path from "node:path";
import { ATOMIC_WRITE_TEMP_FILE } from "../files/leftover-temp-files.ts";
import { isRunning } from "../files/processes.ts";

/**
 * The output folder (`_site`) is a real folder holding the site's files, as every host and deploy
 * tool expects (several do not follow a symbolic link: netlify/cli#1809). Each build is made in a
 * folder of its own, `_site.builds/<pid>-<ms>/`, and moved into place only when every step has
 * succeeded, in two renames: the old `_site` aside, then the new build in. A folder cannot
 * replace a folder in one step from Node (no renameat2's RENAME_EXCHANGE), so for the moment
 * between the two renames, well under a millisecond, `_site` does not exist; `npm run serve` waits
 * that moment out. A build killed just then leaves both folders, named so that the next build
 * finishes the publish before anything else (`finishInterruptedPublish`).
 * @see https://man7.org/linux/man-pages/man2/rename.2.html
 */

/** `<pid>-<ms>`, the name of a build's folder; also how a later build tells whose it is. */
const BUILD_NAME = /^(\d+)-\d+/;
/** The output a build replaced, beside that build's folder while it is published: `<name>.replaced`. */
const REPLACED = /^(\d+-\d+)\.replaced$/;
/** What earlier versions leave next to the output when killed part-way. */
const LEFTOVER_SUFFIX = /^\.(?:building|previous|link)-(\d+)-\d+$/;

/** The folder that holds every build's output for `outDir`, e.g. `_site.builds`. */
export function buildsFolder(outDir: string): string {
  return `${outDir}.builds`;
}

/** The name of a folder for this build's output, after this process so others can tell it is running. */
function buildFolderName(outDir: string): string {
  return path.join(buildsFolder(outDir), `${process.pid}-${Date.now()}`);
}

/** Makes an empty folder for this build's output. */
export function newBuildFolder(outDir: string): string {
  const folder = buildFolderName(outDir);
  mkdirSync(folder, { recursive: true });
  return folder;
}

/**
 * Spare builds: the build cache (src/cache/build-cache.ts) keeps the build before the published one as
 * `_site.builds/spare-<name>/`, and the next build updates that folder instead of starting from
 * an empty one. `removeLeftovers` leaves spares alone; the cache removes those it does not know.
 */
const SPARE_PREFIX = "spare-";

/** The name a build that is no longer published takes as a spare, which leftovers' cleaning leaves alone. */
export function spareFolderFor(outDir: string, folder: string): string {
  return path.resolve(buildsFolder(outDir), `${SPARE_PREFIX}${path.basename(folder)}`);
}

/**
 * Takes the spare `folder` for this build: renamed to a build folder of this process, so that if
 * this build is killed, the half-updated folder is a leftover like any other. Undefined when the
 * folder is not a spare of `outDir` or is gone (another build took it).
 */
export function claimSpare(outDir: string, folder: string): string | undefined {
  if (path.dirname(folder) !== path.resolve(buildsFolder(outDir))) return undefined;
  if (!path.basename(folder).startsWith(SPARE_PREFIX)) return undefined;
  const claimed = buildFolderName(outDir);
  try {
    renameSync(folder, claimed);
  } catch {
    return undefined;
  }
  return claimed;
}

/** Removes every spare of `outDir` but `keep`. */
export async function removeSpares(outDir: string, keep?: string): Promise<void> {
  const builds = buildsFolder(outDir);
  if (!existsSync(builds)) return;
  for (const name of readdirSync(builds)) {
    const folder = path.join(builds, name);
    if (!name.startsWith(SPARE_PREFIX) || (keep && path.resolve(keep) === path.resolve(folder))) {
      continue;
    }
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * The folder `outDir` links to, in the layout of earlier versions (`_site` a symbolic link to its
 * build); undefined when it is not a link.
 */
function currentTarget(outDir: string): string | undefined {
  try {
    return path.resolve(path.dirname(outDir), readlinkSync(outDir));
  } catch {
    return undefined;
  }
}

/**
 * Finishes a publish that a killed build left half-done: `_site` moved aside as
 * `_site.builds/<name>.replaced` and the finished build `_site.builds/<name>` not yet moved in. The
 * build is moved into place (it was complete and checked); without it, the site it replaced is
 * put back. Returns what it did, in a line, or undefined when `_site` is there.
 */
export function finishInterruptedPublish(outDir: string): string | undefined {
  const builds = buildsFolder(outDir);
  if (lstatSync(outDir, { throwIfNoEntry: false }) || !existsSync(builds)) return undefined;
  const replaced = readdirSync(builds)
    .map((name) => ({ name, match: REPLACED.exec(name) }))
    .filter(({ match }) => match && !isRunning(Number(BUILD_NAME.exec(match[1]!)![1])))
    // Newest first, by the time in the name.
    .sort((a, b) => Number(b.name.split(/[-.]/)[1]) - Number(a.name.split(/[-.]/)[1]));
  const shown = path.relative(process.cwd(), outDir) || outDir;
  for (const { match } of replaced) {
    const built = path.join(builds, match![1]!);
    if (!existsSync(built)) continue;
    renameSync(built, outDir);
    return `A build was stopped while it published ${shown}: its finished site is now in place.`;
  }
  const newest = replaced[0];
  if (!newest) return undefined;
  renameSync(path.join(builds, newest.name), outDir);
  return `A build was stopped while it published ${shown}: the site it replaced is back in place.`;
}

/**
 * Removes what killed builds left: their folders in `_site.builds/` (a build's own and the output
 * it replaced), temporary files there, and the `_site.building-*`, `_site.previous-*` and
 * `_site.link-*` entries earlier versions left next to the output. A leftover is removed only when
 * the process named in it is no longer running, and never when the output links to it (the layout
 * of earlier versions). Run `finishInterruptedPublish` first: it needs what a publish left.
 */
export async function removeLeftovers(outDir: string): Promise<string[]> {
  const removed: string[] = [];
  const candidates: Array<{ file: string; pid: number }> = [];
  const builds = buildsFolder(outDir);
  if (existsSync(builds)) {
    for (const name of readdirSync(builds)) {
      const pid = BUILD_NAME.exec(name)?.[1] ?? ATOMIC_WRITE_TEMP_FILE.exec(name)?.groups?.pid;
      if (pid) candidates.push({ file: path.join(builds, name), pid: Number(pid) });
    }
  }
  const parent = path.dirname(outDir);
  const base = path.basename(outDir);
  if (existsSync(parent)) {
    for (const name of readdirSync(parent)) {
      if (!name.startsWith(base)) continue;
      const pid = LEFTOVER_SUFFIX.exec(name.slice(base.length))?.[1];
      if (pid) candidates.push({ file: path.join(parent, name), pid: Number(pid) });
    }
  }
  for (const { file, pid } of candidates) {
    if (isRunning(pid) || file === currentTarget(outDir)) continue;
    await rm(file, { recursive: true, force: true });
    removed.push(file);
  }
  return removed;
}

/** A hook the build's fault-injection tests stop the process at (see `BuildStep`). */
export type StepHook = (step: string) => void;

/**
 * Moves the finished build `folder` into place as `outDir`, the output it replaces aside (see
 * above), and returns where that output now is (`<folder>.replaced`), for the caller to keep as a
 * spare or remove; undefined when there was none. Throws only with `outDir` as it was: if the new
 * build cannot be moved in, the old output is put back. In the layout of earlier versions, where
 * `outDir` is a link to its build, the link is replaced and that build returned, if it is one of
 * `outDir`'s; a link a person made to somewhere else is left alone.
 */
export async function publishBuild(
  outDir: string,
  folder: string,
  onStep?: StepHook,
): Promise<string | undefined> {
  const stat = lstatSync(outDir, { throwIfNoEntry: false });
  let replaced: string | undefined;
  let link: string | undefined;
  if (stat?.isSymbolicLink()) {
    link = readlinkSync(outDir);
    const target = currentTarget(outDir);
    if (target && isInside(buildsFolder(outDir), target)) replaced = target;
    await unlink(outDir);
  } else if (stat?.isDirectory()) {
    replaced = `${folder}.replaced`;
    await rename(outDir, replaced);
  } else if (stat) {
    throw new Error(
      `${outDir} is a file, not the site's output folder: move it away or choose another --out.`,
    );
  }
  onStep?.("site-moved-aside");
  try {
    await rename(folder, outDir);
  } catch (error) {
    if (link !== undefined) await symlink(link, outDir, "dir");
    else if (stat) await rename(replaced!, outDir);
    throw error;
  }
  onStep?.("site-published");
  return replaced;
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(realpathOr(folder), realpathOr(file));
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

function realpathOr(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}
