import { renderToString } from "preact-render-to-string";
import type { Article } from "../content/article.ts";
import type { RenderContext } from "./context.ts";
import { DateTimeText } from "./ArticleMeta.tsx";
import { Picture } from "./Picture.tsx";
import { pictureOf } from "../images/attached-pictures.ts";

/** Thumbnails are shown 8rem wide at most (see `.thumbnail` in site.css). */
const THUMBNAIL_SIZES = "8rem";

/** One article's summary: headline link, date, dateline, excerpt and lead photo thumbnail. */
function ArticleSummary({ ctx, article }: { ctx: RenderContext; article: Article }) {
  return (
    <article class={article.lead ? "article-summary with-thumbnail" : "article-summary"}>
      <h2>
        <a href={ctx.url(article.url)}>{article.title}</a>
      </h2>
      <p class="meta">
        <DateTimeText date={article.date} />
        {article.dateline ? <span> · {article.dateline}</span> : null}
      </p>
      {article.excerpt ? <p class="excerpt">{article.excerpt}</p> : null}
      {article.lead ? (
        // Decorative: the headline beside it says what the story is; the article page
        // gives the photo its description.
        <Picture
          ctx={ctx}
          picture={pictureOf(article.lead)}
          alt=""
          sizes={THUMBNAIL_SIZES}
          class="thumbnail"
        />
      ) : null}
    </article>
  );
}

/**
 * Summaries as HTML, per site settings and article object. An article is listed on a dozen pages
 * (home, month, each of its terms, term months, pairs); its summary is rendered once. An edited
 * article is a new object, so it is rendered afresh.
 */
const summaries = new WeakMap<RenderContext["site"], WeakMap<Article, string>>();

function summaryHtml(ctx: RenderContext, article: Article): string {
  let bySite = summaries.get(ctx.site);
  if (!bySite) summaries.set(ctx.site, (bySite = new WeakMap()));
  let html = bySite.get(article);
  if (html === undefined) {
    html = renderToString(<ArticleSummary ctx={ctx} article={article} />);
    bySite.set(article, html);
  }
  return html;
}

/** A list of article summaries. */
export function ArticleList({ ctx, articles }: { ctx: RenderContext; articles: Article[] }) {
  if (articles.length === 0) return <p class="empty">No articles yet.</p>;
  return (
    <ol class="article-list">
      {articles.map((article) => (
        <li key={article.url} dangerouslySetInnerHTML={{ __html: summaryHtml(ctx, article) }} />
      ))}
    </ol>
  );
}
