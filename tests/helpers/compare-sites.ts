import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { listFiles } from "./site-files.ts";

/**
 * Comparing two builds of one archive. The search index is deterministic: two whole builds write
 * the same bytes in every file but sw.js and offline.json, which carry a build id that is new each
 * time. So sites are compared file by file, byte for byte, and those two with the build id taken
 * out.
 */

/** What a build's offline copy lists (`offline.json`, see src/search/offline.ts), but its id. */
export interface OfflineManifestFiles {
  build: string;
  runtime: Array<[path: string, bytes: number, hash: string]>;
  bundles: Array<{ dir: string; files: Array<[path: string, bytes: number, hash: string]> }>;
}

/** Every file of the search index a site's offline copy lists, by its path from the site root. */
export function offlineFiles(site: string): string[] {
  const manifest = JSON.parse(
    readFileSync(path.join(site, "offline.json"), "utf8"),
  ) as OfflineManifestFiles;
  return [
    ...manifest.runtime.map(([file]) => file),
    ...manifest.bundles.flatMap((bundle) => bundle.files.map(([file]) => file)),
  ];
}

/** sw.js or offline.json without the build id (12 hexadecimal digits) each build makes anew. */
function withoutBuildId(file: string, text: string): string {
  if (file === "offline.json") {
    const { build, ...rest } = JSON.parse(text) as OfflineManifestFiles;
    expect(build).toMatch(/^[0-9a-f]{12}$/);
    return JSON.stringify(rest);
  }
  return text.replace(/"[0-9a-f]{12}"/g, '"BUILD"');
}

/** Files of `site` that differ from `reference`'s (sw.js and offline.json as above). */
export function differences(reference: string, site: string): string[] {
  const files = listFiles(reference);
  expect(listFiles(site)).toEqual(files);
  return files.filter((file) => {
    const a = readFileSync(path.join(reference, file));
    const b = readFileSync(path.join(site, file));
    if (file !== "sw.js" && file !== "offline.json") return !a.equals(b);
    return withoutBuildId(file, a.toString("utf8")) !== withoutBuildId(file, b.toString("utf8"));
  });
}
