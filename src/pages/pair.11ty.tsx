import type { PairPage } from "../collections/entities.ts";
import { termUrl } from "../collections/entities.ts";
import { termKey } from "../collections/term-key.ts";
import { createContext } from "../templates/context.ts";
import { Layout } from "../layout/Layout.tsx";
import { ArticleList } from "../templates/ArticleList.tsx";
import { TermName, termNameText } from "../templates/TermInsights.tsx";
import type { PaginatedData } from "../templates/page-data.ts";
import { outputPath } from "../files/output-path.ts";

type Data = PaginatedData<"pairPage", PairPage>;

/**
 * The newest articles two people, topics or places share; the older ones are in either term's
 * listing (and a search for both names).
 */
export const data = {
  pagination: { data: "archive.entities.pairPages", size: 1, alias: "pairPage" },
  permalink: (data: Data) => outputPath(data.pairPage.url),
};

export function render({ archive, pairPage }: Data) {
  const ctx = createContext(archive.site);
  const { a, b, articles } = pairPage.pair;
  // A pair can join two terms of one name ("United States", the place and the topic).
  const showA = archive.entities.sameNamed.has(termKey(a.kind, a.id));
  const showB = archive.entities.sameNamed.has(termKey(b.kind, b.id));
  const title = `${termNameText(a, showA)} and ${termNameText(b, showB)}`;
  const shown =
    pairPage.items.length < articles.length ? `; the newest ${pairPage.items.length}` : "";
  return (
    <Layout ctx={ctx} title={title} path={pairPage.url}>
      <p class="kicker">
        {/* A slash, not a middle dot, between the two: the dot marks a term's kind. */}
        <a href={ctx.url(termUrl(a))}>
          <TermName term={a} showKind={showA} />
        </a>{" "}
        /{" "}
        <a href={ctx.url(termUrl(b))}>
          <TermName term={b} showKind={showB} />
        </a>
      </p>
      <h1>
        <TermName term={a} showKind={showA} /> and <TermName term={b} showKind={showB} />
      </h1>
      <p class="count">{`${articles.length} articles name both${shown}, newest first.`}</p>
      <ArticleList ctx={ctx} articles={pairPage.items} />
    </Layout>
  );
}
