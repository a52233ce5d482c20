import type { DateTime } from "luxon";
import { formatReadableDate } from "../content/dates.ts";

/** A date for people and for machines: `<time datetime="2024-11-13T10:00:00+01:00">`. */
export function DateTimeText({ date }: { date: DateTime }) {
  return <time datetime={date.toISO() ?? undefined}>{formatReadableDate(date)}</time>;
}
