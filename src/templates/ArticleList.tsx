import type { Article } from "../content/article.ts";
import type { RenderContext } from "./context.ts";
import { DateTimeText } from "./ArticleMeta.tsx";

/** A list of article summaries: headline link, date, dateline and excerpt. */
export function ArticleList({ ctx, articles }: { ctx: RenderContext; articles: Article[] }) {
  if (articles.length === 0) return <p class="empty">No articles yet.</p>;
  return (
    <ol class="article-list">
      {articles.map((article) => (
        <li key={article.url}>
          <article class="article-summary">
            <h2>
              <a href={ctx.url(article.url)}>{article.title}</a>
            </h2>
            <p class="meta">
              <DateTimeText date={article.date} />
              {article.dateline ? <span> · {article.dateline}</span> : null}
            </p>
            {article.excerpt ? <p class="excerpt">{article.excerpt}</p> : null}
          </article>
        </li>
      ))}
    </ol>
  );
}
