import type { Article } from "../content/article.ts";
import { yearMonth } from "../content/dates.ts";
import { archiveMonthUrl, TERM_LABELS } from "../collections/archive.ts";
import { TERM_KINDS, type TermKind } from "../registry/registry.ts";
import { createContext, type RenderContext } from "../templates/context.ts";
import { Layout } from "../layout/Layout.tsx";
import { Figure } from "../templates/Figure.tsx";
import { DateTimeText, MetaLine } from "../templates/ArticleMeta.tsx";
import { RawHtml } from "../templates/RawHtml.tsx";
import { RelatedArticles } from "../templates/RelatedArticles.tsx";
import { leadImagePath } from "../templates/lead-image.ts";
import type { BulkPageData } from "../templates/page-data.ts";
import type { Archive } from "../collections/archive.ts";
import { termKey } from "../collections/term-key.ts";
import { outputPath } from "../files/output-path.ts";
import { articleSocial } from "../seo/open-graph.ts";
import { newsArticleJsonLd } from "../seo/json-ld.ts";
import { JsonLdScript } from "../seo/SeoHead.tsx";

type Data = BulkPageData<"article", Article, ReturnType<typeof reads>>;

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

/**
 * Every name of the article's topics, people and places, aliases included, as one line of
 * search metadata. Pagefind searches metadata without making it part of the text its excerpts
 * are cut from, so `Trump` finds a story tagged Donald Trump while the excerpt still comes from
 * the story; and a metadata field counts once for a query, however many names in it match, so
 * the tag list weighs no more than one mention in the body.
 */
function termNames(article: Article): string {
  return TERM_KINDS.flatMap((kind) =>
    article[kind].flatMap((term) => [term.name, ...term.aliases]),
  ).join(", ");
}

/**
 * The article's own words that sit above its body (dek, captions and credits, as figures show
 * them), indexed after the body so that a story found through its title or tags alone gets an
 * excerpt from its first paragraph.
 */
function TextAfterBody({ article }: { article: Article }) {
  const texts = [
    article.dek,
    ...article.images.map((image) =>
      [image.caption, image.credit ? `Photo: ${image.credit}` : undefined]
        .filter(Boolean)
        .join(" "),
    ),
  ].filter((text): text is string => Boolean(text));
  if (texts.length === 0) return null;
  return (
    <div hidden>
      {texts.map((text, i) => (
        <p key={i}>{text}</p>
      ))}
    </div>
  );
}

/**
 * What an article's page shows from the archive beside the article: its related articles with
 * the terms each shares (not their scores, which move with the archive's size and would make
 * every page look changed), and which of those terms share a name with a term of another kind,
 * so carry their kind.
 */
export function reads(archive: Archive, article: Article) {
  const related = (archive.entities.related.get(article) ?? []).map(({ article, shared }) => ({
    article,
    shared,
  }));
  const sameNamed = new Set(
    related
      .flatMap(({ shared }) => shared.map((term) => termKey(term.kind, term.id)))
      .filter((key) => archive.entities.sameNamed.has(key)),
  );
  return { related, sameNamed };
}

export function render({ site, article, reads }: Data) {
  const ctx = createContext(site);
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
        {/* Pagefind's excerpts are cut from the text it indexes: the header stays out of it, so
            that excerpts show the story's words, not what a result shows above them. The title,
            byline and dateline are searched as metadata (the title counting most); the dek is
            indexed after the body. */}
        <header>
          <h1 data-pagefind-meta="title" data-pagefind-ignore="index">
            {article.title}
          </h1>
          {article.dek ? (
            <p class="dek" data-pagefind-ignore="index">
              {article.dek}
            </p>
          ) : null}
          <MetaLine
            unindexed
            items={[
              article.byline ? (
                <span class="byline" data-pagefind-meta={`byline:${article.byline}`}>
                  By {article.byline}
                </span>
              ) : null,
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
              article.dateline ? (
                <span class="dateline" data-pagefind-meta="dateline">
                  {article.dateline}
                </span>
              ) : null,
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
          <Figure key={i} ctx={ctx} image={image} lead={i === leadIndex} unindexed />
        ))}
        <RawHtml className="body" html={article.html} />
        <TextAfterBody article={article} />
        <section
          class="article-terms"
          aria-label="Tagged"
          data-pagefind-ignore="index"
          data-pagefind-meta={`tags:${termNames(article)}`}
        >
          {TERM_KINDS.map((kind) => (
            <TermLinks key={kind} ctx={ctx} article={article} kind={kind} />
          ))}
        </section>
      </article>
      <RelatedArticles ctx={ctx} related={reads.related} sameNamed={reads.sameNamed} />
    </Layout>
  );
}

/** The host of a story's original address, without `www.`, as the link's text. */
function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, "");
}
