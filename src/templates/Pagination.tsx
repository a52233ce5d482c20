import type { ListPage, Page } from "../collections/paginate.ts";
import { formatReadableDate } from "../content/dates.ts";
import type { Article } from "../content/article.ts";
import type { RenderContext } from "./context.ts";

/** Previous/next links and "Page 2 of 5"; nothing when there is one page. */
export function Pagination({ ctx, page }: { ctx: RenderContext; page: Page<unknown> }) {
  if (page.totalPages <= 1) return null;
  return (
    <nav class="pagination" aria-label="Pages">
      {page.previousUrl ? (
        <a href={ctx.url(page.previousUrl)} rel="prev">
          ← Newer
        </a>
      ) : null}
      <span>
        Page {page.pageNumber} of {page.totalPages}
      </span>
      {page.nextUrl ? (
        <a href={ctx.url(page.nextUrl)} rel="next">
          Older →
        </a>
      ) : null}
    </nav>
  );
}

/**
 * Newer/older links of a list paginated from the oldest (`paginateFromOldest`): no page count,
 * which would change every page as the list grows. Nothing when the list has one page.
 */
export function ListPagination({ ctx, page }: { ctx: RenderContext; page: ListPage<unknown> }) {
  if (!page.newerUrl && !page.olderUrl) return null;
  return (
    <nav class="pagination" aria-label="Pages">
      {page.newerUrl ? (
        <a href={ctx.url(page.newerUrl)} rel="prev">
          ← Newer
        </a>
      ) : null}
      <span>{page.pageNumber === 0 ? "Latest" : `Page ${page.pageNumber}`}</span>
      {page.olderUrl ? (
        <a href={ctx.url(page.olderUrl)} rel="next">
          Older →
        </a>
      ) : null}
    </nav>
  );
}

/**
 * "from 2 March 1987 to 9 March 1987" (or "of 9 March 1987"): the days a numbered page of a list
 * covers, which stay as they are, unlike the list's count.
 */
export function pageSpan(page: ListPage<Article>): string {
  const newest = page.items[0];
  const oldest = page.items[page.items.length - 1];
  if (!newest || !oldest) return "";
  const from = formatReadableDate(oldest.date);
  const to = formatReadableDate(newest.date);
  return from === to ? `of ${from}` : `from ${from} to ${to}`;
}
