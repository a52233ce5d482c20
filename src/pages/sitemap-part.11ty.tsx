import { renderUrlset, sitemapPartPath, sitemapParts, type SitemapEntry } from "../seo/sitemap.ts";
import type { PageData, PaginatedData } from "../templates/page-data.ts";

interface SitemapPart {
  partNumber: number;
  entries: SitemapEntry[];
}

type Data = PaginatedData<"part", SitemapPart>;

export const data = {
  pagination: {
    data: "archive.articles",
    size: 1,
    alias: "part",
    // Part files exist only when one sitemap cannot hold every URL; otherwise there are none.
    before: (_articles: unknown, data: PageData): SitemapPart[] => {
      const parts = sitemapParts(data.archive);
      return parts.length > 1 ? parts.map((entries, i) => ({ partNumber: i + 1, entries })) : [];
    },
  },
  permalink: (data: Data) => sitemapPartPath(data.part.partNumber),
};

/** `/sitemap-N.xml`, listed by the sitemap index in `/sitemap.xml`. */
export function render({ part }: Data) {
  return renderUrlset(part.entries);
}
