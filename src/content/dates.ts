import { DateTime } from "luxon";

/**
 * Reads a front matter date. A date or time without an offset is read in `timeZone`; one with an
 * offset keeps its instant. Either way the result is shown in `timeZone`.
 * Returns the reason when the text is not an ISO 8601 date.
 */
export function parseArticleDate(
  value: string | Date,
  timeZone: string,
): { ok: true; date: DateTime } | { ok: false; reason: string } {
  const date =
    value instanceof Date
      ? DateTime.fromJSDate(value, { zone: timeZone })
      : DateTime.fromISO(value.trim(), { zone: timeZone });
  if (!date.isValid) {
    return {
      ok: false,
      reason: `"${String(value)}" is not a date (${date.invalidExplanation ?? date.invalidReason}); write it as 2024-11-13 or 2024-11-13T10:00:00+01:00`,
    };
  }
  return { ok: true, date };
}

const readable = new Map<string, string>();
const written = new WeakMap<DateTime, { locale: string; text: string; iso: string }>();

/**
 * "13 November 2024", the way dates are written for readers. Cached by date object and by
 * calendar day: an article's date is written on every list it appears in, and luxon's formatting
 * is slow.
 */
export function formatReadableDate(date: DateTime, locale = "en-GB"): string {
  return writtenDate(date, locale).text;
}

/** `date.toISODate()` (the day in the date's zone), cached by date object like `formatReadableDate`. */
export function isoDate(date: DateTime): string {
  return writtenDate(date, "en-GB").iso;
}

function writtenDate(date: DateTime, locale: string) {
  let entry = written.get(date);
  if (entry?.locale !== locale) {
    const key = `${locale} ${date.toISODate()}`;
    let text = readable.get(key);
    if (text === undefined) {
      text = date.setLocale(locale).toLocaleString(DateTime.DATE_FULL);
      readable.set(key, text);
    }
    entry = { locale, text, iso: date.toISODate() ?? "" };
    written.set(date, entry);
  }
  return entry;
}

/**
 * A date's year and month as text (`{ year: "2024", month: "03" }`), read from luxon's calendar
 * fields: the same as `toFormat("yyyy")` and `toFormat("MM")` at a fraction of the cost, which
 * matters when every article is grouped by month several times over.
 */
export function yearMonth(date: DateTime): { year: string; month: string; key: string } {
  return calendarMonth(date.year, date.month);
}

/** A calendar month (`month` 1–12) as `yearMonth` writes it. */
export function calendarMonth(
  yearNumber: number,
  monthNumber: number,
): { year: string; month: string; key: string } {
  const year = String(yearNumber).padStart(4, "0");
  const month = String(monthNumber).padStart(2, "0");
  return { year, month, key: `${year}-${month}` };
}
