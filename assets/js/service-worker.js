// Offline support. The build writes this file to the site root as sw.js with BUILD and PRECACHE
// filled in, so every build changes its bytes and browsers install the new worker on their next
// online visit. Pages are network-first (new builds show at once online, cached copies offline);
// everything else is cache-first, since Pagefind's index chunks are content-hashed.
// @see https://developer.mozilla.org/en-US/docs/Web/API/Service_Worker_API/Using_Service_Workers
const BUILD = "__BUILD__";
const PRECACHE = ["__PRECACHE__"];
const CACHE = `archive-${BUILD}`;
const SCOPE = new URL(self.registration.scope);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((path) => new URL(path, SCOPE).href)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith("archive-") && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(saveOpenPages)
      .then(() => self.clients.claim()),
  );
});

/**
 * The pages open while the worker installs loaded before it could see them, the first page of a
 * first visit among them: save them too, so that they also open offline. A page that cannot be
 * fetched now is left out; it is saved on its next visit.
 */
async function saveOpenPages() {
  const cache = await caches.open(CACHE);
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const pages = windows
    .map((client) => new URL(client.url))
    .filter((url) => url.origin === SCOPE.origin && url.pathname.startsWith(SCOPE.pathname));
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

/** Pages and Pagefind's entry file change with every build: ask the network first. */
function isFresh(request, url) {
  return (
    request.mode === "navigate" ||
    url.pathname.endsWith("/pagefind/pagefind-entry.json") ||
    url.pathname.endsWith("/sw.js")
  );
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    if (request.mode === "navigate") return offlinePage();
    throw error;
  }
}

/** For a page never opened before: say so, and point to what does work offline. */
function offlinePage() {
  const home = SCOPE.pathname;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline</title><link rel="icon" href="${home}assets/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="${home}assets/css/site.css"></head><body><main id="main"><h1>You are offline</h1><p>This page has not been saved on this device yet. Pages you have opened before, and <a href="${home}search/">search</a>, work offline.</p><p><a href="${home}">Back to the latest articles</a></p></main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: { "content-type": "text/html; charset=utf-8" },
  });
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (
    request.method !== "GET" ||
    url.origin !== SCOPE.origin ||
    !url.pathname.startsWith(SCOPE.pathname)
  )
    return;
  event.respondWith(isFresh(request, url) ? networkFirst(request) : cacheFirst(request));
});
