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

/**
 * "13 November 2024", the way dates are written for readers. Cached by calendar day: an article's
 * date is written on every list it appears in, and Intl formatting is slow.
 */
export function formatReadableDate(date: DateTime, locale = "en-GB"): string {
  const key = `${locale} ${date.toISODate()}`;
  let text = readable.get(key);
  if (text === undefined) {
    text = date.setLocale(locale).toLocaleString(DateTime.DATE_FULL);
    readable.set(key, text);
  }
  return text;
}
