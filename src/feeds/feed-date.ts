import type { DateTime } from "luxon";
// Atom and sitemaps want RFC 3339 (W3C) dates; the RSS plugin's formatter is the one Eleventy sites use.
import { dateToRfc3339 } from "@11ty/eleventy-plugin-rss";

const written = new WeakMap<DateTime, string>();

/**
 * A date as feeds and sitemaps write it: UTC, to the second, `2024-11-13T09:00:00Z`. Remembered
 * per date object: the sitemap writes every article's date, and formatting is slow.
 */
export function rfc3339(date: DateTime): string {
  let text = written.get(date);
  if (text === undefined) {
    text = dateToRfc3339(date.toJSDate());
    written.set(date, text);
  }
  return text;
}
