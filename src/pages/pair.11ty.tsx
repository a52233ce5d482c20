import type { PairPage } from "../collections/entities.ts";
import { termUrl } from "../collections/entities.ts";
import { createContext } from "../templates/context.ts";
import { Layout } from "../templates/Layout.tsx";
import { ArticleList } from "../templates/ArticleList.tsx";
import { Pagination } from "../templates/Pagination.tsx";
import { outputPath, type PaginatedData } from "../templates/page-data.ts";

type Data = PaginatedData<"pairPage", PairPage>;

/** The articles two people, topics or places share. */
export const data = {
  pagination: { data: "archive.entities.pairPages", size: 1, alias: "pairPage" },
  permalink: (data: Data) => outputPath(data.pairPage.url),
};

export function render({ archive, pairPage }: Data) {
  const ctx = createContext(archive.site);
  const { a, b, articles } = pairPage.pair;
  const suffix = pairPage.pageNumber > 1 ? `, page ${pairPage.pageNumber}` : "";
  return (
    <Layout ctx={ctx} title={`${a.name} and ${b.name}${suffix}`} path={pairPage.url}>
      <p class="kicker">
        <a href={ctx.url(termUrl(a))}>{a.name}</a> · <a href={ctx.url(termUrl(b))}>{b.name}</a>
      </p>
      <h1>
        {a.name} and {b.name}
        {suffix}
      </h1>
      <p class="count">{articles.length} articles name both, newest first.</p>
      <ArticleList ctx={ctx} articles={pairPage.items} />
      <Pagination ctx={ctx} page={pairPage} />
    </Layout>
  );
}
