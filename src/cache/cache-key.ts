import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Site } from "../config/site.ts";
import { listFilesIfAny } from "../files/list-files.ts";

/** Changed whenever what the cache keeps means something else: an older cache is then ignored. */
export const CACHE_FORMAT = 3;

/** `<archive>/.cache/build`. */
export function buildCacheDir(root: string): string {
  return path.join(root, ".cache", "build");
}

/** Where the build keeps parsed articles (see parsed-articles.ts). */
export function parsedArticlesDir(root: string): string {
  return path.join(buildCacheDir(root), "articles");
}

/** The registry's files under `_data/`. */
const REGISTRY_FILES = new Set(["people.json", "topics.json", "places.json"]);

/**
 * The key of everything that can change every page: this program's code and page templates, the
 * lock file, Node's major version, the archive's `_data/` but the registry (whose terms are part of
 * each article's fingerprint) and the settings as the build resolved them, so that the environment
 * (PATH_PREFIX, SITE_URL, SEARCH_BUNDLE_SIZE…) counts.
 */
export function globalKey(options: { projectDir: string; root: string; site: Site }): string {
  const hash = createHash("sha256");
  hash.update(`format ${CACHE_FORMAT}\nnode ${process.versions.node.split(".")[0]}\n`);
  const add = (base: string, relative: string) => {
    hash.update(`${relative}\n`);
    hash.update(readFileSync(path.join(base, relative)));
  };
  const { projectDir, root } = options;
  for (const file of ["package-lock.json", "eleventy.config.ts"]) {
    if (existsSync(path.join(projectDir, file))) add(projectDir, file);
  }
  for (const folder of ["src", "assets"]) {
    for (const file of listFilesIfAny(path.join(projectDir, folder))) {
      add(projectDir, `${folder}/${file}`);
    }
  }
  // The registry (people, topics, places) is not in the key: the terms it gives an article are
  // part of the article's fingerprint, so a new alias re-renders only the pages that show the term.
  for (const file of listFilesIfAny(path.join(root, "_data"))) {
    if (!REGISTRY_FILES.has(file)) add(root, `_data/${file}`);
  }
  hash.update(JSON.stringify(options.site));
  return hash.digest("hex").slice(0, 32);
}
