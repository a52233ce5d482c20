import { DateTime } from "luxon";
import type { TermMonthPage } from "../collections/entities.ts";
import { termUrl } from "../collections/entities.ts";
import { createContext } from "../templates/context.ts";
import { Layout } from "../templates/Layout.tsx";
import { ArticleList } from "../templates/ArticleList.tsx";
import { Pagination } from "../templates/Pagination.tsx";
import { outputPath, type PaginatedData } from "../templates/page-data.ts";

type Data = PaginatedData<"termMonth", TermMonthPage>;

/** One month of one topic's, person's or place's articles: where a timeline bar leads. */
export const data = {
  pagination: { data: "archive.entities.termMonthPages", size: 1, alias: "termMonth" },
  permalink: (data: Data) => outputPath(data.termMonth.url),
};

export function render({ archive, termMonth }: Data) {
  const ctx = createContext(archive.site);
  const { term, month } = termMonth;
  const label = DateTime.fromObject({
    year: Number(month.year),
    month: Number(month.month),
  }).toFormat("MMMM yyyy");
  const suffix = termMonth.pageNumber > 1 ? `, page ${termMonth.pageNumber}` : "";
  return (
    <Layout ctx={ctx} title={`${term.name}, ${label}${suffix}`} path={termMonth.url}>
      <p class="kicker">
        <a href={ctx.url(termUrl(term))}>{term.name}</a>
      </p>
      <h1>
        {term.name}, {label}
        {suffix}
      </h1>
      <p class="count">
        {month.count === 1 ? "1 article" : `${month.count} articles`} in {label}, newest first.
      </p>
      <ArticleList ctx={ctx} articles={termMonth.items} />
      <Pagination ctx={ctx} page={termMonth} />
    </Layout>
  );
}
