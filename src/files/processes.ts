import { readFileSync } from "node:fs";
import { hostname } from "node:os";

/**
 * Which processes are running: what tells a killed build's or import's leftovers (folders,
 * temporary files, lock files named after a process) from a running one's.
 */

/**
 * Whether a process with this id runs on this machine (owned by anyone). Signal 0 tests for one
 * without touching it; EPERM means it runs under another user. A killed process whose parent has
 * not reaped it yet is a zombie: it answers signals but does nothing, so it counts as gone.
 * @see https://nodejs.org/api/process.html#processkillpid-signal
 * @see https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html
 */
export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return procStat(pid)?.state !== "Z";
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The fields of `/proc/<pid>/stat` after the command name, which may hold spaces and parentheses. */
function procStat(pid: number): { state: string; startTicks: string } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // Field 3 is the state, field 22 the start time in clock ticks since boot.
  return { state: fields[0] ?? "", startTicks: fields[19] ?? "" };
}

/**
 * What tells this process from a later one that reuses its id: the machine, and on Linux the boot
 * and the process's start time. Recorded in lock files, so that a lock whose process is gone, or
 * was restored from another machine's cache, is known to be stale.
 */
export interface ProcessIdentity {
  pid: number;
  host: string;
  /** Linux: the boot's id and the start time since it; absent elsewhere. */
  boot?: string;
  startTicks?: string;
}

function bootId(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return undefined;
  }
}

/** This process's identity. */
export function thisProcess(): ProcessIdentity {
  return identityOf(process.pid);
}

function identityOf(pid: number): ProcessIdentity {
  const boot = bootId();
  const startTicks = procStat(pid)?.startTicks;
  return {
    pid,
    host: hostname(),
    ...(boot ? { boot } : {}),
    ...(startTicks ? { startTicks } : {}),
  };
}

/** Whether the process `identity` describes is still running: same machine, boot, id and start. */
export function isStillRunning(identity: ProcessIdentity): boolean {
  if (identity.host !== hostname() || !isRunning(identity.pid)) return false;
  const now = identityOf(identity.pid);
  if (identity.boot && now.boot && identity.boot !== now.boot) return false;
  return !(identity.startTicks && now.startTicks && identity.startTicks !== now.startTicks);
}
