import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { indexKey } from "../../src/browser/offline-cache.ts";
import type { OfflineManifest } from "../../src/search/offline-manifest.ts";
import { startStaticServer } from "../../src/serve/static-server.ts";

/** The offline copy a build describes (`offline.json`), if it wrote one. */
export function readOfflineManifest(site: string): OfflineManifest | undefined {
  try {
    return JSON.parse(readFileSync(path.join(site, "offline.json"), "utf8")) as OfflineManifest;
  } catch {
    return undefined;
  }
}

function sizes(manifest: OfflineManifest): Map<string, number> {
  return new Map(
    [...manifest.runtime, ...manifest.bundles.flatMap((bundle) => bundle.files)].map((file) => [
      indexKey(file),
      file[1],
    ]),
  );
}

/**
 * What a device that saved `before` downloads to bring its copy up to `after`: the files `after`
 * lists that `before` did not (files are named by their content).
 */
export function offlineUpdateBytes(before: OfflineManifest, after: OfflineManifest): number {
  const had = sizes(before);
  let bytes = 0;
  for (const [key, size] of sizes(after)) if (!had.has(key)) bytes += size;
  return bytes;
}

export interface OfflineSave {
  /** Bytes of the whole copy, as `offline.json` lists them. */
  bytes: number;
  /** How it was saved: by the worker on a first visit (within the site's budget), or on the offer. */
  how: "first visit" | "offer";
  /** From opening the search page (first visit) or pressing Save (offer) to the copy saved. */
  ms: number;
}

/**
 * A reader saving the archive's search for offline use, in a fresh browser on loopback: the
 * worker saves it by itself on a first visit when it is within the site's budget; otherwise the
 * search page's offer, pressed. Until the page says the copy is saved.
 */
export async function measureOfflineSave(browser: Browser, site: string): Promise<OfflineSave> {
  const manifest = readOfflineManifest(site);
  if (!manifest)
    throw new Error(`${site} has no offline.json: was it built with the search index?`);
  const server = await startStaticServer({ dir: site });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const saved = () =>
      page
        .locator("#offline-text", { hasText: "is saved on this device" })
        .waitFor({ timeout: 1_800_000 });
    const opened = Date.now();
    await page.goto(`${server.url}search/`);
    if (manifest.autoSave) {
      await saved();
      return { bytes: manifest.bytes, how: "first visit", ms: Date.now() - opened };
    }
    const save = page.locator("#offline-save");
    await save.waitFor({ timeout: 60_000 });
    const started = Date.now();
    await save.click();
    await saved();
    return { bytes: manifest.bytes, how: "offer", ms: Date.now() - started };
  } finally {
    await context.close();
    await server.close();
  }
}
