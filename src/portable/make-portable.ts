import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { listFilesUnder } from "../files/list-files.ts";
import { pagefindAsClassicScript } from "./pagefind-classic.ts";
import { rewriteHtmlUrls } from "./relative-urls.ts";

/** Where the script copies of Pagefind's files go, inside the bundle folder. */
export const FILE_SCRIPTS_DIR = "file";

export interface PortableReport {
  pages: number;
  scripts: number;
}

/**
 * Makes a built site work when opened from the file system, while it keeps working over HTTP:
 * every page's own links become relative (folders as `index.html`), and each Pagefind file is also
 * written as a classic script that hands its bytes to the page, because `file://` pages may not
 * fetch. The search page chooses the script path by itself when it runs from `file://`.
 * The 404 and offline pages keep root-relative links: a server (or the service worker) shows them
 * at any depth.
 */
/** Pages shown at any address, whose links stay root-relative. */
const AT_ANY_DEPTH = new Set(["404.html", "offline.html"]);

export function makePortable(siteDir: string, pathPrefix: string): PortableReport {
  const files = listFilesUnder(siteDir);
  let pages = 0;
  for (const file of files) {
    if (!file.endsWith(".html") || AT_ANY_DEPTH.has(file) || file.startsWith("pagefind/")) continue;
    const full = path.join(siteDir, file);
    writeFileSync(full, rewriteHtmlUrls(readFileSync(full, "utf8"), file, pathPrefix));
    pages++;
  }
  const bundle = path.join(siteDir, "pagefind");
  writeFileSync(
    path.join(bundle, "pagefind-classic.js"),
    pagefindAsClassicScript(readFileSync(path.join(bundle, "pagefind.js"), "utf8")),
  );
  let scripts = 0;
  for (const file of listFilesUnder(bundle)) {
    // The data Pagefind fetches: entry, metadata, wasm, index, filter and fragment chunks.
    if (file.endsWith(".js") || file.endsWith(".css") || file.startsWith(`${FILE_SCRIPTS_DIR}/`))
      continue;
    const target = path.join(bundle, FILE_SCRIPTS_DIR, `${file}.js`);
    mkdirSync(path.dirname(target), { recursive: true });
    const base64 = readFileSync(path.join(bundle, file)).toString("base64");
    writeFileSync(target, `__pagefindFile(${JSON.stringify(file)},"${base64}");\n`);
    scripts++;
  }
  return { pages, scripts };
}
