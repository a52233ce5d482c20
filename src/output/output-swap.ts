import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
} from "node:fs";
import { rename, rm, symlink } from "node:fs/promises";
import path from "node:path";

/**
 * The output folder (`_site`) is a symbolic link to the finished build in `_site.builds/<pid>-<ms>/`.
 * A directory cannot replace another in one step, but a link can: rename(2) over an existing link
 * is atomic, so readers and servers see the old site or the new one, never none or half of one.
 * @see https://man7.org/linux/man-pages/man2/rename.2.html
 */

/** `<pid>-<ms>`, the name of a build's folder; also how a later build tells whose it is. */
const BUILD_NAME = /^(\d+)-\d+/;
/** What this and earlier versions leave next to the output when killed part-way. */
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

/** Whether a process with this id is running (owned by anyone). */
export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    // A killed process whose parent has not reaped it yet is a zombie: it answers signals but
    // builds nothing. @see https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html
    return !/^\d+ \(.*\) Z/.test(readProcStat(pid));
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readProcStat(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return "";
  }
}

/** The folder `outDir` links to now, or undefined when it is not a link (absent or a real folder). */
function currentTarget(outDir: string): string | undefined {
  try {
    return path.resolve(path.dirname(outDir), readlinkSync(outDir));
  } catch {
    return undefined;
  }
}

/**
 * Removes what killed builds left: their folders in `_site.builds/` and the `_site.building-*`,
 * `_site.previous-*` and `_site.link-*` entries next to the output. A leftover is removed only when
 * the process named in it is no longer running, and never when the output links to it.
 */
export async function removeLeftovers(outDir: string): Promise<string[]> {
  const removed: string[] = [];
  const candidates: Array<{ file: string; pid: number }> = [];
  const builds = buildsFolder(outDir);
  if (existsSync(builds)) {
    for (const name of readdirSync(builds)) {
      const pid = BUILD_NAME.exec(name)?.[1];
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
    // Read the link again for each one: another build may have swapped in the meantime.
    if (isRunning(pid) || file === currentTarget(outDir)) continue;
    await rm(file, { recursive: true, force: true });
    removed.push(file);
  }
  return removed;
}

/**
 * Points `outDir` at the finished build `folder` in one atomic step, then removes the build it
 * pointed to before (unless `published` kept it). The first time, when `outDir` is still a real
 * folder, that folder is moved into `_site.builds/` first: for that one moment there is no output.
 */
export async function publishBuild(
  outDir: string,
  folder: string,
  /**
   * Called once `outDir` points at `folder`, with the build it pointed to before (if any); resolves
   * to true when it kept that build (as a spare), which is then not removed.
   */
  published?: (previous: string | undefined) => Promise<boolean> | boolean | void,
): Promise<void> {
  let previous = currentTarget(outDir);
  const stat = lstatSync(outDir, { throwIfNoEntry: false });
  if (stat && !stat.isSymbolicLink()) {
    if (!stat.isDirectory()) {
      throw new Error(
        `${outDir} is a file, not the site's output folder: move it away or choose another --out.`,
      );
    }
    previous = `${folder}-replaced`;
    await rename(outDir, previous);
  }
  const parent = path.dirname(outDir);
  const link = path.join(parent, `${path.basename(outDir)}.link-${path.basename(folder)}`);
  // Relative, so the checkout can be moved and a tar of `outDir` with --dereference finds it.
  await symlink(path.relative(parent, folder), link, "dir");
  await rename(link, outDir);
  // Only a build of ours is removed or kept: a link a person made to somewhere else is left alone.
  const ours =
    previous && previous !== folder && isInside(buildsFolder(outDir), previous)
      ? previous
      : undefined;
  const kept = await published?.(ours);
  if (ours && !kept) await rm(ours, { recursive: true, force: true });
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
