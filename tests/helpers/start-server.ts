import { spawn } from "node:child_process";
import { PROJECT_DIR, scriptArguments } from "../../scripts/node-script.ts";

/**
 * `npm start` on an archive, as a child process: what it printed so far (`started.output`), and
 * `until`, which waits for a test to hold and fails with that output after `timeoutMs`.
 */
export function startServer(root: string, out: string, port: number) {
  const started = { output: "" };
  const child = spawn(
    process.execPath,
    scriptArguments("scripts/start.ts", ["--root", root, "--out", out, "--port", String(port)]),
    { cwd: PROJECT_DIR, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout!.on("data", (chunk) => (started.output += chunk));
  child.stderr!.on("data", (chunk) => (started.output += chunk));
  const until = async (test: () => boolean, what: string, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!test()) {
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for ${what}:\n${started.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { child, started, until };
}
