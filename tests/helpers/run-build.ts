import { spawnSync } from "node:child_process";
import { PROJECT_DIR, scriptArguments } from "../../scripts/node-script.ts";

export { PROJECT_DIR };

export interface BuildRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Node's arguments for `npm run build` on the archive at `root`, as `runBuild` runs it. */
export function buildArguments(root: string, outDir: string, args: string[] = []): string[] {
  return scriptArguments("scripts/build.ts", ["--root", root, "--out", outDir, "--quiet", ...args]);
}

/** Runs `npm run build` the way a person does, as a child process, on the archive at `root`. */
export function runBuild(
  root: string,
  outDir: string,
  env: NodeJS.ProcessEnv = {},
  args: string[] = [],
): BuildRun {
  const result = spawnSync(process.execPath, buildArguments(root, outDir, args), {
    cwd: PROJECT_DIR,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 300_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
