import type { DateTime } from "luxon";
// Atom and sitemaps want RFC 3339 (W3C) dates; the RSS plugin's formatter is the one Eleventy sites use.
import { dateToRfc3339 } from "@11ty/eleventy-plugin-rss";

/** A date as feeds and sitemaps write it: UTC, to the second, `2024-11-13T09:00:00Z`. */
export function rfc3339(date: DateTime): string {
  return dateToRfc3339(date.toJSDate());
}
