import { readdirSync, readFileSync } from "node:fs";

/** Linux reports CPU time in /proc in ticks of 1/100 s (USER_HZ) on every common architecture. */
const TICKS_PER_SECOND = 100;

/**
 * Peak resident memory (VmHWM, KiB) and CPU time so far (user and system, ms) of this process's
 * children whose command matches `name`, summed where several match. Read from /proc while the
 * child is still alive; empty where /proc is not available.
 */
export function childProcessUsage(name: RegExp): { peakKb?: number; cpuMs?: number } {
  const usage: { peakKb?: number; cpuMs?: number } = {};
  for (const child of childProcesses(name).values()) {
    usage.cpuMs = (usage.cpuMs ?? 0) + child.cpuMs;
    if (child.peakKb !== undefined) usage.peakKb = Math.max(usage.peakKb ?? 0, child.peakKb);
  }
  return usage;
}

/**
 * This process's live children whose command matches `name`, by process id, with their peak
 * resident memory (VmHWM, KiB) and CPU time so far (ms). Empty where /proc is not available.
 */
export function childProcesses(name: RegExp): Map<number, { peakKb?: number; cpuMs: number }> {
  const found = new Map<number, { peakKb?: number; cpuMs: number }>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the parenthesised command: state, ppid, … utime and stime are the 12th and
      // 13th of them (fields 14 and 15 of the whole line).
      const close = stat.lastIndexOf(")");
      const command = stat.slice(stat.indexOf("(") + 1, close);
      const fields = stat.slice(close + 2).split(" ");
      if (Number(fields[1]) !== process.pid || !name.test(command)) continue;
      const ticks = Number(fields[11]) + Number(fields[12]);
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, "utf8"));
      found.set(Number(entry), {
        cpuMs: (ticks * 1000) / TICKS_PER_SECOND,
        ...(hwm ? { peakKb: Number(hwm[1]) } : {}),
      });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}
