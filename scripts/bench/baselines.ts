import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";

const HERE = import.meta.dirname;

/** Every article file under `dir`, relative to it. */
function articleFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".md"));
}

/**
 * The idiomatic Eleventy reference: the same article files, each given `tags` (its topics,
 * people and places) in front matter, as a typical Eleventy blog keeps them.
 */
export function prepareEleventyBaseline(archiveRoot: string, dir: string): void {
  cpSync(path.join(HERE, "eleventy-baseline"), dir, { recursive: true });
  const source = path.join(archiveRoot, "content", "articles");
  const target = path.join(dir, "articles");
  for (const file of articleFiles(source)) {
    const text = readFileSync(path.join(source, file), "utf8");
    const end = text.indexOf("\n---", 4);
    const front = parseDocument(text.slice(4, end));
    const tags = ["topics", "people", "places"].flatMap(
      (key) => (front.get(key) as { toJSON(): string[] } | undefined)?.toJSON() ?? [],
    );
    front.set("tags", tags);
    mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    writeFileSync(path.join(target, file), `---\n${front.toString()}---${text.slice(end + 4)}`);
  }
}

/** The Hugo reference: the same article files as content, topics/people/places as taxonomies. */
export function prepareHugoBaseline(archiveRoot: string, dir: string): void {
  cpSync(path.join(HERE, "hugo-baseline"), dir, { recursive: true });
  cpSync(path.join(archiveRoot, "content", "articles"), path.join(dir, "content", "articles"), {
    recursive: true,
    filter: (src) => !src.endsWith(".json"),
  });
}
