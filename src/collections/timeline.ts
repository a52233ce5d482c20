import type { Article } from "../content/article.ts";
import { calendarMonth, yearMonth } from "../content/dates.ts";

export interface TimelineMonth {
  /** `1987-03`. */
  key: string;
  year: string;
  month: string;
  count: number;
}

export interface Timeline {
  months: TimelineMonth[];
  first?: Article;
  last?: Article;
}

/**
 * Articles per calendar month (in the site's time zone) from the first month with an article to
 * the last, months without articles included so that gaps show. `articles` newest first.
 */
export function monthlyTimeline(articles: readonly Article[]): Timeline {
  if (articles.length === 0) return { months: [] };
  const counts = new Map<string, number>();
  for (const article of articles) {
    const key = yearMonth(article.date).key;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const last = articles[0]!;
  const first = articles[articles.length - 1]!;
  const months: TimelineMonth[] = [];
  // Calendar arithmetic on plain numbers: luxon's zone-aware `plus` is slow over many terms.
  const end = last.date.year * 12 + last.date.month - 1;
  for (let index = first.date.year * 12 + first.date.month - 1; index <= end; index++) {
    const { key, year, month } = calendarMonth(Math.floor(index / 12), (index % 12) + 1);
    months.push({ key, year, month, count: counts.get(key) ?? 0 });
  }
  return { months, first, last };
}
