/**
 * Pagefind's `pagefind.js` is an ES module, which browsers refuse to load from `file://`. This
 * turns it into a classic script that leaves the module's exports on `window.__pagefindModule`.
 * Each rewrite is checked, so a Pagefind release that changes its bundle fails the build loudly
 * instead of shipping a broken search.
 */
export class PagefindBundleError extends Error {
  constructor(what: string) {
    super(
      `The portable build could not adapt Pagefind's pagefind.js (${what}). This Pagefind version's bundle differs from the one the portable build knows: pin pagefind to 1.6.x or update src/portable/pagefind-classic.ts.`,
    );
    this.name = "PagefindBundleError";
  }
}

const EXPORTS = /export\s*\{([^}]*)\};?\s*$/;

export function pagefindAsClassicScript(source: string): string {
  const exports = EXPORTS.exec(source);
  if (!exports) throw new PagefindBundleError("no export list at the end");
  if (!source.includes("import.meta.url")) throw new PagefindBundleError("no import.meta.url");
  const names = exports[1]!
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean)
    // `local as exported` becomes `exported: local`.
    .map((name) => name.replace(/^(\S+)\s+as\s+(\S+)$/, "$2: $1"));
  const body = source
    .slice(0, exports.index)
    // The bundle finds its own folder from import.meta.url; a classic script knows its own src.
    .replaceAll("import.meta.url", "__pagefindBundleUrl");
  return [
    "(function () {",
    'var __pagefindBundleUrl = document.currentScript.src.replace(/[^/]*$/, "pagefind.js");',
    body,
    `window.__pagefindModule = { ${names.join(", ")} };`,
    "})();",
    "",
  ].join("\n");
}
