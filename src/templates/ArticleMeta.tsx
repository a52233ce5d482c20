import { Fragment, type ComponentChildren } from "preact";
import type { DateTime } from "luxon";
import { formatReadableDate, isoDate } from "../content/dates.ts";

/**
 * A date for people and for machines: `<time datetime="2024-11-13">13 November 2024</time>`. The
 * machine-readable form says what the text says, the day in the site's time zone, and no more: a
 * time of day and offset that no reader sees would be written on every story of every list and
 * related-articles box, tens of thousands of times; the JSON-LD keeps the article's exact instant.
 */
export function DateTimeText({ date }: { date: DateTime }) {
  return <time datetime={isoDate(date) || undefined}>{formatReadableDate(date)}</time>;
}

/**
 * Items of a byline or date line, separated by " · " in the text itself, so that copied text
 * reads "13 November 2024 · Brussels", not "13 November 2024Brussels". `unindexed` keeps the line
 * out of the search index's text (filters and metadata inside it still count): a result already
 * shows its date, and an excerpt should show the story's words, not its date line.
 */
export function MetaLine({
  items,
  unindexed = false,
}: {
  items: Array<ComponentChildren | null | undefined | false>;
  unindexed?: boolean;
}) {
  const present = items.filter((item) => item !== null && item !== undefined && item !== false);
  return (
    <p class="meta" data-pagefind-ignore={unindexed ? "index" : undefined}>
      {present.map((item, i) => (
        <Fragment key={i}>
          {i > 0 ? " · " : null}
          {item}
        </Fragment>
      ))}
    </p>
  );
}
