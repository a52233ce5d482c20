import type { TermPage } from "../collections/archive.ts";
import { TERM_LABELS } from "../collections/archive.ts";
import { createContext } from "../templates/context.ts";
import { Layout } from "../templates/Layout.tsx";
import { ArticleList } from "../templates/ArticleList.tsx";
import { Pagination } from "../templates/Pagination.tsx";
import { outputPath, type PaginatedData } from "../templates/page-data.ts";
import { termFeedLink, termFeedPath } from "../feeds/feed-links.ts";
import { termKey } from "../collections/term-key.ts";
import { TermInsights } from "../templates/TermInsights.tsx";
import { Figure } from "../templates/Figure.tsx";

type Data = PaginatedData<"termPage", TermPage>;

export const data = {
  pagination: { data: "archive.termPages", size: 1, alias: "termPage" },
  permalink: (data: Data) => outputPath(data.termPage.url),
};

export function render({ archive, termPage }: Data) {
  const ctx = createContext(archive.site);
  const { term } = termPage;
  const count = term.articles.length;
  const suffix = termPage.pageNumber > 1 ? `, page ${termPage.pageNumber}` : "";
  return (
    <Layout
      ctx={ctx}
      title={`${term.name}${suffix}`}
      description={term.description ?? `${count} articles about ${term.name}.`}
      path={termPage.url}
      feeds={[termFeedLink(term, archive.site)]}
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
      <p class="count">{count === 1 ? "1 article" : `${count} articles`}, newest first.</p>
      <p class="feed">
        <a href={ctx.url(termFeedPath(term))} type="application/atom+xml">
          Atom feed for {term.name}
        </a>
      </p>
      {termPage.pageNumber === 1 ? (
        <TermInsights
          ctx={ctx}
          term={term}
          insight={archive.entities.insights.get(termKey(term.kind, term.id))!}
        />
      ) : null}
      <h2 class="list-heading">Articles</h2>
      <ArticleList ctx={ctx} articles={termPage.items} />
      <Pagination ctx={ctx} page={termPage} />
    </Layout>
  );
}
