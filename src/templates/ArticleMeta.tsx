import { Fragment, type ComponentChildren } from "preact";
import type { DateTime } from "luxon";
import { formatReadableDate, isoDateTime } from "../content/dates.ts";

/** A date for people and for machines: `<time datetime="2024-11-13T10:00:00+01:00">`. */
export function DateTimeText({ date }: { date: DateTime }) {
  return <time datetime={isoDateTime(date) || undefined}>{formatReadableDate(date)}</time>;
}

/**
 * Items of a byline or date line, separated by " · " in the text itself, so that copied text and
 * the search index read "13 November 2024 · Brussels", not "13 November 2024Brussels".
 */
export function MetaLine({
  items,
}: {
  items: Array<ComponentChildren | null | undefined | false>;
}) {
  const present = items.filter((item) => item !== null && item !== undefined && item !== false);
  return (
    <p class="meta">
      {present.map((item, i) => (
        <Fragment key={i}>
          {i > 0 ? " · " : null}
          {item}
        </Fragment>
      ))}
    </p>
  );
}
