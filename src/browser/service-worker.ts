// Offline support. The build writes this worker to the site root as sw.js with BUILD and PRECACHE
// filled in (see writeServiceWorker), so every build changes its bytes and browsers install the
// new worker on their next online visit. What it answers and how is decided in offline-cache.ts.
// @see https://developer.mozilla.org/en-US/docs/Web/API/Service_Worker_API/Using_Service_Workers
import {
  cacheName,
  cacheStrategy,
  offlinePageHtml,
  pagesToSave,
  precacheUrls,
  staleCaches,
} from "./offline-cache.ts";

declare const self: ServiceWorkerGlobalScope;

// Placeholders the build replaces; the bundler checks that both are still in its output.
const BUILD = "__BUILD__";
const PRECACHE: readonly string[] = ["__PRECACHE__"];
const CACHE = cacheName(BUILD);
const SCOPE = new URL(self.registration.scope);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(precacheUrls(PRECACHE, SCOPE)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(staleCaches(keys, CACHE).map((key) => caches.delete(key))))
      .then(saveOpenPages)
      .then(() => self.clients.claim()),
  );
});

/**
 * The pages open while the worker installs loaded before it could see them, the first page of a
 * first visit among them: save them too, so that they also open offline. A page that cannot be
 * fetched now is left out; it is saved on its next visit.
 */
async function saveOpenPages(): Promise<void> {
  const cache = await caches.open(CACHE);
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const pages = pagesToSave(
    windows.map((client) => client.url),
    SCOPE,
  );
  await Promise.all(
    pages.map(async (url) => {
      try {
        const response = await fetch(url.href);
        if (response.ok) await cache.put(url.href, response);
      } catch {
        // Offline already, or the page is gone.
      }
    }),
  );
}

async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) void cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    if (request.mode === "navigate") return offlinePage();
    throw error;
  }
}

/** For a page never opened before: say so, and point to what does work offline. */
function offlinePage(): Response {
  return new Response(offlinePageHtml(SCOPE.pathname), {
    status: 503,
    headers: { "content-type": "text/html; charset=utf-8" },
  });
}

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) void cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const strategy = cacheStrategy(request, SCOPE);
  if (!strategy) return;
  event.respondWith(strategy === "network-first" ? networkFirst(request) : cacheFirst(request));
});
