// Offline support. The build writes this worker to the site root as sw.js with BUILD and PRECACHE
// filled in (see writeServiceWorker), so every build changes its bytes and browsers install the
// new worker on their next online visit. What it answers and from where is decided in
// offline-cache.ts; saving the search index is offline-save.ts.
// @see https://developer.mozilla.org/en-US/docs/Web/API/Service_Worker_API/Using_Service_Workers
import type { OfflineManifest } from "../search/offline-manifest.ts";
import {
  cacheStrategy,
  cutFragment,
  fillOfflinePage,
  fragmentPlace,
  INDEX_CACHE,
  keyOfPath,
  PAGES_CACHE,
  pagesToSave,
  parseRange,
  precacheUrls,
  readingViewHtml,
  shellCacheName,
  staleCaches,
  type StoryFragment,
} from "./offline-cache.ts";
import { evictStale, saveIndex, savedState } from "./offline-save.ts";

declare const self: ServiceWorkerGlobalScope;

// Placeholders the build replaces; the bundler checks that both are still in its output.
const BUILD = "__BUILD__";
const PRECACHE: readonly string[] = ["__PRECACHE__"];
const SHELL = shellCacheName(BUILD);
const SCOPE = new URL(self.registration.scope);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(precacheUrls(PRECACHE, SCOPE)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(staleCaches(keys, SHELL).map((key) => caches.delete(key))))
      .then(saveOpenPages)
      .then(() => self.clients.claim())
      .then(updateIndex),
  );
});

let manifestPromise: Promise<OfflineManifest | undefined> | undefined;

/** This build's `offline.json`, as installed with the shell. */
function manifest(): Promise<OfflineManifest | undefined> {
  manifestPromise ??= caches
    .open(SHELL)
    .then((cache) => cache.match(new URL("offline.json", SCOPE).href))
    .then((response) => (response ? (response.json() as Promise<OfflineManifest>) : undefined))
    .catch(() => undefined);
  return manifestPromise;
}

/**
 * After a publish, the saved copy of the search index is brought up to date: the files this
 * build added are downloaded, those it dropped deleted. On a first visit the whole index is saved
 * when it is within the site's budget (`autoSave`); otherwise only the search page's offer saves
 * it. A failure leaves what was saved; the next visit (or the search page) carries on.
 */
async function updateIndex(): Promise<void> {
  const copy = await manifest();
  if (!copy) return;
  try {
    const state = await savedState(copy, SCOPE);
    if (state.wanted) await saveIndex(copy, SCOPE);
    else await evictStale(copy, SCOPE);
  } catch {
    // Offline again, or the site changed meanwhile.
  }
}

/**
 * The pages open while the worker installs loaded before it could see them, the first page of a
 * first visit among them: save them too, so that they also open offline. A page that cannot be
 * fetched now is left out; it is saved on its next visit.
 */
async function saveOpenPages(): Promise<void> {
  const cache = await caches.open(PAGES_CACHE);
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const pages = pagesToSave(
    windows.map((client) => client.url),
    SCOPE,
  );
  await Promise.all(
    pages.map(async (url) => {
      try {
        url.search = "";
        const response = await fetch(url.href);
        if (response.ok) await cache.put(url.href, response);
      } catch {
        // Offline already, or the page is gone.
      }
    }),
  );
}

/** A page: the network (its answer saved), then the saved copy, then the reading view. */
async function page(request: Request): Promise<Response> {
  const cache = await caches.open(PAGES_CACHE);
  const url = new URL(request.url);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      url.search = "";
      void cache.put(url.href, response.clone());
    }
    return response;
  } catch (error) {
    const cached =
      (await cache.match(request, { ignoreSearch: true })) ??
      (await (await caches.open(SHELL)).match(request, { ignoreSearch: true }));
    if (cached) return cached;
    const story = url.searchParams.get("story");
    const view = story ? await readingView(story, url) : undefined;
    if (view) return view;
    const offline = await offlinePage();
    if (offline) return offline;
    throw error;
  }
}

function html(body: string, status = 200): Response {
  return new Response(body, { status, headers: { "content-type": "text/html; charset=utf-8" } });
}

