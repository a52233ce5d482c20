import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface TimedRun {
  ms: number;
  /** Peak resident memory of the largest process of the command, KiB (GNU time), if known. */
  peakKb?: number;
  status: number | null;
  stderr: string;
}

const GNU_TIME = "/usr/bin/time";

/** Runs a command to completion, timing it from spawn to exit. */
export function runTimed(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<TimedRun> {
  const useTime = existsSync(GNU_TIME);
  const report = path.join(mkdtempSync(path.join(tmpdir(), "bench-time-")), "time.txt");
  const [file, argv] = useTime
    ? [GNU_TIME, ["-f", "%M", "-o", report, command, ...args]]
    : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => {
      const ms = performance.now() - started;
      const peak =
        useTime && existsSync(report)
          ? Number(readFileSync(report, "utf8").trim().split("\n").pop())
          : undefined;
      resolve({ ms, peakKb: Number.isFinite(peak) ? peak : undefined, status, stderr });
    });
  });
}

export function commandExists(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).status === 0;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
