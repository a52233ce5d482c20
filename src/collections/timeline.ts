import type { Article } from "../content/article.ts";

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
    const key = article.date.toFormat("yyyy-MM");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const last = articles[0]!;
  const first = articles[articles.length - 1]!;
  const months: TimelineMonth[] = [];
  let cursor = first.date.startOf("month");
  const end = last.date.startOf("month");
  while (cursor <= end) {
    const key = cursor.toFormat("yyyy-MM");
    months.push({
      key,
      year: cursor.toFormat("yyyy"),
      month: cursor.toFormat("MM"),
      count: counts.get(key) ?? 0,
    });
    cursor = cursor.plus({ months: 1 });
  }
  return { months, first, last };
}
