import type { ListPage } from "../collections/paginate.ts";
import type { Article } from "../content/article.ts";
import { createContext } from "../templates/context.ts";
import { Layout } from "../layout/Layout.tsx";
import { ArticleList } from "../templates/ArticleList.tsx";
import { ListPagination, pageSpan } from "../templates/Pagination.tsx";
import type { PaginatedData } from "../templates/page-data.ts";
import { outputPath } from "../files/output-path.ts";

type Data = PaginatedData<"homePage", ListPage<Article>>;

export const data = {
  pagination: { data: "archive.homePages", size: 1, alias: "homePage" },
  permalink: (data: Data) => outputPath(data.homePage.url),
};

/**
 * The front page (the newest articles and the archive's count) or a numbered page, counted from
 * the oldest, which reads nothing but its own articles, so that it stays the same as stories arrive.
 */
export function render({ archive, homePage }: Data) {
  const ctx = createContext(archive.site);
  const front = homePage.pageNumber === 0;
  const title = front ? "Latest" : `Latest, page ${homePage.pageNumber}`;
  return (
    <Layout ctx={ctx} title={title} path={homePage.url}>
      <h1>{front ? archive.site.title : title}</h1>
      <p class="lede">
        {front
          ? `${archive.articles.length} articles, newest first.`
          : `Articles ${pageSpan(homePage)}, newest first.`}
      </p>
      <ArticleList ctx={ctx} articles={homePage.items} />
      <ListPagination ctx={ctx} page={homePage} />
    </Layout>
  );
}
