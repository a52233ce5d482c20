// The service worker's decisions, apart from the worker's events: which requests it answers and
// how, which caches are stale, which open pages to save. Pages are network-first (new builds show
// at once online, cached copies offline); everything else is cache-first, since Pagefind's index
// chunks are content-hashed and the site's own files change only with a build, which renames the
// cache.

/** How the worker answers a request. */
export type Strategy = "network-first" | "cache-first";

/** The parts of a `Request` the worker decides on. */
export interface RequestParts {
  method: string;
  /** `navigate` for a page opened in a tab. */
  mode: string;
  url: string;
}

/** Every cache this worker made is named with this prefix, and the build's id after it. */
const CACHE_PREFIX = "archive-";

/** The cache of one build. */
export function cacheName(build: string): string {
  return `${CACHE_PREFIX}${build}`;
}

/** Caches earlier builds left: deleted once this build's worker takes over. */
export function staleCaches(keys: readonly string[], current: string): string[] {
  return keys.filter((key) => key.startsWith(CACHE_PREFIX) && key !== current);
}

/** The precache list (paths relative to the site root) as URLs under the worker's scope. */
export function precacheUrls(paths: readonly string[], scope: URL): string[] {
  return paths.map((path) => new URL(path, scope).href);
}

/** Whether a URL is the site's: same origin, under the worker's scope. */
export function inScope(url: URL, scope: URL): boolean {
  return url.origin === scope.origin && url.pathname.startsWith(scope.pathname);
}

/** Of the tabs open on any site (their URLs), the pages of this one: saved when the worker starts. */
export function pagesToSave(clientUrls: readonly string[], scope: URL): URL[] {
  return clientUrls.map((href) => new URL(href)).filter((url) => inScope(url, scope));
}

/**
 * Pages and Pagefind's entry files (one per search bundle) change with every build, and so does
 * the worker itself.
 */
export function isFresh(request: RequestParts, url: URL): boolean {
  return (
    request.mode === "navigate" ||
    url.pathname.endsWith("/pagefind-entry.json") ||
    url.pathname.endsWith("/sw.js")
  );
}

/**
 * How the worker answers a request, or `undefined` to leave it to the browser: anything but a
 * GET, and anything outside the site.
 */
export function cacheStrategy(request: RequestParts, scope: URL): Strategy | undefined {
  const url = new URL(request.url);
  if (request.method !== "GET" || !inScope(url, scope)) return undefined;
  return isFresh(request, url) ? "network-first" : "cache-first";
}

/**
 * The page shown for a page never opened before, offline: it says so, and points to what does
 * work offline. `home` is the site's root path, where its stylesheet and search are.
 */
export function offlinePageHtml(home: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline</title><link rel="icon" href="${home}assets/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="${home}assets/css/site.css"></head><body><main id="main"><h1>You are offline</h1><p>This page has not been saved on this device yet. Pages you have opened before, and <a href="${home}search/">search</a>, work offline.</p><p><a href="${home}">Back to the latest articles</a></p></main></body></html>`;
}
