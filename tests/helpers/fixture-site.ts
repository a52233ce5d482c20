import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface FixtureSite {
  /** Articles by path under content/articles, e.g. `2024/11/a.md`. */
  articles?: Record<string, string>;
  people?: unknown[];
  topics?: unknown[];
  places?: unknown[];
  /** Merged over a minimal valid `_data/site.json`. */
  site?: Record<string, unknown>;
  /** Extra files by path under the archive root, e.g. `assets/photos/a.jpg`. */
  files?: Record<string, string | Buffer>;
}

export const BASE_SITE = {
  title: "Fixture Archive",
  url: "https://archive.example.org",
  language: "en",
  timeZone: "Europe/London",
  pageSize: { home: 10, term: 10 },
};

/** Writes an archive (content, registry, settings) into a new temporary folder and returns it. */
export function makeFixtureSite(fixture: FixtureSite = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), "archive-fixture-"));
  const write = (relative: string, content: string | Buffer) => {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  };
  write("_data/site.json", JSON.stringify({ ...BASE_SITE, ...fixture.site }, null, 2));
  for (const kind of ["people", "topics", "places"] as const) {
    if (fixture[kind]) write(`_data/${kind}.json`, JSON.stringify(fixture[kind], null, 2));
  }
  mkdirSync(path.join(root, "content", "articles"), { recursive: true });
  for (const [file, content] of Object.entries(fixture.articles ?? {})) {
    write(path.join("content", "articles", file), content);
  }
  for (const [file, content] of Object.entries(fixture.files ?? {})) write(file, content);
  return root;
}

/** A small valid article; `fields` are front matter lines that replace or add to the defaults. */
export function article(
  fields: Record<string, string> = {},
  body = "The body of the story.",
): string {
  const front = { title: '"A story"', date: "2024-11-13", ...fields };
  const lines = Object.entries(front)
    .filter(([, value]) => value !== "")
    .map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join("\n")}\n---\n\n${body}\n`;
}
