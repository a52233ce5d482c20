import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

/** Where an archive keeps its articles, under its folder. */
export const ARTICLES_DIR = path.join("content", "articles");

/** Every `.md` file under `dir`, sorted so that builds are deterministic. */
export function listMarkdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith(".md")) found.push(full);
    }
  };
  walk(dir);
  return found.sort();
}
