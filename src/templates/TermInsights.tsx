import type { TermEntry } from "../collections/archive.ts";
import { termMonthUrl, type TermInsight } from "../collections/entities.ts";
import type { RenderContext } from "./context.ts";
import { DateTimeText } from "./ArticleMeta.tsx";
import { TimelineChart } from "./TimelineChart.tsx";

const articles = (n: number) => (n === 1 ? "1 article" : `${n} articles`);

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
  const { timeline, coTerms } = insight;
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
        monthUrl={(month) => ctx.url(termMonthUrl(term, month))}
      />
      {coTerms.length ? (
        <>
          <h2 id="appears-with">Often appears with</h2>
          <ul class="co-terms">
            {coTerms.map((co) => (
              <li key={`${co.term.kind}:${co.term.id}`}>
                <a href={ctx.url(co.url)}>{co.term.name}</a>{" "}
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
