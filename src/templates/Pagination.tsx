import type { ListPage, Page } from "../collections/paginate.ts";
import { formatReadableDate } from "../content/dates.ts";
import type { Article } from "../content/article.ts";
import type { RenderContext } from "./context.ts";

/** Links to the next newer and older pages around the page's own label. */
function PageLinks(props: {
  ctx: RenderContext;
  newerUrl: string | undefined;
  olderUrl: string | undefined;
  label: string;
}) {
  const { ctx, newerUrl, olderUrl, label } = props;
  return (
    <nav class="pagination" aria-label="Pages">
      {newerUrl ? (
        <a href={ctx.url(newerUrl)} rel="prev">
          ← Newer
        </a>
      ) : null}
      <span>{label}</span>
      {olderUrl ? (
        <a href={ctx.url(olderUrl)} rel="next">
          Older →
        </a>
      ) : null}
    </nav>
  );
}

/** Previous/next links and "Page 2 of 5"; nothing when there is one page. */
export function Pagination({ ctx, page }: { ctx: RenderContext; page: Page<unknown> }) {
  if (page.totalPages <= 1) return null;
  return (
    <PageLinks
      ctx={ctx}
      newerUrl={page.previousUrl}
      olderUrl={page.nextUrl}
      label={`Page ${page.pageNumber} of ${page.totalPages}`}
    />
  );
}

/**
 * Newer/older links of a list paginated from the oldest (`paginateFromOldest`): no page count,
 * which would change every page as the list grows. Nothing when the list has one page.
 */
export function ListPagination({ ctx, page }: { ctx: RenderContext; page: ListPage<unknown> }) {
  if (!page.newerUrl && !page.olderUrl) return null;
  return (
    <PageLinks
      ctx={ctx}
      newerUrl={page.newerUrl}
      olderUrl={page.olderUrl}
      label={page.pageNumber === 0 ? "Latest" : `Page ${page.pageNumber}`}
    />
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
