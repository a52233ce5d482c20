import type { Article } from "../content/article.ts";
import { yearMonth } from "../content/dates.ts";
import { archiveMonthUrl, TERM_LABELS } from "../collections/archive.ts";
import { TERM_KINDS, type TermKind } from "../registry/registry.ts";
import { createContext, type RenderContext } from "../templates/context.ts";
import { Layout } from "../templates/Layout.tsx";
import { Figure } from "../templates/Figure.tsx";
import { DateTimeText, MetaLine } from "../templates/ArticleMeta.tsx";
import { RawHtml } from "../templates/RawHtml.tsx";
import { RelatedArticles } from "../templates/RelatedArticles.tsx";
import { leadImagePath } from "../templates/lead-image.ts";
import { outputPath, type PaginatedData } from "../templates/page-data.ts";
import { articleSocial } from "../seo/open-graph.ts";
import { newsArticleJsonLd } from "../seo/json-ld.ts";
import { JsonLdScript } from "../seo/SeoHead.tsx";

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
            {term.aliases.length ? (
              // Pagefind indexes `hidden` text, so any name of a tagged person or topic finds the
              // article, while readers, who already see the name, are not shown it twice.
              <span hidden>{` (${term.aliases.join(", ")})`}</span>
            ) : null}
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
      social={articleSocial(article, ctx)}
      head={<JsonLdScript data={newsArticleJsonLd(article, ctx)} />}
      scripts={["/assets/js/highlight.js"]}
    >
      <article
        class="article"
        data-pagefind-body
        data-pagefind-filter={`year:${yearMonth(article.date).year}`}
        data-pagefind-sort={`date:${article.date.toUTC().toISO()}`}
        data-pagefind-meta={`date:${article.date.toISODate()}`}
      >
        <header>
          <h1 data-pagefind-meta="title">{article.title}</h1>
          {article.dek ? <p class="dek">{article.dek}</p> : null}
          <MetaLine
            items={[
              article.byline ? <span class="byline">By {article.byline}</span> : null,
              <span class="date">
                <a href={ctx.url(archiveMonthUrl(article.date))}>
                  <DateTimeText date={article.date} />
                </a>
              </span>,
              article.updated ? (
                <span class="updated">
                  Updated <DateTimeText date={article.updated} />
                </span>
              ) : null,
              article.dateline ? <span class="dateline">{article.dateline}</span> : null,
              article.source ? (
                <span class="source">
                  Source: <span data-pagefind-filter="source">{article.source}</span>
                </span>
              ) : null,
              article.canonical ? (
                <span class="original">
                  <a href={article.canonical} rel="nofollow noopener noreferrer">
                    Original at {hostOf(article.canonical)}
                  </a>
                </span>
              ) : null,
            ]}
          />
        </header>
        {leadImagePath(article, "thumbnail") ? (
          <span
            hidden
            data-pagefind-meta={`image:${ctx.url(leadImagePath(article, "thumbnail")!)}`}
          />
        ) : null}
        {article.images.map((image, i) => (
          <Figure key={i} ctx={ctx} image={image} lead={i === leadIndex} />
        ))}
        <RawHtml className="body" html={article.html} />
        <section class="article-terms" aria-label="Tagged">
          {TERM_KINDS.map((kind) => (
            <TermLinks key={kind} ctx={ctx} article={article} kind={kind} />
          ))}
        </section>
      </article>
      <RelatedArticles
        ctx={ctx}
        related={archive.entities.related.get(article) ?? []}
        sameNamed={archive.entities.sameNamed}
      />
    </Layout>
  );
}

/** The host of a story's original address, without `www.`, as the link's text. */
function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, "");
}
