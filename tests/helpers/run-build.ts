import { spawnSync } from "node:child_process";
import path from "node:path";

export const PROJECT_DIR = path.resolve(import.meta.dirname, "..", "..");

export interface BuildRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Node's arguments for `npm run build` on the archive at `root`, as `runBuild` runs it. */
export function buildArguments(root: string, outDir: string, args: string[] = []): string[] {
  return [
    path.join(PROJECT_DIR, "node_modules", "tsx", "dist", "cli.mjs"),
    path.join(PROJECT_DIR, "scripts", "build.ts"),
    "--root",
    root,
    "--out",
    outDir,
    "--quiet",
    ...args,
  ];
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
