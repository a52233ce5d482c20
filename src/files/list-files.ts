import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

/** Every file under `dir`, relative to it with forward slashes, sorted. */
export function listFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(dir, full).split(path.sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

/** `listFilesUnder`, with no files for a folder that does not exist. */
export function listFilesIfAny(dir: string): string[] {
  return existsSync(dir) ? listFilesUnder(dir) : [];
}
