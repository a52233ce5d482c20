import { TERM_LABELS, type TermEntry } from "../collections/archive.ts";
import type { TermInsight } from "../collections/entities.ts";
import type { RenderContext } from "./context.ts";
import { DateTimeText } from "./ArticleMeta.tsx";
import { TimelineChart } from "./TimelineChart.tsx";
import type { Term } from "../registry/registry.ts";

const articles = (n: number) => (n === 1 ? "1 article" : `${n} articles`);

/** "place", "person", "topic": how a term's kind reads after its name. */
const kindWord = (term: Pick<Term, "kind">) => TERM_LABELS[term.kind].singular.toLowerCase();

/**
 * A term's name as text, with its kind when another kind uses the same name ("United States ·
 * place"), for page titles; `showKind` comes from the archive's `entities.sameNamed`.
 */
export function termNameText(term: Pick<Term, "kind" | "name">, showKind: boolean): string {
  return showKind ? `${term.name} · ${kindWord(term)}` : term.name;
}

/**
 * A term's name in a list or heading that mixes kinds: "United States · place" and "United States
 * · topic" are two entries, not one listed twice. The kind is part of the text, so a link's
 * accessible name tells the two apart too.
 */
export function TermName({
  term,
  showKind,
}: {
  term: Pick<Term, "kind" | "name">;
  showKind: boolean;
}) {
  return showKind ? (
    <>
      {term.name}
      <span class="term-kind"> · {kindWord(term)}</span>
    </>
  ) : (
    <>{term.name}</>
  );
}

/** Coverage over time and the people, topics and places that appear with a term. */
export function TermInsights({
  ctx,
  term,
  insight,
}: {
  ctx: RenderContext;
  term: TermEntry;
  insight: TermInsight;
}) {
  const { timeline, monthUrls, coTerms } = insight;
  return (
    <section class="term-insights" aria-labelledby="coverage">
      <h2 id="coverage">Coverage</h2>
      {timeline.first && timeline.last ? (
        <p class="span">
          First appears <DateTimeText date={timeline.first.date} />, last{" "}
          <DateTimeText date={timeline.last.date} />.
        </p>
      ) : null}
      <TimelineChart
        label={`Articles about ${term.name} per month`}
        months={timeline.months}
        monthUrl={(month) => ctx.url(monthUrls.get(month.key)!)}
      />
      {coTerms.length ? (
        <>
          <h2 id="appears-with">Often appears with</h2>
          <ul class="co-terms">
            {coTerms.map((co) => (
              <li key={`${co.term.kind}:${co.term.id}`}>
                <a href={ctx.url(co.url)}>
                  <TermName term={co.term} showKind={co.showKind} />
                </a>{" "}
                {co.pairUrl ? (
                  <a class="count" href={ctx.url(co.pairUrl)}>
                    ({articles(co.count)} together)
                  </a>
                ) : (
                  <span class="count">({articles(co.count)} together)</span>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
