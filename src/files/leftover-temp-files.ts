import { readdirSync, rmSync, type Dirent } from "node:fs";
import path from "node:path";
import { isRunning } from "./processes.ts";

/**
 * The temporary files `writeFileAtomic` writes beside its target before renaming them over it:
 * `.<name>.<pid>.<n>.tmp`, the `pid` being the writer's process id.
 */
export const ATOMIC_WRITE_TEMP_FILE = /^\..+\.(?<pid>\d+)\.\d+\.tmp$/;

function entriesOf(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    // A folder that does not exist (yet), or cannot be read, holds nothing to remove.
    return [];
  }
}

/**
 * Removes, in `folder` and its sub-folders, the temporary files that a writer killed between
 * writing and renaming left behind: files whose name matches `pattern` and whose `pid` group
 * names a process that is no longer running (`pattern` without the `g` flag). A running
 * process's file is never touched: it may be writing it now. Returns the paths removed.
 */
export function removeLeftoverTempFiles(
  folder: string,
  pattern: RegExp = ATOMIC_WRITE_TEMP_FILE,
): string[] {
  const removed: string[] = [];
  for (const entry of entriesOf(folder)) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      removed.push(...removeLeftoverTempFiles(full, pattern));
      continue;
    }
    const pid = entry.isFile() ? pattern.exec(entry.name)?.groups?.pid : undefined;
    if (pid === undefined || isRunning(Number(pid))) continue;
    try {
      rmSync(full, { force: true });
      removed.push(full);
    } catch {
      // One that cannot be removed (a read-only folder) is left for a later run.
    }
  }
  return removed;
}
