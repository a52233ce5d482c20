import { createHash } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { SearchIndexInfo } from "./bundle-info.ts";
import type { OfflineBundle, OfflineFile, OfflineManifest } from "./offline-manifest.ts";

export type { OfflineBundle, OfflineFile, OfflineManifest };
import { listFilesUnder } from "../files/list-files.ts";

/** The site shell every visitor needs offline, relative to the site root. */
const SHELL = [
  "",
  "search/",
  "404.html",
  "offline.html",
  "assets/css/site.css",
  "assets/js/site.js",
  "assets/js/search-page.js",
  "assets/js/highlight.js",
  "assets/favicon.svg",
];

/** What the service worker and the search page are told of the offline copy: `offline.json`. */
export const OFFLINE_MANIFEST = "offline.json";

function fileEntry(siteDir: string, file: string): OfflineFile {
  const bytes = readFileSync(path.join(siteDir, file));
  return [file, bytes.length, createHash("sha256").update(bytes).digest("base64url").slice(0, 16)];
}

/** Plans the offline copy of a site whose search index `info` describes. */
export function planOfflineCopy(
  siteDir: string,
  info: SearchIndexInfo,
  settings: { autoSaveBytes: number; title: string },
): OfflineManifest {
  const root = path.join(siteDir, "pagefind");
  const runtime = listFilesUnder(root)
    .filter((file) => !file.includes("/") && !file.endsWith(".css"))
    .map((file) => fileEntry(siteDir, `pagefind/${file}`));
  const bundles = info.bundles.map((bundle): OfflineBundle => {
    const files = listFilesUnder(path.join(root, bundle.dir))
      .filter((file) => /\.pf_(meta|index|filter|pack)$/.test(file))
      .map((file): OfflineFile => {
        const at = `pagefind/${bundle.dir}${file}`;
        return [at, statSync(path.join(siteDir, at)).size, ""];
      });
    const { dir, from, to, pages, tag, packs } = bundle;
    return {
      dir,
      from,
      to,
      pages,
      tag,
      packs,
      files,
      bytes: files.reduce((sum, f) => sum + f[1], 0),
    };
  });
  const bytes =
    runtime.reduce((sum, file) => sum + file[1], 0) +
    bundles.reduce((sum, bundle) => sum + bundle.bytes, 0);
  const build = createHash("sha256")
    .update(JSON.stringify([runtime, bundles]))
    .update(String(Date.now()))
    .digest("hex")
    .slice(0, 12);
  return {
    build,
    autoSave: settings.autoSaveBytes > 0 && bytes <= settings.autoSaveBytes,
    bytes,
    shell: SHELL,
    runtime,
    bundles,
    perPack: info.perPack,
    site: { title: settings.title, language: info.language },
  };
}

/**
 * Writes `offline.json` and `<siteDir>/sw.js`, from the worker's bundled source
 * (`serviceWorkerTemplate`) with this build's id, so that every build changes the worker's bytes
 * and browsers install the new one on their next online visit.
 */
export function writeServiceWorker(
  siteDir: string,
  template: string,
  info: SearchIndexInfo,
  settings: { autoSaveBytes: number; title: string },
): OfflineManifest {
  const manifest = planOfflineCopy(siteDir, info, settings);
  writeFileSync(path.join(siteDir, OFFLINE_MANIFEST), JSON.stringify(manifest));
  const source = template
    .replace('"__BUILD__"', JSON.stringify(manifest.build))
    .replace('["__PRECACHE__"]', JSON.stringify([...manifest.shell, OFFLINE_MANIFEST]));
  writeFileSync(path.join(siteDir, "sw.js"), source);
  return manifest;
}

/** `18.4 MB, saved when a reader asks` or `1.2 MB, saved after a first visit`. */
export function describeOfflineCopy(manifest: OfflineManifest): string {
  const mb = (manifest.bytes / 1e6).toFixed(1);
  return `${mb} MB, saved ${manifest.autoSave ? "after a first visit" : "when a reader asks"}`;
}
