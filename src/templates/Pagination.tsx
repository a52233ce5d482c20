import type { Page } from "../collections/paginate.ts";
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
