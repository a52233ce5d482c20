import { DateTime } from "luxon";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const MONTH = String.raw`(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`(\d{4})`;

// Months are matched with their capital so that the verb "may" is not read as a month.
const PATTERNS: Array<{ regex: RegExp; parts: (m: RegExpExecArray) => [string, string, string] }> =
  [
    // 13 November 2024, 13 Nov. 2024
    {
      regex: new RegExp(String.raw`\b${DAY}\s+${MONTH},?\s+${YEAR}\b`, "g"),
      parts: (m) => [m[3]!, m[2]!, m[1]!],
    },
    // November 13, 2024, Nov. 13 2024
    {
      regex: new RegExp(String.raw`\b${MONTH}\s+${DAY},?\s+${YEAR}\b`, "g"),
      parts: (m) => [m[3]!, m[1]!, m[2]!],
    },
    // 2024-11-13
    {
      regex: /\b(\d{4})-(\d{2})-(\d{2})\b/g,
      parts: (m) => [m[1]!, m[2]!, m[3]!],
    },
  ];

function monthNumber(month: string): number {
  if (/^\d+$/.test(month)) return Number(month);
  return MONTHS.findIndex((name) => name.startsWith(month.slice(0, 3))) + 1;
}

/**
 * The first calendar date written in `text` with day, month and year ("13 November 2024",
 * "November 13, 2024", "2024-11-13"), as `YYYY-MM-DD`. A weekday or a month without a day
 * is not a date: "on Tuesday" and "in February 2022" give nothing.
 */
export function findDateInText(text: string): string | undefined {
  let best: { index: number; date: string } | undefined;
  for (const { regex, parts } of PATTERNS) {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m; m = regex.exec(text)) {
      if (best && m.index >= best.index) break;
      const [year, month, day] = parts(m);
      const date = DateTime.fromObject(
        { year: Number(year), month: monthNumber(month), day: Number(day) },
        { zone: "UTC" },
      );
      if (date.isValid && date.year >= 1800 && date.year <= 2200) {
        best = { index: m.index, date: date.toISODate()! };
        break;
      }
    }
  }
  return best?.date;
}
