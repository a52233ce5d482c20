import type { Archive } from "../collections/archive.ts";
import type { Article } from "../content/article.ts";
import { rfc3339 } from "../feeds/feed-date.ts";
import { xmlElement } from "../feeds/xml.ts";
import { TERM_KINDS } from "../registry/registry.ts";
import { createContext } from "../templates/context.ts";

export interface SitemapEntry {
  /** Absolute URL. */
  loc: string;
  /** When the page's content last changed, RFC 3339; left out when unknown. */
  lastmod?: string;
}

/** One sitemap file may list at most 50,000 URLs. @see https://www.sitemaps.org/protocol.html */
export const SITEMAP_URL_LIMIT = 50_000;

/**
 * The newest publication or update among `articles` (newest first, as every list of the archive
 * is), the time a list of them last changed. Only updates need looking for: the first article
 * is the newest publication.
 */
function lastChanged(articles: readonly Article[], latestUpdate: number): string | undefined {
  let newest = articles[0]?.date;
  if (!newest) return undefined;
  // No update anywhere in the archive is newer than this list's newest article: nothing to look
  // for (the common case, and every list of an archive without updates).
  if (latestUpdate <= newest.toMillis()) return rfc3339(newest);
  for (const article of articles) {
    if (article.updated && article.updated.toMillis() > newest.toMillis()) newest = article.updated;
  }
  return rfc3339(newest);
}

const cache = new WeakMap<Archive, SitemapEntry[]>();

/**
 * Every page worth crawling: home, indexes, each topic, person and place, the date archive and
 * every article. Later pages of a list are left out: every article they lead to is listed itself.
 * The search and not-found pages have nothing to index.
 */
export function sitemapEntries(archive: Archive): SitemapEntry[] {
  const cached = cache.get(archive);
  if (cached) return cached;
  const ctx = createContext(archive.site);
  let latestUpdate = -Infinity;
  for (const article of archive.articles) {
    if (article.updated) latestUpdate = Math.max(latestUpdate, article.updated.toMillis());
  }
  const entry = (path: string, articles: readonly Article[]): SitemapEntry => ({
    loc: ctx.absoluteUrl(path),
    lastmod: lastChanged(articles, latestUpdate),
  });
  const entries = [
    entry("/", archive.articles),
    ...TERM_KINDS.flatMap((kind) => [
      entry(`/${kind}/`, archive.articles),
      ...archive.terms[kind].map((term) => entry(term.url, term.articles)),
    ]),
    entry("/archive/", archive.articles),
    ...archive.years.flatMap((year) => [
      entry(
        year.url,
        year.months.flatMap((month) => month.articles),
      ),
      ...year.months.map((month) => entry(month.url, month.articles)),
    ]),
    ...archive.articles.map((article) => entry(article.url, [article])),
  ];
  cache.set(archive, entries);
  return entries;
}

/** The entries in files of at most SITEMAP_URL_LIMIT; one file for all but the largest archives. */
export function sitemapParts(archive: Archive): SitemapEntry[][] {
  const entries = sitemapEntries(archive);
  const parts: SitemapEntry[][] = [];
  for (let i = 0; i < entries.length; i += SITEMAP_URL_LIMIT) {
    parts.push(entries.slice(i, i + SITEMAP_URL_LIMIT));
  }
  return parts;
}

/** `/sitemap-2.xml`: where part 2 goes when the archive needs more than one sitemap file. */
export function sitemapPartPath(partNumber: number): string {
  return `/sitemap-${partNumber}.xml`;
}

const XML_DECLARATION = `<?xml version="1.0" encoding="utf-8"?>`;
const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";

export function renderUrlset(entries: readonly SitemapEntry[]): string {
  return renderSitemapXml("urlset", "url", entries);
}

/** A sitemap index listing the part files; `entries` are the parts' absolute URLs. */
export function renderSitemapIndex(entries: readonly SitemapEntry[]): string {
  return renderSitemapXml("sitemapindex", "sitemap", entries);
}

function renderSitemapXml(root: string, item: string, entries: readonly SitemapEntry[]): string {
  const items = entries.map(
    ({ loc, lastmod }) =>
      `  <${item}>${xmlElement("loc", {}, loc)}${lastmod ? xmlElement("lastmod", {}, lastmod) : ""}</${item}>`,
  );
  return [XML_DECLARATION, `<${root} xmlns="${SITEMAP_NS}">`, ...items, `</${root}>`, ""].join(
    "\n",
  );
}

/** `robots.txt`: everything may be crawled; the sitemap says what there is. */
export function renderRobotsTxt(sitemapUrl: string): string {
  return ["User-agent: *", "Disallow:", "", `Sitemap: ${sitemapUrl}`, ""].join("\n");
}
