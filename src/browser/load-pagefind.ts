// Loads Pagefind's browser bundle: as a module over HTTP; from the file system, where the page may
// not import modules or fetch, as the portable build ships it: Pagefind as a classic script and
// each of its files as a script that hands over its bytes, loaded only when Pagefind asks for it.
import type { Pagefind, PagefindInstance, PagefindOptions } from "./pagefind.d.ts";
import type { SearchIndexInfo } from "../search/bundle-info.ts";
import { SearchFiles } from "./search-files.ts";

declare global {
  interface Window {
    /** Set by `pagefind-classic.js` (the portable build's copy of `pagefind.js`). */
    __pagefindModule?: Pagefind;
    /** Called by each of the portable build's file scripts with the file's bytes in base64. */
    __pagefindFile?: (name: string, base64: string) => void;
  }
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`Could not load ${src}`));
    document.head.append(script);
  });
}

/**
 * Pagefind from `file://`: its fetches of files under `bundle` are answered from the file scripts,
 * each loaded once, its bytes handed over and forgotten.
 */
async function pagefindFromFiles(bundle: string): Promise<Pagefind> {
  const files = new Map<string, string>();
  window.__pagefindFile = (name, base64) => files.set(name, base64);
  const loading = new Map<string, Promise<void>>();
  const networkFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = new URL(
      typeof input === "string" ? input : input instanceof URL ? input.href : input.url,
      window.location.href,
    );
    const href = url.href.replace(/[?#].*$/, "");
    if (!href.startsWith(bundle)) return networkFetch(input, init);
    const name = href.slice(bundle.length);
    let loaded = loading.get(name);
    if (!loaded) {
      loaded = loadScript(`${bundle}file/${name}.js`);
      loading.set(name, loaded);
    }
    await loaded;
    const bytes = Uint8Array.from(atob(files.get(name) ?? ""), (c) => c.charCodeAt(0));
    files.delete(name);
    const type = name.endsWith(".json") ? "application/json" : "application/octet-stream";
    return new Response(bytes, { status: 200, headers: { "content-type": type } });
  };
  await loadScript(`${bundle}pagefind-classic.js`);
  const pagefind = window.__pagefindModule;
  if (!pagefind) throw new Error(`${bundle}pagefind-classic.js did not define Pagefind`);
  return pagefind;
}

/**
 * Loads Pagefind's script from the search index's folder `base` (an absolute URL) and returns a
 * function that opens a Pagefind instance on any bundle folder under it, with Pagefind's requests
 * answered through `SearchFiles` (see search-files.ts), and the `SearchFiles` itself. Pagefind
 * searches on the page itself (`noWorker`): a worker's requests would not go through it. `baseUrl`
 * is prepended to result URLs over HTTP; from disk, result URLs stay root-relative for the page to
 * make relative itself.
 */
export async function loadPagefind(
  base: string,
  baseUrl: string,
  fromFile: boolean,
  index: SearchIndexInfo,
): Promise<{
  open: (bundlePath: string, options: PagefindOptions) => Promise<PagefindInstance>;
  options: PagefindOptions;
  files: SearchFiles;
}> {
  const pagefind = fromFile
    ? await pagefindFromFiles(base)
    : ((await import(`${base}pagefind.js`)) as Pagefind);
  const files = new SearchFiles(base, index.bundles, index, window.fetch.bind(window), fromFile);
  window.fetch = files.fetch;
  const options: PagefindOptions = {
    baseUrl: fromFile ? "/" : baseUrl,
    excerptLength: 30,
    highlightParam: "highlight",
  };
  const open = async (bundlePath: string, instanceOptions: PagefindOptions) => {
    // A filter given to an instance must be there before it starts (Pagefind applies it in
    // `init`); the other options may follow.
    const { mergeFilter, ...rest } = instanceOptions;
    const instance = pagefind.createInstance({ basePath: bundlePath, noWorker: true, mergeFilter });
    await instance.options(rest);
    await instance.init();
    return instance;
  };
  return { open, options, files };
}
