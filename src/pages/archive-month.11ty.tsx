import type { MonthPage } from "../collections/archive.ts";
import { createContext } from "../templates/context.ts";
import { Layout } from "../layout/Layout.tsx";
import { ArticleList } from "../templates/ArticleList.tsx";
import { Pagination } from "../templates/Pagination.tsx";
import type { BulkPageData } from "../templates/page-data.ts";
import { outputPath } from "../files/output-path.ts";

type Data = BulkPageData<"monthPage", MonthPage, ReturnType<typeof reads>>;

export const data = {
  pagination: { data: "archive.monthPages", size: 1, alias: "monthPage" },
  permalink: (data: Data) => outputPath(data.monthPage.url),
};

/** `/archive/2024/11/` (and `/archive/2024/11/page/2/`…): the month's articles, newest first. */
/** A month's page shows nothing from the archive beside its own page of the month's list. */
export function reads() {
  return null;
}

export function render({ site, monthPage }: Data) {
  const ctx = createContext(site);
  const { month } = monthPage;
  const count = month.articles.length;
  const suffix = monthPage.pageNumber > 1 ? `, page ${monthPage.pageNumber}` : "";
  return (
    <Layout
      ctx={ctx}
      title={`${month.label}${suffix}`}
      description={`${count} articles from ${month.label}.`}
      path={monthPage.url}
    >
      <p class="kicker">
        <a href={ctx.url("/archive/")}>Archive</a> ›{" "}
        <a href={ctx.url(`/archive/${month.year}/`)}>{month.year}</a>
      </p>
      <h1>
        {month.label}
        {suffix}
      </h1>
      <p class="count">{count === 1 ? "1 article" : `${count} articles`}, newest first.</p>
      <ArticleList ctx={ctx} articles={monthPage.items} />
      <Pagination ctx={ctx} page={monthPage} />
    </Layout>
  );
}
