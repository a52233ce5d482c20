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
  /** Bytes received while saving (compressed as sent), from pressing Save to "saved". */
  receivedBytes: number;
  /** From pressing Save to the page saying the copy is saved. */
  ms: number;
}

/**
 * A reader saving the archive's search for offline use, in a fresh browser on loopback: the search
 * page's offer, pressed, until the page says the copy is saved.
 */
export async function measureOfflineSave(browser: Browser, site: string): Promise<OfflineSave> {
  const manifest = readOfflineManifest(site);
  if (!manifest)
    throw new Error(`${site} has no offline.json: was it built with the search index?`);
  const server = await startStaticServer({ dir: site });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}search/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      polling: 100,
      timeout: 60_000,
    });
    const save = page.locator("#offline-save");
    // A site within its budget saves by itself: the offer may already be gone.
    const offered = await save
      .waitFor({ timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    let receivedBytes = 0;
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    cdp.on("Network.loadingFinished", (event: { encodedDataLength: number }) => {
      receivedBytes += event.encodedDataLength;
    });
    const started = Date.now();
    if (offered) await save.click();
    await page
      .locator("#offline-text", { hasText: "is saved on this device" })
      .waitFor({ timeout: 1_800_000 });
    return { bytes: manifest.bytes, receivedBytes, ms: Date.now() - started };
  } finally {
    await context.close();
    await server.close();
  }
}