/** The offline page of this build, in the site's design: it links to search. */
async function offlinePage(): Promise<Response | undefined> {
  const shell = await caches.open(SHELL);
  const saved = await shell.match(new URL("offline.html", SCOPE).href);
  return saved ? html(await saved.text(), 503) : undefined;
}

/**
 * A story never opened, offline, from its search data: the fragment named by `story` (its bundle's
 * tag and number), cut from the saved pack, shown in the offline page as a plain reading view.
 * Only when the fragment is the story at this address.
 */
async function readingView(story: string, url: URL): Promise<Response | undefined> {
  const copy = await manifest();
  const place = copy && fragmentPlace(copy, story);
  if (!copy || !place) return undefined;
  const pack = await (await caches.open(INDEX_CACHE)).match(new URL(place.key, SCOPE).href);
  const shell = await (await caches.open(SHELL)).match(new URL("offline.html", SCOPE).href);
  if (!pack || !shell) return undefined;
  try {
    const zipped = cutFragment(await pack.arrayBuffer(), place.at, place.count);
    const plain = new Response(
      new Blob([zipped as Uint8Array<ArrayBuffer>])
        .stream()
        .pipeThrough(new DecompressionStream("gzip")),
    );
    const bytes = new Uint8Array(await plain.arrayBuffer());
    // Pagefind's fragments start with its signature.
    const text = new TextDecoder().decode(bytes).replace(/^pagefind_dcd/, "");
    const fragment = JSON.parse(text) as StoryFragment;
    const address = new URL(fragment.url.replace(/^\//, ""), SCOPE);
    if (address.origin !== url.origin || address.pathname !== url.pathname) return undefined;
    const view = readingViewHtml(fragment, address.pathname, copy.site.language);
    return html(
      fillOfflinePage(await shell.text(), view, `${fragment.meta.title ?? ""} (offline copy)`),
    );
  } catch {
    return undefined;
  }
}

/** The search index: the saved copy, a byte range cut from a saved pack, or the network. */
async function index(request: Request): Promise<Response> {
  const copy = await manifest();
  const path = new URL(request.url).pathname.slice(SCOPE.pathname.length);
  // A file this build does not list (the page is of another build) is still looked for: files of
  // bundles are named by their content.
  const key =
    (copy && keyOfPath(copy, path)) ?? (path.includes("/", "pagefind/".length) ? path : undefined);
  if (key) {
    const cache = await caches.open(INDEX_CACHE);
    const saved = await cache.match(new URL(key, SCOPE).href);
    if (saved) {
      const header = request.headers.get("range");
      if (!header) return saved;
      const bytes = await saved.arrayBuffer();
      const range = parseRange(header, bytes.byteLength);
      if (!range) return new Response(null, { status: 416 });
      return new Response(bytes.slice(range[0], range[1]), {
        status: 206,
        headers: {
          "content-range": `bytes ${range[0]}-${range[1] - 1}/${bytes.byteLength}`,
          "content-type": "application/octet-stream",
        },
      });
    }
  }
  // Not saved: from the network. Whole files the index lists are kept as they pass (they are
  // named by their content); byte ranges are not, being parts.
  const response = await fetch(request);
  if (key && response.status === 200 && !request.headers.has("range")) {
    const kept = response.clone();
    void caches.open(INDEX_CACHE).then((cache) => cache.put(new URL(key, SCOPE).href, kept));
  }
  return response;
}

/**
 * The site's own files: this build's shell; anything else (photos, say) from the network, saved
 * as it passes, and from the saved copy offline.
 */
async function file(request: Request): Promise<Response> {
  const shell = await (await caches.open(SHELL)).match(request, { ignoreSearch: true });
  if (shell) return shell;
  const pages = await caches.open(PAGES_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") void pages.put(request, response.clone());
    return response;
  } catch (error) {
    const saved = await pages.match(request, { ignoreSearch: true });
    if (saved) return saved;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const strategy = cacheStrategy(request, SCOPE);
  if (!strategy || strategy === "network") return;
  event.respondWith(
    strategy === "page" ? page(request) : strategy === "index" ? index(request) : file(request),
  );
});
