import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse, type HTMLElement } from "node-html-parser";

/** Every file under `dir`, as paths relative to it with forward slashes. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(dir, full).split(path.sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

export function readPage(siteDir: string, file: string): HTMLElement {
  return parse(readFileSync(path.join(siteDir, file), "utf8"));
}

/** The output file a URL path maps to on a static host (`/a/` → `a/index.html`). */
export function fileForUrl(siteDir: string, urlPath: string): string | undefined {
  const clean = decodeURIComponent(urlPath.split(/[?#]/)[0]!).replace(/^\/+/, "");
  const candidates =
    clean === "" || clean.endsWith("/") ? [`${clean}index.html`] : [clean, `${clean}/index.html`];
  return candidates.find((candidate) => {
    const full = path.join(siteDir, candidate);
    return existsSync(full) && statSync(full).isFile();
  });
}

export interface BrokenLink {
  page: string;
  url: string;
}

/**
 * Checks every internal link, stylesheet, script and image of every HTML page in `siteDir`.
 * `pathPrefix` is the sub-path the site was built for; links outside it count as broken.
 */
export function findBrokenLinks(siteDir: string, pathPrefix = "/", origin?: string): BrokenLink[] {
  const broken: BrokenLink[] = [];
  for (const page of listFiles(siteDir).filter((f) => f.endsWith(".html"))) {
    const root = readPage(siteDir, page);
    const pageUrl = new URL(`http://site.invalid${pathPrefix}${page}`);
    const urls = [
      ...root.querySelectorAll("a[href], link[href]").map((el) => el.getAttribute("href")!),
      ...root
        .querySelectorAll("img[src], script[src], source[src]")
        .map((el) => el.getAttribute("src")!),
      ...root.querySelectorAll("img[srcset], source[srcset]").flatMap((el) =>
        el
          .getAttribute("srcset")!
          .split(",")
          .map((part) => part.trim().split(/\s+/)[0]!),
      ),
    ];
    for (const raw of urls) {
      if (/^(mailto:|tel:|data:|#)/.test(raw)) continue;
      let target = raw;
      if (origin && raw.startsWith(origin)) target = raw.slice(origin.length);
      const resolved = new URL(target, pageUrl);
      if (resolved.origin !== "http://site.invalid") continue;
      if (!resolved.pathname.startsWith(pathPrefix)) {
        broken.push({ page, url: raw });
        continue;
      }
      const relative = resolved.pathname.slice(pathPrefix.length);
      if (!fileForUrl(siteDir, `/${relative}`)) broken.push({ page, url: raw });
    }
  }
  return broken;
}
