import type { Article } from "../content/article.ts";
import { TERM_LABELS } from "../collections/archive.ts";
import { TERM_KINDS, type TermKind } from "../registry/registry.ts";
import { createContext, type RenderContext } from "../templates/context.ts";
import { Layout } from "../templates/Layout.tsx";
import { Figure } from "../templates/Figure.tsx";
import { DateTimeText } from "../templates/ArticleMeta.tsx";
import { RawHtml } from "../templates/RawHtml.tsx";
import { leadImagePath } from "../templates/lead-image.ts";
import { outputPath, type PaginatedData } from "../templates/page-data.ts";

type Data = PaginatedData<"article", Article>;

export const data = {
  pagination: { data: "archive.articles", size: 1, alias: "article" },
  permalink: (data: Data) => outputPath(data.article.url),
};

/** Search filter names, singular as readers say them. */
const FILTER: Record<TermKind, string> = { topics: "topic", people: "person", places: "place" };

function TermLinks({
  ctx,
  article,
  kind,
}: {
  ctx: RenderContext;
  article: Article;
  kind: TermKind;
}) {
  const terms = article[kind];
  if (terms.length === 0) return null;
  return (
    <div class="terms">
      <h2>{TERM_LABELS[kind].plural}</h2>
      <ul>
        {terms.map((term) => (
          <li key={term.id}>
            <a href={ctx.url(`/${kind}/${term.id}/`)} data-pagefind-filter={FILTER[kind]}>
              {term.name}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function render({ archive, article }: Data) {
  const ctx = createContext(archive.site);
  const leadIndex = article.images.findIndex((image) => image.src);
  return (
    <Layout
      ctx={ctx}
      title={article.title}
      description={article.excerpt}
      path={article.url}
      scripts={["/assets/js/highlight.js"]}
    >
      <article
        class="article"
        data-pagefind-body
        data-pagefind-filter={`year:${article.date.toFormat("yyyy")}`}
        data-pagefind-sort={`date:${article.date.toUTC().toISO()}`}
        data-pagefind-meta={`date:${article.date.toISODate()}`}
      >
        <header>
          <h1 data-pagefind-meta="title">{article.title}</h1>
          {article.dek ? <p class="dek">{article.dek}</p> : null}
          <p class="meta">
            {article.byline ? <span class="byline">By {article.byline}</span> : null}
            <DateTimeText date={article.date} />
            {article.updated ? (
              <span class="updated">
                Updated <DateTimeText date={article.updated} />
              </span>
            ) : null}
            {article.dateline ? <span class="dateline">{article.dateline}</span> : null}
            {article.source ? (
              <span class="source">
                Source: <span data-pagefind-filter="source">{article.source}</span>
              </span>
            ) : null}
          </p>
        </header>
        {leadImagePath(article) ? (
          <span hidden data-pagefind-meta={`image:${ctx.url(leadImagePath(article)!)}`} />
        ) : null}
        {article.images.map((image, i) => (
          <Figure key={i} ctx={ctx} image={image} lead={i === leadIndex} />
        ))}
        <RawHtml className="body" html={article.html} />
        <footer class="article-terms">
          {TERM_KINDS.map((kind) => (
            <TermLinks key={kind} ctx={ctx} article={article} kind={kind} />
          ))}
        </footer>
      </article>
    </Layout>
  );
}
