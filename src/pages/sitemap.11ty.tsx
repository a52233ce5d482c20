import {
  renderSitemapIndex,
  renderUrlset,
  sitemapPartPath,
  sitemapParts,
  type SitemapEntry,
} from "../seo/sitemap.ts";
import { createContext } from "../templates/context.ts";
import type { PageData } from "../templates/page-data.ts";

export const data = { permalink: "/sitemap.xml" };

function newest(entries: readonly SitemapEntry[]): string | undefined {
  return entries.reduce<string | undefined>(
    (max, { lastmod }) => (lastmod && (!max || lastmod > max) ? lastmod : max),
    undefined,
  );
}

/** `/sitemap.xml`: every page with its last change; an index of part files past 50,000 URLs. */
export function render({ archive }: PageData) {
  const parts = sitemapParts(archive);
  if (parts.length === 1) return renderUrlset(parts[0]!);
  const ctx = createContext(archive.site);
  return renderSitemapIndex(
    parts.map((part, i) => ({
      loc: ctx.absoluteUrl(sitemapPartPath(i + 1)),
      lastmod: newest(part),
    })),
  );
}
