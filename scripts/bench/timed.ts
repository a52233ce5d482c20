import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface TimedRun {
  ms: number;
  /** Peak resident memory of the largest process of the command, KiB (GNU time), if known. */
  peakKb?: number;
  status: number | null;
  stderr: string;
  /** The command ran past `timeoutMs` and was stopped. */
  timedOut?: boolean;
}

const GNU_TIME = "/usr/bin/time";

/**
 * Runs a command to completion, timing it from spawn to exit. With `timeoutMs`, the command runs
 * in a process group of its own, and the whole group is killed once that time has passed.
 */
export function runTimed(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<TimedRun> {
  const useTime = existsSync(GNU_TIME);
  const reportDir = mkdtempSync(path.join(tmpdir(), "bench-time-"));
  const report = path.join(reportDir, "time.txt");
  const [file, argv] = useTime
    ? [GNU_TIME, ["-f", "%M", "-o", report, command, ...args]]
    : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "ignore", "pipe"],
      detached: options.timeoutMs !== undefined,
    });
    let stderr = "";
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            try {
              // The group this command leads: GNU time, the command and whatever it started.
              process.kill(-child.pid!, "SIGKILL");
            } catch {
              // It ended meanwhile.
            }
          }, options.timeoutMs);
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", (error) => {
      clearTimeout(timer);
      rmSync(reportDir, { recursive: true, force: true });
      reject(error);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      const peak =
        useTime && existsSync(report)
          ? Number(readFileSync(report, "utf8").trim().split("\n").pop())
          : undefined;
      rmSync(reportDir, { recursive: true, force: true });
      resolve({
        ms,
        peakKb: Number.isFinite(peak) ? peak : undefined,
        status,
        stderr,
        ...(timedOut ? { timedOut } : {}),
      });
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
