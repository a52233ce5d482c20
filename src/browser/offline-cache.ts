// The service worker's decisions, apart from the worker's events (service-worker.ts) and the
// downloads (offline-save.ts): which requests it answers and from which cache, which caches and
// files are stale, which parts of the search index a reader's device holds, and the offline
// reading view of a story. Three caches:
// - `archive-shell-<build>`: the pages and files every visitor needs offline (the home page,
//   search, the offline page, the stylesheet and scripts, `offline.json`), one per build, dropped
//   when the next build's worker takes over;
// - `archive-pages`: pages and photos the reader opened, kept across builds and refreshed each
//   time they are opened online (pages are network-first, so a new build shows at once);
// - `archive-index`: the search index, kept across builds. Its files are named by their content
//   (the scripts, whose names do not change, are kept under their hash: `pagefind.js?v=<hash>`),
//   so an update downloads only the files `offline.json` lists that the cache lacks, and drops
//   those it no longer lists.
import type { OfflineFile, OfflineManifest } from "../search/offline-manifest.ts";

/** The parts of a `Request` the worker decides on. */
export interface RequestParts {
  method: string;
  /** `navigate` for a page opened in a tab. */
  mode: string;
  url: string;
}

/** Every cache this worker makes is named with this prefix. */
const CACHE_PREFIX = "archive-";
export const PAGES_CACHE = "archive-pages";
export const INDEX_CACHE = "archive-index";

/** The shell of one build. */
export function shellCacheName(build: string): string {
  return `${CACHE_PREFIX}shell-${build}`;
}

/** Caches earlier builds (and earlier versions of this worker) left: deleted on takeover. */
export function staleCaches(keys: readonly string[], currentShell: string): string[] {
  return keys.filter(
    (key) =>
      key.startsWith(CACHE_PREFIX) &&
      key !== currentShell &&
      key !== PAGES_CACHE &&
      key !== INDEX_CACHE,
  );
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

/** How the worker answers a request. */
export type Strategy =
  /** Pages: the network, then the saved copy, then the reading view or the offline page. */
  | "page"
  /** The search index: the saved copy (byte ranges cut from it), then the network. */
  | "index"
  /** Files that change with each build only: this build's shell, the saved copy, the network. */
  | "file"
  /** The worker itself and the offline copy's description: always the network. */
  | "network";

/**
 * How the worker answers a request, or `undefined` to leave it to the browser: anything but a
 * GET, and anything outside the site.
 */
export function cacheStrategy(request: RequestParts, scope: URL): Strategy | undefined {
  const url = new URL(request.url);
  if (request.method !== "GET" || !inScope(url, scope)) return undefined;
  if (request.mode === "navigate") return "page";
  const path = url.pathname.slice(scope.pathname.length);
  if (path === "sw.js" || path === "offline.json") return "network";
  if (path.startsWith("pagefind/")) return "index";
  return "file";
}

/** The manifest's files: the scripts, then each bundle's, newest bundle first. */
function allFiles(manifest: OfflineManifest): OfflineFile[] {
  return [...manifest.runtime, ...manifest.bundles.flatMap((bundle) => bundle.files)];
}

/**
 * The key a file of the index is kept under, relative to the site root: its path, or for a file
 * whose name does not change with its content (the scripts), its path and hash.
 */
export function indexKey(file: OfflineFile): string {
  const [path, , hash] = file;
  return hash ? `${path}?v=${hash}` : path;
}

/** The key a request for `path` (relative to the site root) is answered from, if it is listed. */
export function keyOfPath(manifest: OfflineManifest, path: string): string | undefined {
  const runtime = manifest.runtime.find(([file]) => file === path);
  if (runtime) return indexKey(runtime);
  return manifest.bundles.some((bundle) => path.startsWith(`pagefind/${bundle.dir}`))
    ? path
    : undefined;
}

/** What saving (or updating) the offline copy takes, given the keys the cache holds. */
export interface SavePlan {
  /** Files to download: key, bytes. */
  missing: [key: string, bytes: number][];
  /** Keys the manifest no longer lists. */
  stale: string[];
  /** Bytes of the whole copy, and of what is saved already. */
  bytes: number;
  savedBytes: number;
}

/** Compares the manifest with the keys (relative to the site root) the index cache holds. */
export function planSave(manifest: OfflineManifest, cached: ReadonlySet<string>): SavePlan {
  const listed = new Set<string>();
  const missing: SavePlan["missing"] = [];
  let bytes = 0;
  let savedBytes = 0;
  for (const file of allFiles(manifest)) {
    const key = indexKey(file);
    listed.add(key);
    bytes += file[1];
    if (cached.has(key)) savedBytes += file[1];
    else missing.push([key, file[1]]);
  }
  const stale = [...cached].filter((key) => !listed.has(key) && key !== WANTED_KEY);
  return { missing, stale, bytes, savedBytes };
}

/** Tags of the bundles every file of which is saved. */
export function savedBundles(manifest: OfflineManifest, cached: ReadonlySet<string>): string[] {
  return manifest.bundles
    .filter((bundle) => bundle.files.every((file) => cached.has(indexKey(file))))
    .map((bundle) => bundle.tag);
}

/** The index cache's note that the reader asked for the offline copy (kept across builds). */
export const WANTED_KEY = "offline-wanted";

/** `bytes=from-to` (to inclusive, or open) as [from, to exclusive], within `size`. */
export function parseRange(header: string | null, size: number): [number, number] | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? "");
  if (!match || (!match[1] && !match[2])) return undefined;
  if (!match[1]) {
    const suffix = Number(match[2]);
    return [Math.max(0, size - suffix), size];
  }
  const from = Number(match[1]);
  const to = match[2] ? Math.min(size, Number(match[2]) + 1) : size;
  return from < to ? [from, to] : undefined;
}

