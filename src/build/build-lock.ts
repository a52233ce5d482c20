import path from "node:path";
import { acquireLock, type HeldLock, type LockHolder } from "../files/lock-file.ts";

/**
 * One build of an output (and one user of an archive's build cache) at a time. A second build
 * waits for the first, saying so in a line, and stops with one line if it waits too long; one
 * started while `npm start` serves the output stops at once, since `npm start` changes the output
 * for as long as it runs. A lock whose process is gone is taken over.
 */
export class BuildLockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BuildLockError";
  }
}

/** How long a build waits for another, unless told: longer than a whole build of a large archive. */
export const LOCK_WAIT_MS = 30 * 60_000;

export interface LockOptions {
  /** What this process is, in the user's words: `npm run build`, `npm start`. */
  purpose: string;
  /** What the lock guards, as the user names it: `_site`, `the build cache`. */
  what: string;
  waitMs?: number;
  /** Where the one line about waiting goes. */
  say?: (line: string) => void;
}

const describe = (holder: LockHolder) =>
  `process ${holder.pid} (${holder.purpose}, started ${new Date(holder.since).toLocaleTimeString("en-GB")})`;

/** Takes the lock file `file`, as above. */
export async function lockBuild(file: string, options: LockOptions): Promise<HeldLock> {
  const waitMs = options.waitMs ?? LOCK_WAIT_MS;
  let said = false;
  return acquireLock(file, {
    purpose: options.purpose,
    onHeld: (holder, waited) => {
      if (holder.purpose === "npm start") {
        throw new BuildLockError(
          `npm start (process ${holder.pid}) is serving ${options.what} and changes it as you edit: stop it first, or build into another folder (--out).`,
        );
      }
      if (waited > waitMs) {
        throw new BuildLockError(
          `Gave up after ${Math.round(waited / 60_000)} min waiting for ${describe(holder)} to finish with ${options.what}. Wait for it, or stop it, then build again.`,
        );
      }
      if (!said)
        (options.say ?? console.log)(
          `Waiting for ${describe(holder)} to finish with ${options.what}…`,
        );
      said = true;
    },
  });
}

/** The lock file of an output folder: in its builds folder, beside the builds it guards. */
export function outputLockFile(buildsFolder: string): string {
  return path.join(buildsFolder, "lock");
}
