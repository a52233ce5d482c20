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

/** A year marked under a timeline: the bar of its January, or the first bar for the first year. */
export interface YearTick {
  /** Index into the timeline's months of the bar the year starts at. */
  index: number;
  year: string;
  /** False for a tick drawn only as a mark, between labelled years. */
  labelled: boolean;
}

/** Years between labels: a label every year, every second, fifth, tenth… */
const YEAR_STEPS = [1, 2, 5, 10, 20, 50, 100];
/**
 * A label starts at its tick; one further right than this share of the chart would run off a
 * phone-wide chart, and ending it at its tick instead would run into the label before.
 */
const LAST_LABEL_AT = 0.88;

/**
 * Where a long timeline marks its years: every January gets a tick, and every year, every fifth
 * or every tenth is written, so that at most `maxLabels` labels share the axis from a year to a
 * century, at least an eighth of the chart apart. The first year is written at the start when its
 * own January is not on the chart and the next label is far enough away (a sixth of the chart).
 */
export function yearTicks(months: readonly TimelineMonth[], maxLabels = 7): YearTick[] {
  if (months.length === 0) return [];
  const firstYear = Number(months[0]!.year);
  const lastYear = Number(months[months.length - 1]!.year);
  const step =
    YEAR_STEPS.find((s) => Math.floor(lastYear / s) - Math.ceil(firstYear / s) + 1 <= maxLabels) ??
    YEAR_STEPS[YEAR_STEPS.length - 1]!;
  const fits = (index: number) => index <= months.length * LAST_LABEL_AT;
  const ticks: YearTick[] = [];
  months.forEach((month, index) => {
    if (month.month !== "01") return;
    const labelled = Number(month.year) % step === 0 && fits(index);
    ticks.push({ index, year: month.year, labelled });
  });
  const firstLabel = ticks.find((tick) => tick.labelled);
  if (
    months[0]!.month !== "01" &&
    (!firstLabel || firstLabel.index >= months.length / 6) &&
    ticks.filter((tick) => tick.labelled).length < maxLabels
  ) {
    ticks.unshift({ index: 0, year: months[0]!.year, labelled: true });
  }
  return ticks;
}
