import { DateTime } from "luxon";
import { MONTH_NAME, monthNumber } from "./month-names.ts";
import type { Story } from "./types.ts";

/** A calendar day as written in a story; a dateline such as "BRUSSELS, Nov 13 -" gives no year. */
export interface WrittenDay {
  year?: number;
  month: number;
  day: number;
}

/** A dateline at the start of a story: the place (when one is written) and its day. */
export interface Dateline extends WrittenDay {
  /** The dateline as written, e.g. `BRUSSELS, Nov 13 (Reuters) -`. */
  text: string;
}

const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`(\d{4})`;
const WEEKDAY = String.raw`(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?`;

// Each form is matched against the whole text, so only a date that stands alone is read.
const FORMS: Array<{ regex: RegExp; parts: (m: RegExpExecArray) => string[] }> = [
  // 13 November 2024, 13 Nov. 2024, 13 Nov
  {
    regex: new RegExp(String.raw`^${WEEKDAY}${DAY}\s+${MONTH_NAME}(?:,?\s+${YEAR})?$`, "i"),
    parts: (m) => [m[3] ?? "", m[2]!, m[1]!],
  },
  // November 13, 2024, Nov. 13 2024, Nov 13
  {
    regex: new RegExp(String.raw`^${WEEKDAY}${MONTH_NAME}\s+${DAY}(?:,?\s+${YEAR})?$`, "i"),
    parts: (m) => [m[3] ?? "", m[1]!, m[2]!],
  },
  // 2024-11-13
  { regex: /^(\d{4})-(\d{2})-(\d{2})$/, parts: (m) => [m[1]!, m[2]!, m[3]!] },
];

/** "11" or "Nov" → 11. */
function monthOf(month: string): number {
  return /^\d+$/.test(month) ? Number(month) : monthNumber(month);
}

/**
 * The day that `text` is, when it is nothing but a date: "13 November 2024", "Nov. 13, 2024",
 * "2024-11-13", "Tuesday, 13 November 2024"; "Nov 13" gives no year. A day the month does not
 * have (30 February) is no date.
 */
export function parseWrittenDay(text: string): WrittenDay | undefined {
  const trimmed = text.trim();
  for (const { regex, parts } of FORMS) {
    const m = regex.exec(trimmed);
    if (!m) continue;
    const [year, month, day] = parts(m) as [string, string, string];
    const found = { month: monthOf(month), day: Number(day) };
    // A leap year checks 29 February when the year is not written.
    const check = DateTime.fromObject({ year: year ? Number(year) : 2024, ...found });
    if (!check.isValid) return undefined;
    return year ? { year: Number(year), ...found } : found;
  }
  return undefined;
}

/** `YYYY-MM-DD` of a day with its year. */
export function isoDay(day: WrittenDay & { year: number }): string {
  return DateTime.fromObject(day, { zone: "UTC" }).toISODate()!;
}

// "BRUSSELS, Nov 13 (Reuters) - ", "LONDON, March 3, 1987 - ", "COMMACK, N.Y., Feb 26 - ": a
// place of one or two parts without digits, the date, an optional agency, then a dash.
const DATELINE =
  /^\s*((?:[A-Z][^,\n\d]{0,40}(?:,\s*[A-Z][^,\n\d]{0,20})?,\s*)?)([^()\n]{3,40}?)\s*(?:\([^()\n]{1,30}\)\s*)?[-\u2013\u2014]{1,2}\s/;

const LIFE_SPAN_END = new RegExp(String.raw`^\s*(?:\d|${MONTH_NAME}\s+\d)`, "i");

/** The dateline at the start of a story's first paragraph, when it has one with a readable date. */
export function findDateline(paragraph: string): Dateline | undefined {
  const m = DATELINE.exec(paragraph);
  // "Jane Doe, March 3, 1920 - Jan 5, 2005, who…" is a life's span, not a dateline.
  if (!m || LIFE_SPAN_END.test(paragraph.slice(m[0].length))) return undefined;
  const day = parseWrittenDay(m[2]!);
  return day && { ...day, text: m[0].trim() };
}

/** A story's date fields from its dateline on `line`; a day without a year waits for `--date`'s. */
export function datedByDateline(
  dateline: Dateline,
  line: number | undefined,
): Pick<Story, "date" | "dateSource" | "dateLine" | "dayWithoutYear"> {
  const { year, month, day, text } = dateline;
  const found = { dateSource: "dateline", dateLine: line } as const;
  if (year === undefined) return { ...found, dayWithoutYear: { month, day, text } };
  return { ...found, date: isoDay({ year, month, day }) };
}

/** A line that holds nothing but a date, such as "Published: 14 March 2005" under a title. */
export function findDateLine(line: string): (WrittenDay & { year: number }) | undefined {
  const day = parseWrittenDay(
    line
      .trim()
      .replace(/^(?:published|posted|filed|date|dated)\s*:?\s*/i, "")
      .replace(/\.$/, ""),
  );
  return day?.year === undefined ? undefined : { ...day, year: day.year };
}

/**
 * The day an agency caption says its photo was taken, which it writes at its end:
 * "… at NATO Headquarters in Brussels, Belgium, 13 November 2024." A date elsewhere in the
 * caption is about something else.
 */
export function findCaptionDate(caption: string): (WrittenDay & { year: number }) | undefined {
  const m = /(?:^|,)\s*([^,]{3,30}?(?:,\s*\d{4})?)\.?\s*$/.exec(caption);
  const day = m ? parseWrittenDay(m[1]!) : undefined;
  return day?.year === undefined ? undefined : { ...day, year: day.year };
}
