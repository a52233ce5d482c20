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
  const writeScript = (file: string, bytes: Buffer) => {
    const target = path.join(bundle, FILE_SCRIPTS_DIR, `${file}.js`);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(
      target,
      `__pagefindFile(${JSON.stringify(file)},"${bytes.toString("base64")}");\n`,
    );
    scripts++;
  };
  for (const file of listFilesUnder(bundle)) {
    // The data Pagefind fetches: entry, metadata, wasm, index, filter and fragment chunks.
    if (file.endsWith(".js") || file.endsWith(".css") || file.startsWith(`${FILE_SCRIPTS_DIR}/`))
      continue;
    // Fragment lengths stand in for packs' headers over HTTP; from disk each fragment is a script.
    if (file.endsWith(".pf_lengths")) continue;
    const pack = PACK.exec(file);
    if (pack) {
      // No byte ranges from the file system: each story's fragment a script of its own, so that a
      // result costs its story, as a range request does over HTTP.
      for (const [name, bytes] of packFragments(bundle, pack[1]!, pack[2]!)) {
        writeScript(`${pack[1]}fragment/${name}.pf_fragment`, bytes);
      }
      continue;
    }
    writeScript(file, readFileSync(path.join(bundle, file)));
  }
  return { pages, scripts };
}

/** A bundle's fragment pack: `<bundle folder>/fragment/<name>.pf_pack`. */
const PACK = /^(.*\/)fragment\/([^/]+)\.pf_pack$/;

/**
 * The fragments of the pack `name` of the bundle in `dir` (under `indexDir`), by page name: the
 * bundle's tag and the page's number in base 36 (see src/search/merge-shards.ts). A pack starts
 * with the offsets of its fragments; every pack but the last is full.
 */
function packFragments(indexDir: string, dir: string, name: string): [string, Buffer][] {
  const info = JSON.parse(readFileSync(path.join(indexDir, dir, "bundle.json"), "utf8")) as {
    tag: string;
    packs: string[];
  };
  const count = (pack: Buffer) => pack.readUInt32LE(0) / 4 - 1;
  const first = readFileSync(path.join(indexDir, dir, "fragment", `${info.packs[0]}.pf_pack`));
  const place = info.packs.indexOf(name);
  if (place < 0) throw new Error(`${dir}bundle.json does not list the pack ${name}`);
  const pack = readFileSync(path.join(indexDir, dir, "fragment", `${name}.pf_pack`));
  const start = place * count(first);
  return Array.from({ length: count(pack) }, (_, i) => [
    `${info.tag}${(start + i).toString(36)}`,
    pack.subarray(pack.readUInt32LE(4 * i), pack.readUInt32LE(4 * (i + 1))),
  ]);
}
