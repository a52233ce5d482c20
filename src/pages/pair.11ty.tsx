import type { PairPage } from "../collections/entities.ts";
import { termUrl } from "../collections/entities.ts";
import { termKey } from "../collections/term-key.ts";
import { createContext } from "../templates/context.ts";
import { Layout } from "../layout/Layout.tsx";
import { ArticleList } from "../templates/ArticleList.tsx";
import { TermName, termNameText } from "../templates/TermInsights.tsx";
import type { BulkPageData } from "../templates/page-data.ts";
import type { Archive } from "../collections/archive.ts";
import { outputPath } from "../files/output-path.ts";

type Data = BulkPageData<"pairPage", PairPage, ReturnType<typeof reads>>;

/**
 * The newest articles two people, topics or places share; the older ones are in either term's
 * listing (and a search for both names).
 */
export const data = {
  pagination: { data: "archive.entities.pairPages", size: 1, alias: "pairPage" },
  permalink: (data: Data) => outputPath(data.pairPage.url),
};

/**
 * What a pair's page shows from the archive beside the pair: whether each term shares its name
 * with a term of another kind ("United States", the place and the topic), so carries its kind.
 */
export function reads(archive: Archive, pairPage: PairPage) {
  const { a, b } = pairPage.pair;
  return {
    showA: archive.entities.sameNamed.has(termKey(a.kind, a.id)),
    showB: archive.entities.sameNamed.has(termKey(b.kind, b.id)),
  };
}

export function render({ site, pairPage, reads }: Data) {
  const ctx = createContext(site);
  const { a, b, articles } = pairPage.pair;
  const { showA, showB } = reads;
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
