import type { Page } from "../collections/paginate.ts";
import type { Article } from "../content/article.ts";
import { createContext } from "../templates/context.ts";
import { Layout } from "../templates/Layout.tsx";
import { ArticleList } from "../templates/ArticleList.tsx";
import { Pagination } from "../templates/Pagination.tsx";
import { outputPath, type PaginatedData } from "../templates/page-data.ts";

type Data = PaginatedData<"homePage", Page<Article>>;

export const data = {
  pagination: { data: "archive.homePages", size: 1, alias: "homePage" },
  permalink: (data: Data) => outputPath(data.homePage.url),
};

export function render({ archive, homePage }: Data) {
  const ctx = createContext(archive.site);
  const title = homePage.pageNumber === 1 ? "Latest" : `Latest, page ${homePage.pageNumber}`;
  return (
    <Layout ctx={ctx} title={title} path={homePage.url}>
      <h1>{homePage.pageNumber === 1 ? archive.site.title : title}</h1>
      <p class="lede">{archive.articles.length} articles, newest first.</p>
      <ArticleList ctx={ctx} articles={homePage.items} />
      <Pagination ctx={ctx} page={homePage} />
    </Layout>
  );
}
