import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** This project's folder. */
export const PROJECT_DIR = path.resolve(import.meta.dirname, "..");

/** tsx's module hooks, which load TypeScript in the process they are imported into. */
const TSX_HOOKS = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/**
 * Node's arguments that run one of this project's scripts (`scripts/build.ts`…) as its `npm run`
 * command does (package.json: `node --import tsx <script>`): one process, which loads TypeScript
 * through tsx's hooks. tsx's own command would start a second Node process to run it, about 0.7 s
 * of every command.
 */
export function scriptArguments(script: string, args: readonly string[] = []): string[] {
  return ["--import", TSX_HOOKS, path.resolve(PROJECT_DIR, script), ...args];
}
