import { readdirSync, readFileSync } from "node:fs";

/** What one build measured of itself, for `npm run bench` (`npm run build -- --stats file.json`). */
export interface BuildStats {
  /** Time spent in Pagefind: create, add the pages, write the bundle. */
  searchIndexMs?: number;
  /** Peak resident memory of Pagefind's own process, in KiB (Linux only). */
  searchPeakKb?: number;
  searchPages?: number;
  /** Pages written outside Eleventy (see `BULK_PAGES`), and the time spent rendering and writing them. */
  bulkPages?: number;
  bulkMs?: number;
}

/** One object per process: the plugins fill it in, the build script reports it. */
export const buildStats: BuildStats = {};

/**
 * Peak resident memory (VmHWM, KiB) of this process's children whose command matches `name`.
 * Read from /proc while the child is still alive; undefined where /proc is not available.
 */
export function childPeakMemoryKb(name: RegExp): number | undefined {
  let peak: number | undefined;
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the parenthesised command: state, ppid, …
      const close = stat.lastIndexOf(")");
      const command = stat.slice(stat.indexOf("(") + 1, close);
      const ppid = Number(stat.slice(close + 2).split(" ")[1]);
      if (ppid !== process.pid || !name.test(command)) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, "utf8"));
      if (hwm) peak = Math.max(peak ?? 0, Number(hwm[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  return peak;
}
