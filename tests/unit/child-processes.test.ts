import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { childProcessUsage } from "../../src/search/child-processes.ts";

// Read from /proc, as on the Linux machines the bench runs on.
describe.runIf(existsSync("/proc/self/stat"))("a child process's usage", () => {
  it("reports the peak memory and CPU time of a live child, by command name", async () => {
    // Spins for 400 ms of CPU with 50 MB held, then waits to be read.
    const child = spawn(process.execPath, [
      "-e",
      `const hold = Buffer.alloc(50e6, 1); const end = Date.now() + 400; while (Date.now() < end);
       console.log("ready", hold.length); setTimeout(() => {}, 10000);`,
    ]);
    try {
      const [line] = (await once(child.stdout, "data")) as [Buffer];
      expect(line.toString()).toContain("ready");
      const usage = childProcessUsage(/^node$/);
      expect(usage.cpuMs).toBeGreaterThanOrEqual(300);
      expect(usage.cpuMs).toBeLessThan(10_000);
      expect(usage.peakKb).toBeGreaterThan(50_000);
      expect(childProcessUsage(/^no-such-command$/)).toEqual({});
    } finally {
      child.kill();
    }
  });
});
