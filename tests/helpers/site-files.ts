import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse, type HTMLElement } from "node-html-parser";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { listFilesUnder } from "../../src/files/list-files.ts";

/** Every file under `dir`, as paths relative to it with forward slashes, sorted. */
export const listFiles = listFilesUnder;

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
 * With `origin` (the site's absolute URL without the prefix), every absolute URL on that origin in
 * pages, feeds, the sitemap and robots.txt (canonical links, og:image, JSON-LD, feed entries and
 * their content) is checked too.
 */
export function findBrokenLinks(siteDir: string, pathPrefix = "/", origin?: string): BrokenLink[] {
  const broken: BrokenLink[] = [];
  const seen = new Set<string>();
  const check = (page: string, raw: string) => {
    if (/^(mailto:|tel:|data:|#)/.test(raw)) return;
    let target = raw;
    if (origin && raw.startsWith(origin)) target = raw.slice(origin.length);
    const resolved = new URL(target, new URL(`http://site.invalid${pathPrefix}${page}`));
    if (resolved.origin !== "http://site.invalid") return;
    const ok =
      resolved.pathname.startsWith(pathPrefix) &&
      fileForUrl(siteDir, `/${resolved.pathname.slice(pathPrefix.length)}`) !== undefined;
    const key = `${page} ${raw}`;
    if (!ok && !seen.has(key)) {
      seen.add(key);
      broken.push({ page, url: raw });
    }
  };
  const files = listFiles(siteDir);
  for (const page of files.filter((f) => f.endsWith(".html"))) {
    const root = readPage(siteDir, page);
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
    for (const raw of urls) check(page, raw);
  }
  if (origin) {
    const escaped = origin.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const absolute = new RegExp(`${escaped}(?![\\w.:-])[^\\s"'<>&\\\\]*`, "g");
    const texts = files.filter(
      (f) => /\.(html|xml|json|txt)$/.test(f) && !f.startsWith("pagefind/"),
    );
    for (const file of texts) {
      for (const [raw] of readFileSync(path.join(siteDir, file), "utf8").matchAll(absolute)) {
        check(file, raw);
      }
    }
  }
  return broken;
}

/** An XML element as fast-xml-parser reads it: attributes as `@name`, text as `#text`. */
export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | number | boolean | XmlNode | XmlValue[];

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  parseAttributeValue: false,
  // Repeatable Atom and sitemap elements are always lists, however many there are.
  isArray: (name) => ["entry", "link", "category", "author", "url", "sitemap"].includes(name),
});

/** Parses XML after checking that it is well-formed; throws with the parser's line and reason. */
export function parseXml(xml: string): XmlNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new Error(`not well-formed XML: line ${valid.err.line}: ${valid.err.msg}`);
  }
  return xmlParser.parse(xml) as XmlNode;
}

function text(node: XmlValue | undefined): string | undefined {
  if (typeof node === "string") return node;
  if (node && typeof node === "object" && !Array.isArray(node)) {
    const inner = node["#text"];
    return typeof inner === "string" ? inner : undefined;
  }
  return undefined;
}

function list(node: XmlValue | undefined): XmlNode[] {
  if (node === undefined) return [];
  return (Array.isArray(node) ? node : [node]).filter(
    (item): item is XmlNode => typeof item === "object" && !Array.isArray(item),
  );
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * What an Atom document lacks of RFC 4287's required elements (plus `link rel="self"`, which
 * feed validators ask for): feed id, title, updated, author; per entry id, title, updated, an
 * alternate link, and content or a summary (RFC 4287 lets an entry that links to its page leave
 * out `<content>`; one without either shows a reader only its title). An empty `<content>` is
 * counted too. Empty for a valid feed.
 */
export function atomProblems(xml: string): string[] {
  const feed = parseXml(xml).feed as XmlNode | undefined;
  if (!feed) return ["no <feed> root element"];
  const problems: string[] = [];
  if (feed["@xmlns"] !== "http://www.w3.org/2005/Atom")
    problems.push("feed: not in the Atom namespace");
  for (const name of ["id", "title", "updated"]) {
    if (!text(feed[name])) problems.push(`feed: no <${name}>`);
  }
  if (!RFC3339.test(text(feed.updated) ?? "")) problems.push("feed: <updated> is not RFC 3339");
  if (!list(feed.link).some((link) => link["@rel"] === "self" && link["@href"])) {
    problems.push('feed: no <link rel="self">');
  }
  const entries = list(feed.entry);
  const feedHasAuthor = list(feed.author).some((author) => text(author.name));
  entries.forEach((entry, i) => {
    const where = `entry ${i + 1}`;
    for (const name of ["id", "title", "updated"]) {
      if (!text(entry[name])) problems.push(`${where}: no <${name}>`);
    }
    if (entry.content !== undefined && !text(entry.content)) {
      problems.push(`${where}: empty <content>`);
    } else if (entry.content === undefined && !text(entry.summary)) {
      problems.push(`${where}: no <content> and no <summary>`);
    }
    if (!RFC3339.test(text(entry.updated) ?? ""))
      problems.push(`${where}: <updated> is not RFC 3339`);
    const alternate = list(entry.link).find(
      (link) => (link["@rel"] ?? "alternate") === "alternate",
    );
    if (!alternate?.["@href"]) problems.push(`${where}: no alternate <link>`);
    if (!feedHasAuthor && !list(entry.author).some((author) => text(author.name))) {
      problems.push(`${where}: no <author> and none on the feed`);
    }
  });
  return problems;
}

/**
 * What a JSON Feed 1.1 document lacks: version, title, items; per item id, url, date_published
 * and content_html or content_text.
 */
export function jsonFeedProblems(json: string): string[] {
  const feed = JSON.parse(json) as Record<string, unknown>;
  const problems: string[] = [];
  if (feed.version !== "https://jsonfeed.org/version/1.1") problems.push("version is not 1.1");
  if (typeof feed.title !== "string" || !feed.title) problems.push("no title");
  if (!Array.isArray(feed.items)) return [...problems, "no items"];
  (feed.items as Array<Record<string, unknown>>).forEach((item, i) => {
    for (const name of ["id", "url", "date_published"]) {
      if (typeof item[name] !== "string" || !item[name]) problems.push(`item ${i + 1}: no ${name}`);
    }
    if (
      !["content_html", "content_text"].some((name) => typeof item[name] === "string" && item[name])
    ) {
      problems.push(`item ${i + 1}: no content_html or content_text`);
    }
    if (!RFC3339.test(String(item.date_published))) {
      problems.push(`item ${i + 1}: date_published is not RFC 3339`);
    }
  });
  return problems;
}
