import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isStillRunning, thisProcess, type ProcessIdentity } from "./processes.ts";

/**
 * A lock file: one process at a time holds it, and the file names that process, so that another
 * can say who it waits for and take over the lock of a process that is gone (killed, or on another
 * machine whose cache was restored here). The file is made complete under a temporary name and
 * linked into place (link(2) fails when the name exists), so it is never seen half-written.
 * @see https://man7.org/linux/man-pages/man2/link.2.html
 */

export interface LockHolder extends ProcessIdentity {
  /** What the holder is doing, in the user's words: `npm run build`, `npm start`. */
  purpose: string;
  /** When it took the lock (ms since the epoch). */
  since: number;
}

export interface HeldLock {
  /** Removes the lock file, if it is still this process's. */
  release(): void;
  /** Whether the lock file still names this process (nobody took it over). */
  stillOurs(): boolean;
}

export interface AcquireOptions {
  purpose: string;
  /**
   * Told, each time it looks, that a running process holds the lock and how long this one has
   * waited; throws to stop waiting. It waits otherwise.
   */
  onHeld: (holder: LockHolder, waitedMs: number) => void;
  /** How often to look again, 250 ms unless given. */
  pollMs?: number;
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, "utf8")) as LockHolder;
    return typeof holder?.pid === "number" && typeof holder.host === "string" ? holder : undefined;
  } catch {
    return undefined;
  }
}

const same = (a: LockHolder | undefined, b: LockHolder | undefined) =>
  a !== undefined && b !== undefined && a.pid === b.pid && a.since === b.since && a.host === b.host;

/**
 * Takes the lock `file`, waiting while a running process holds it (see `onHeld`) and taking it over
 * from one that is gone. A process that holds it already gets it again; its release then leaves it
 * to the first taker. Throws what `onHeld` throws, and the file system's error when the folder
 * cannot be written.
 */
export async function acquireLock(file: string, options: AcquireOptions): Promise<HeldLock> {
  const me: LockHolder = { ...thisProcess(), purpose: options.purpose, since: Date.now() };
  mkdirSync(path.dirname(file), { recursive: true });
  // The temporary-file pattern of `writeFileAtomic`, so that leftovers' cleaning knows it.
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.0.tmp`);
  const started = performance.now();
  for (;;) {
    writeFileSync(temporary, JSON.stringify(me));
    try {
      linkSync(temporary, file);
      return {
        release: () => {
          if (same(readHolder(file), me)) rmSync(file, { force: true });
        },
        stillOurs: () => same(readHolder(file), me),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      rmSync(temporary, { force: true });
    }
    const holder = readHolder(file);
    if (holder && holder.pid === process.pid && isStillRunning(holder)) {
      return { release: () => undefined, stillOurs: () => same(readHolder(file), holder) };
    }
    if (holder && isStillRunning(holder)) {
      options.onHeld(holder, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
      continue;
    }
    takeOver(file, holder);
  }
}

/**
 * Removes the lock of a process that is gone (or a file that names none). It is moved aside first
 * and checked: if another process took the lock over in the meantime, its lock is put back.
 */
function takeOver(file: string, stale: LockHolder | undefined): void {
  const aside = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.1.tmp`);
  try {
    renameSync(file, aside);
  } catch {
    return;
  }
  const moved = readHolder(aside);
  if (moved && !same(moved, stale)) {
    try {
      linkSync(aside, file);
    } catch {
      // Another process holds the lock now; the one moved aside finds out (`stillOurs`).
    }
  }
  rmSync(aside, { force: true });
}
