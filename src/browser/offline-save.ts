// Saving the search index on the reader's device, from the page (the search page's offer, with
// progress) or from the service worker (on its first install when the index is within the site's
// budget, and after each publish to bring a saved copy up to date). Both write the same cache
// (`archive-index`, see offline-cache.ts), one file at a time as it arrives, so a save that stops
// (a reload, a lost connection, a closed tab) resumes where it stopped: the next run downloads
// only what the cache lacks.
import type { OfflineManifest } from "../search/offline-manifest.ts";
import { INDEX_CACHE, planSave, savedBundles, WANTED_KEY, type SavePlan } from "./offline-cache.ts";

/** Downloads at once: enough to fill a connection, few enough to show steady progress. */
const PARALLEL = 4;

/** The keys (relative to `scope`) the index cache holds. */
export async function cachedKeys(cache: Cache, scope: URL): Promise<Set<string>> {
  const keys = await cache.keys();
  return new Set(
    keys
      .map((request) => request.url)
      .filter((url) => url.startsWith(scope.href))
      .map((url) => url.slice(scope.href.length)),
  );
}

/** What the device holds of the offline copy `manifest` describes. */
export interface SavedState {
  plan: SavePlan;
  /** Tags of the bundles saved whole. */
  saved: string[];
  /** Whether the reader asked to keep the copy (or the site saves it by itself). */
  wanted: boolean;
  /** Whether the reader asked (on this device, in any build). */
  asked: boolean;
}

export async function savedState(manifest: OfflineManifest, scope: URL): Promise<SavedState> {
  const cache = await caches.open(INDEX_CACHE);
  const keys = await cachedKeys(cache, scope);
  return {
    plan: planSave(manifest, keys),
    saved: savedBundles(manifest, keys),
    wanted: manifest.autoSave || keys.has(WANTED_KEY),
    asked: keys.has(WANTED_KEY),
  };
}

/** Notes that the reader wants the copy kept (and updated after each publish), or not. */
export async function setWanted(scope: URL, wanted: boolean): Promise<void> {
  const cache = await caches.open(INDEX_CACHE);
  const key = new URL(WANTED_KEY, scope).href;
  if (wanted) await cache.put(key, new Response("1"));
  else await cache.delete(key);
}

/**
 * Downloads what the cache lacks of the copy and drops what the manifest no longer lists;
 * `progress` is told the bytes saved so far out of the whole. Rejects when a file cannot be
 * downloaded (what was saved stays saved).
 */
export async function saveIndex(
  manifest: OfflineManifest,
  scope: URL,
  progress: (saved: number, total: number) => void = () => undefined,
  network: typeof fetch = fetch,
): Promise<SavePlan> {
  const cache = await caches.open(INDEX_CACHE);
  const plan = planSave(manifest, await cachedKeys(cache, scope));
  await Promise.all(plan.stale.map((key) => cache.delete(new URL(key, scope).href)));
  let saved = plan.savedBytes;
  progress(saved, plan.bytes);
  const queue = [...plan.missing];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [key, bytes] = next;
      const href = new URL(key, scope).href;
      // The scripts are kept under their hash (`?v=`) but served under their own name.
      const response = await network(href.replace(/\?v=[\w-]+$/, ""), { cache: "no-cache" });
      if (!response.ok) throw new Error(`${response.status} fetching ${href}`);
      await cache.put(href, response);
      saved += bytes;
      progress(saved, plan.bytes);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return plan;
}

/** Drops the files the manifest no longer lists (after a publish, when no copy is wanted). */
export async function evictStale(manifest: OfflineManifest, scope: URL): Promise<void> {
  const cache = await caches.open(INDEX_CACHE);
  const plan = planSave(manifest, await cachedKeys(cache, scope));
  await Promise.all(plan.stale.map((key) => cache.delete(new URL(key, scope).href)));
}
