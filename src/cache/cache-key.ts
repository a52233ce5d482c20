import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { SETTINGS_ENV, type Site } from "../config/site.ts";
import { listFilesIfAny } from "../files/list-files.ts";
import { shortHash } from "../files/short-hash.ts";

/** Changed whenever what the cache keeps means something else: an older cache is then ignored. */
export const CACHE_FORMAT = 4;

/** `<archive>/.cache/build`. */
export function buildCacheDir(root: string): string {
  return path.join(root, ".cache", "build");
}

/** Where the build keeps parsed articles (see parsed-articles.ts). */
export function parsedArticlesDir(root: string): string {
  return path.join(buildCacheDir(root), "articles");
}

/** The archive's photos, under `assets/`. */
const PHOTOS_FOLDER = "photos";

/** The registry's files under `_data/`. */
const REGISTRY_FILES = new Set(["people.json", "topics.json", "places.json"]);

/**
 * The key of everything that can change every page, with its parts by what a person would say
 * changed: `code` (this program's code and page templates, its assets but the archive's photos,
 * the lock file), `node`
 * (Node's major version), each file of the archive's `_data/` but the registry (whose terms are
 * part of each article's fingerprint, so a new alias re-renders only the pages that show the term),
 * each environment variable that overrides a setting (PATH_PREFIX, SITE_URL, SEARCH_BUNDLE_SIZE…)
 * and `settings`, the settings as the build resolved them.
 */
export interface CacheKey {
  key: string;
  parts: Record<string, string>;
}

export function cacheKey(options: {
  projectDir: string;
  root: string;
  site: Site;
  env?: NodeJS.ProcessEnv;
}): CacheKey {
  const { projectDir, root } = options;
  const code = createHash("sha256");
  const add = (base: string, relative: string) => {
    code.update(`${relative}\n`);
    code.update(readFileSync(path.join(base, relative)));
  };
  for (const file of ["package-lock.json", "eleventy.config.ts"]) {
    if (existsSync(path.join(projectDir, file))) add(projectDir, file);
  }
  for (const folder of ["src", "assets"]) {
    for (const file of listFilesIfAny(path.join(projectDir, folder))) {
      // The archive's photos (`assets/photos/`, under the project when the archive is the
      // project) are content, not code: each article's fingerprint covers its photos' encoded
      // files, so a new or replaced photo re-renders the pages that show it, not every page.
      if (folder === "assets" && file.split(/[\\/]/)[0] === PHOTOS_FOLDER) continue;
      add(projectDir, `${folder}/${file}`);
    }
  }
  const parts: Record<string, string> = {
    format: String(CACHE_FORMAT),
    node: process.versions.node.split(".")[0]!,
    code: code.digest("base64url").slice(0, 27),
  };
  for (const file of listFilesIfAny(path.join(root, "_data"))) {
    if (!REGISTRY_FILES.has(file)) {
      parts[`_data/${file}`] = shortHash(readFileSync(path.join(root, "_data", file)));
    }
  }
  for (const name of SETTINGS_ENV) {
    const value = options.env?.[name];
    if (value) parts[`env ${name}`] = shortHash(value);
  }
  parts.settings = shortHash(JSON.stringify(options.site));
  const key = shortHash(JSON.stringify(Object.entries(parts).sort())).slice(0, 32);
  return { key, parts };
}

/**
 * What changed between two keys' parts, as the user would say it: `site.json changed`,
 * `SITE_URL changed`, `the code changed`, `Node's major version changed (20 → 22)`.
 */
export function describeKeyChange(
  before: Record<string, string>,
  after: Record<string, string>,
): string {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (part) => before[part] !== after[part],
  );
  if (names.includes("node")) {
    return `Node's major version changed (${before.node ?? "?"} → ${after.node})`;
  }
  const said = names
    .filter((part) => part !== "settings" && part !== "format")
    .map((part) =>
      part === "code"
        ? "the code"
        : part === "_data/site.json"
          ? "site.json"
          : part.startsWith("env ")
            ? part.slice("env ".length)
            : part,
    );
  if (!said.length) return "the settings changed";
  const list = said.length === 1 ? said[0]! : `${said.slice(0, -1).join(", ")} and ${said.at(-1)!}`;
  return `${list} changed`;
}
