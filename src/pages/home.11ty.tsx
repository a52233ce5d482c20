import type { ListPage } from "../collections/paginate.ts";
import type { Article } from "../content/article.ts";
import { createContext } from "../templates/context.ts";
import { Layout } from "../layout/Layout.tsx";
import { ArticleList } from "../templates/ArticleList.tsx";
import { ListPagination, pageSpan } from "../templates/Pagination.tsx";
import type { BulkPageData } from "../templates/page-data.ts";
import type { Archive } from "../collections/archive.ts";
import { outputPath } from "../files/output-path.ts";

type Data = BulkPageData<"homePage", ListPage<Article>, ReturnType<typeof reads>>;

export const data = {
  pagination: { data: "archive.homePages", size: 1, alias: "homePage" },
  permalink: (data: Data) => outputPath(data.homePage.url),
};

/**
 * The front page (the newest articles and the archive's count) or a numbered page, counted from
 * the oldest, which reads nothing but its own articles, so that it stays the same as stories arrive.
 */
/** What a page of the home list shows from the archive beside its articles: the front page, the count. */
export function reads(archive: Archive, homePage: ListPage<Article>) {
  return { count: homePage.pageNumber === 0 ? archive.articles.length : undefined };
}

export function render({ site, homePage, reads }: Data) {
  const ctx = createContext(site);
  const front = homePage.pageNumber === 0;
  const title = front ? "Latest" : `Latest, page ${homePage.pageNumber}`;
  return (
    <Layout ctx={ctx} title={title} path={homePage.url}>
      <h1>{front ? site.title : title}</h1>
      <p class="lede">
        {front
          ? `${reads.count} articles, newest first.`
          : `Articles ${pageSpan(homePage)}, newest first.`}
      </p>
      <ArticleList ctx={ctx} articles={homePage.items} />
      <ListPagination ctx={ctx} page={homePage} />
    </Layout>
  );
}
