import { Fragment } from "preact";
import { DateTime } from "luxon";
import type { TermPage } from "../collections/archive.ts";
import type { Article } from "../content/article.ts";
import { yearMonth } from "../content/dates.ts";
import { monthAnchor } from "../collections/entities.ts";
import { TERM_LABELS } from "../collections/archive.ts";
import { createContext } from "../templates/context.ts";
import { Layout } from "../layout/Layout.tsx";
import { ArticleList } from "../templates/ArticleList.tsx";
import { ListPagination, pageSpan } from "../templates/Pagination.tsx";
import type { BulkPageData } from "../templates/page-data.ts";
import type { Archive } from "../collections/archive.ts";
import { outputPath } from "../files/output-path.ts";
import { termFeedLink, termFeedPath } from "../feeds/feed-links.ts";
import { termKey } from "../collections/term-key.ts";
import { TermInsights } from "../templates/TermInsights.tsx";
import { Figure } from "../templates/Figure.tsx";

type Data = BulkPageData<"termPage", TermPage, ReturnType<typeof reads>>;

export const data = {
  pagination: { data: "archive.termPages", size: 1, alias: "termPage" },
  permalink: (data: Data) => outputPath(data.termPage.url),
};

/**
 * A page's articles under the month they appeared in: a timeline bar leads to the heading of its
 * month's first article (`termMonthUrls`), so the listing stands in for a page per month. A month
 * begun on the next newer page carries on under a heading of its own, without the anchor.
 */
function monthSections(termPage: TermPage) {
  const sections: Array<{
    key: string;
    year: string;
    month: string;
    label: string;
    continued: boolean;
    articles: Article[];
  }> = [];
  const previous = termPage.newerItem;
  for (const article of termPage.items) {
    const month = yearMonth(article.date);
    let section = sections[sections.length - 1];
    if (section?.key !== month.key) {
      const continued =
        sections.length === 0 &&
        previous !== undefined &&
        yearMonth(previous.date).key === month.key;
      section = {
        ...month,
        label: DateTime.fromObject({ year: article.date.year, month: article.date.month }).toFormat(
          "MMMM yyyy",
        ),
        continued,
        articles: [],
      };
      sections.push(section);
    }
    section.articles.push(article);
  }
  return sections;
}

/**
 * A term's front page (its newest articles, count, timeline and partners) or a numbered page of
 * its older articles, counted from the oldest, which reads nothing of the term's other articles
 * (see `TermPage`), so that it stays the same as the term gains articles.
 */
/**
 * What a term's page shows from the archive beside its own page of the list: on the front page,
 * the term's insights (timeline, partners); a numbered page, nothing.
 */
export function reads(archive: Archive, termPage: TermPage) {
  const { term } = termPage;
  return {
    insight: termPage.entry
      ? archive.entities.insights.get(termKey(term.kind, term.id))
      : undefined,
  };
}

export function render({ site, termPage, reads }: Data) {
  const ctx = createContext(site);
  const { term, entry } = termPage;
  const count = entry?.articles.length;
  const suffix = entry ? "" : `, page ${termPage.pageNumber}`;
  const span = pageSpan(termPage);
  const counted =
    count === undefined ? `Articles ${span}` : count === 1 ? "1 article" : `${count} articles`;
  return (
    <Layout
      ctx={ctx}
      title={`${term.name}${suffix}`}
      description={
        term.description ??
        (count === undefined
          ? `Articles about ${term.name} ${span}.`
          : `${count} articles about ${term.name}.`)
      }
      path={termPage.url}
      feeds={[termFeedLink(term, site)]}
    >
      <p class="kicker">
        <a href={ctx.url(`/${term.kind}/`)}>{TERM_LABELS[term.kind].plural}</a>
      </p>
      <h1>
        {term.name}
        {suffix}
      </h1>
      {term.photo ? <Figure ctx={ctx} image={term.photo} lead /> : null}
      {term.description ? <p class="description">{term.description}</p> : null}
      {term.aliases.length ? <p class="aliases">Also known as: {term.aliases.join(", ")}</p> : null}
      <p class="count">{counted}, newest first.</p>
      <p class="feed">
        <a href={ctx.url(termFeedPath(term))} type="application/atom+xml">
          Atom feed for {term.name}
        </a>
      </p>
      {entry && reads.insight ? (
        <TermInsights ctx={ctx} term={entry} insight={reads.insight} />
      ) : null}
      {monthSections(termPage).map((section) => (
        <Fragment key={section.key}>
          <h2 class="list-heading" id={section.continued ? undefined : monthAnchor(section)}>
            {section.label}
            {section.continued ? ", continued" : ""}
          </h2>
          <ArticleList ctx={ctx} articles={section.articles} />
        </Fragment>
      ))}
      {termPage.items.length === 0 ? <ArticleList ctx={ctx} articles={[]} /> : null}
      <ListPagination ctx={ctx} page={termPage} />
    </Layout>
  );
}
