import type { DateTime } from "luxon";
import { parseArticleDate } from "../content/dates.ts";
import { quote } from "./quote.ts";
import type { DateSource, Story, WrittenDateSource } from "./types.ts";

/** The earliest year an imported date may have; an earlier one is a misread, not a story. */
export const EARLIEST_YEAR = 1600;

export interface DateSettings {
  /** `--date`, already checked: the date of stories whose input gives none. */
  fallback?: string;
  /** The day of the import, `YYYY-MM-DD` in `timeZone`: a later date is refused. */
  today: string;
  timeZone: string;
}

export type SettledDate =
  | { ok: true; date: string; source: DateSource }
  | { ok: false; status: "undated" | "refused"; reason: string };

const WHERE: Record<WrittenDateSource, string> = {
  dateline: "its dateline",
  "first-line": "the date line at its top",
  caption: "its photo caption",
  metadata: "its metadata",
};

/** Why `date` cannot be a publication date, or undefined when it can. */
export function implausibleDate(date: DateTime, today: string): string | undefined {
  const day = date.toISODate()!;
  if (day > today) return `${day} is after the day of the import (${today})`;
  if (date.year < EARLIEST_YEAR) return `${day} is before ${EARLIEST_YEAR}`;
  return undefined;
}

/** The year that puts `month`/`day` nearest to `near`: "Nov 13" near 2005-01-15 is 2004-11-13. */
function nearestYear(month: number, day: number, near: DateTime): DateTime {
  const candidates = [near.year - 1, near.year, near.year + 1].map((year) =>
    near.set({ year, month, day }).startOf("day"),
  );
  return candidates.reduce((best, next) =>
    Math.abs(next.diff(near).toMillis()) < Math.abs(best.diff(near).toMillis()) ? next : best,
  );
}

/**
 * A story's publication date: the one its input writes where a date stands (see `Story.dateSource`),
 * else `--date`, else none (undated, with the reason and the fix). A dateline's day without a year
 * takes the year that puts it nearest to `--date`. A date after the day of the import or before
 * 1600 is refused, naming the file and line it was read from.
 */
export function settleDate(story: Story, settings: DateSettings): SettledDate {
  const { fallback, today, timeZone } = settings;
  const at = `${story.file}:${story.dateLine ?? story.line}`;
  const from = `${WHERE[story.dateSource ?? "metadata"]} (${at})`;
  let date = story.date;
  if (date === undefined && story.dayWithoutYear) {
    const { month, day, text } = story.dayWithoutYear;
    const near = fallback === undefined ? undefined : parseArticleDate(fallback, timeZone);
    if (!near?.ok) {
      return {
        ok: false,
        status: "undated",
        reason: `has no year: its dateline ${quote(text)} (${at}) gives the day only. Pass a day of the year it was published with --date, e.g. --date 2024-11-12.`,
      };
    }
    date = nearestYear(month, day, near.date).toISODate()!;
  }
  if (date === undefined) {
    if (fallback !== undefined) return { ok: true, date: fallback, source: "option" };
    return {
      ok: false,
      status: "undated",
      reason:
        'has no date: no dateline (such as "LONDON, March 3, 1987 -"), date line or photo caption says when it was published, and dates in the running text are not read. Pass the day it was published with --date, e.g. --date 2024-11-12.',
    };
  }
  const parsed = parseArticleDate(date, timeZone);
  if (!parsed.ok) return { ok: false, status: "refused", reason: `${from}: ${parsed.reason}.` };
  const implausible = implausibleDate(parsed.date, today);
  if (implausible) {
    return {
      ok: false,
      status: "refused",
      reason: `the date in ${from} is not plausible: ${implausible}. Correct it in the input, or remove it and pass --date.`,
    };
  }
  return { ok: true, date, source: story.dateSource ?? "metadata" };
}