/** Where a story's fragment is: its bundle's pack file (key) and its place in the pack. */
export function fragmentPlace(
  manifest: OfflineManifest,
  code: string,
): { key: string; at: number; count: number } | undefined {
  if (!/^[0-9a-z]{3,}$/.test(code)) return undefined;
  const bundle = manifest.bundles.find((candidate) => candidate.tag === code.slice(0, 2));
  const page = parseInt(code.slice(2), 36);
  if (!bundle || !(page < bundle.pages)) return undefined;
  const pack = Math.floor(page / manifest.perPack);
  const name = bundle.packs[pack];
  if (!name) return undefined;
  const count = Math.min(manifest.perPack, bundle.pages - pack * manifest.perPack);
  return {
    key: `pagefind/${bundle.dir}fragment/${name}.pf_pack`,
    at: page % manifest.perPack,
    count,
  };
}

/** One fragment's bytes, cut from its pack (a table of u32 offsets, then the fragments). */
export function cutFragment(pack: ArrayBuffer, at: number, count: number): Uint8Array {
  const view = new DataView(pack);
  if (pack.byteLength < 4 * (count + 1)) throw new Error("The pack is shorter than its table");
  const from = view.getUint32(4 * at, true);
  const to = view.getUint32(4 * (at + 1), true);
  if (!(from <= to && to <= pack.byteLength)) throw new Error("The pack's table is damaged");
  return new Uint8Array(pack, from, to - from);
}

/** What the reading view shows of a story, from its Pagefind fragment. */
export interface StoryFragment {
  url: string;
  content: string;
  meta: Record<string, string>;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!,
  );
}

/** Where the offline page's message goes, between these two marks (see offline.11ty.tsx). */
export const OFFLINE_START = "<!--offline-start-->";
export const OFFLINE_END = "<!--offline-end-->";

/** `page` (the offline page) with its message replaced by `html`. */
export function fillOfflinePage(page: string, html: string, title?: string): string {
  const start = page.indexOf(OFFLINE_START);
  const end = page.indexOf(OFFLINE_END);
  let filled = start < 0 || end < start ? page : `${page.slice(0, start)}${html}${page.slice(end)}`;
  if (title)
    filled = filled.replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(title)}</title>`);
  return filled;
}

/**
 * A story's plain reading view, from its search data: what the story page shows of it in words
 * (title, date, byline, dateline, text with its captions), marked as an offline copy with the
 * story's address. Every part is text, escaped: the fragment comes from the archive's content.
 */
export function readingViewHtml(story: StoryFragment, address: string, language: string): string {
  const { title = "Untitled", date, byline, dateline } = story.meta;
  const when = date
    ? new Date(`${date}T12:00:00Z`).toLocaleDateString(language, {
        year: "numeric",
        month: "long",
        day: "numeric",
        timeZone: "UTC",
      })
    : "";
  const meta = [
    when && `<time datetime="${escapeHtml(date!)}">${escapeHtml(when)}</time>`,
    byline && `<span class="byline">${escapeHtml(byline)}</span>`,
    dateline && `<span class="dateline">${escapeHtml(dateline)}</span>`,
  ].filter(Boolean);
  const paragraphs = story.content
    .split(/\n+|(?<=[.!?"”])\s{2,}/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => `<p>${escapeHtml(part)}</p>`);
  return [
    `<article class="offline-copy" data-offline-copy>`,
    `<p class="offline-note" role="note">Offline copy: the text of this story as saved for offline search, without its photos and links. <a href="${escapeHtml(address)}">${escapeHtml(address)}</a></p>`,
    `<h1>${escapeHtml(title)}</h1>`,
    meta.length ? `<p class="meta">${meta.join(" · ")}</p>` : "",
    ...paragraphs,
    `</article>`,
  ].join("");
}
