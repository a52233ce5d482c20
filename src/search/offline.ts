import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { listFilesUnder } from "../files/list-files.ts";

/** The site shell every visitor needs offline, relative to the site root. */
const SHELL = [
  "",
  "search/",
  "404.html",
  "assets/css/site.css",
  "assets/js/site.js",
  "assets/js/search-page.js",
  "assets/js/highlight.js",
  "assets/favicon.svg",
];

/** Result fragments, in the newest search bundle (`pagefind/`) or an older one's folder. */
const FRAGMENT = /^pagefind\/(?:[^/]+\/)?fragment\//;

/** Pagefind's UI bundles, which the search page does not use. */
const UNUSED = /^pagefind\/pagefind-(component-ui|modular-ui|ui)\./;

/**
 * Above this many bytes of result fragments, fragments are cached as they are read rather than
 * all at install: the index and filters still answer every query offline, but a large archive
 * is not downloaded whole on a first visit.
 */
export const FRAGMENT_PRECACHE_LIMIT = 5 * 1024 * 1024;

export interface OfflinePlan {
  build: string;
  precache: string[];
  fragmentsPrecached: boolean;
}

/** Decides what the service worker stores at install: the shell and every search bundle. */
export function planOfflineCache(siteDir: string): OfflinePlan {
  const pagefindFiles = listFilesUnder(path.join(siteDir, "pagefind"))
    .map((file) => `pagefind/${file}`)
    .filter((file) => !UNUSED.test(file) && !file.endsWith(".css"));
  const fragments = pagefindFiles.filter((file) => FRAGMENT.test(file));
  const fragmentBytes = fragments.reduce(
    (sum, file) => sum + statSync(path.join(siteDir, file)).size,
    0,
  );
  const fragmentsPrecached = fragmentBytes <= FRAGMENT_PRECACHE_LIMIT;
  const precache = [
    ...SHELL,
    ...pagefindFiles.filter((file) => fragmentsPrecached || !FRAGMENT.test(file)),
  ];
  const entry = readFileSync(path.join(siteDir, "pagefind", "pagefind-entry.json"));
  const build = createHash("sha256")
    .update(entry)
    .update(String(Date.now()))
    .digest("hex")
    .slice(0, 12);
  return { build, precache, fragmentsPrecached };
}

/**
 * Writes `<siteDir>/sw.js` from the worker's bundled source (`serviceWorkerTemplate`) with this
 * build's id and precache list.
 */
export function writeServiceWorker(siteDir: string, template: string): OfflinePlan {
  const plan = planOfflineCache(siteDir);
  const source = template
    .replace('"__BUILD__"', JSON.stringify(plan.build))
    .replace('["__PRECACHE__"]', JSON.stringify(plan.precache));
  writeFileSync(path.join(siteDir, "sw.js"), source);
  return plan;
}
