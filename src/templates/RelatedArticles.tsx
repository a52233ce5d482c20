import type { RelatedArticle } from "../collections/related.ts";
import type { RenderContext } from "./context.ts";
import { DateTimeText } from "./ArticleMeta.tsx";
import { termKey } from "../collections/term-key.ts";
import { termNameText } from "./TermInsights.tsx";

/** Articles sharing the most distinctive people, topics and places, with what they share. */
export function RelatedArticles({
  ctx,
  related,
  sameNamed = new Set(),
}: {
  ctx: RenderContext;
  related: Array<Pick<RelatedArticle, "article" | "shared">>;
  /** The archive's `entities.sameNamed`: the shared names mix kinds, so these carry their kind. */
  sameNamed?: ReadonlySet<string>;
}) {
  if (related.length === 0) return null;
  return (
    <aside class="related" aria-labelledby="related-heading">
      <h2 id="related-heading">Related articles</h2>
      <ol>
        {related.map(({ article, shared }) => (
          <li key={article.url}>
            <a href={ctx.url(article.url)}>{article.title}</a>
            <p class="meta">
              <DateTimeText date={article.date} /> · shares{" "}
              {shared
                .map((term) => termNameText(term, sameNamed.has(termKey(term.kind, term.id))))
                .join(", ")}
            </p>
          </li>
        ))}
      </ol>
    </aside>
  );
}
