import { yearTicks, type TimelineMonth } from "../collections/timeline.ts";

export interface TimelineChartProps {
  /** What is counted, e.g. "Articles about NATO per month". */
  label: string;
  months: TimelineMonth[];
  /** The page listing one month's articles, already under the path prefix. */
  monthUrl(month: TimelineMonth): string;
}

// Heights are in pixels and positions along the time axis in percent of the chart's width (the
// SVG has no viewBox): the chart fills any column, from a phone to a desktop, without stretching
// its text, and without a script or a style attribute, which the pages' policy would block.
/** Room above the bars for the counts written over them. */
const TOP = 20;
/** The tallest bar. */
const PLOT = 90;
/** Where the bars stand: the baseline. */
const BASE = TOP + PLOT;
/** One line of labels under the baseline. */
const ROW = 15;
/** The widest bar, in percent: a single month is a bar, not a block filling the chart. */
const MAX_BAR = 8;
/** The shortest bar of a month with articles: one article stays visible beside hundreds. */
const MIN_BAR = 2;
/** Up to a year of months, each bar is named and its count written; beyond, years are marked. */
const NAMED_MONTHS = 12;

const MONTH_NAMES = [
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

// A fixed table rather than luxon: a thirty-year timeline names 360 months, on every term's page.
const monthName = (month: TimelineMonth) => `${MONTH_NAMES[Number(month.month) - 1]} ${month.year}`;
const shortMonth = (month: TimelineMonth) => MONTH_NAMES[Number(month.month) - 1]!.slice(0, 3);

const percent = (value: number) => `${Number(value.toFixed(3))}%`;
const articles = (n: number) => (n === 1 ? "1 article" : `${n} articles`);

/** A label centred under a bar, held inside the chart by its edges. */
const centred = (x: number) =>
  x < 5
    ? { x: "0", "text-anchor": "start" }
    : x > 95
      ? { x: "100%", "text-anchor": "end" }
      : { x: percent(x), "text-anchor": "middle" };

/**
 * Coverage over time as a bar chart drawn at build time: plain SVG, no script, coloured by the
 * stylesheet. Each bar links to that month's articles and has a text alternative; the same counts
 * follow as a table, for screen readers and for anyone who wants the numbers. Up to a year, each
 * month is named under its bar with its count above it; longer spans mark their years, labelling
 * every year, fifth or tenth year so that the labels never crowd.
 */
export function TimelineChart({ label, months, monthUrl }: TimelineChartProps) {
  if (months.length === 0) return null;
  const n = months.length;
  const max = Math.max(...months.map((m) => m.count));
  const slot = 100 / n;
  // Long spans draw touching columns: a gap of a fraction of a pixel would only blur them.
  const barWidth = Math.min(MAX_BAR, slot * (n > 60 ? 1 : 0.7));
  const named = n <= NAMED_MONTHS;
  const rows = named && n > 1 ? 2 : 1;
  const height = BASE + 6 + rows * ROW;
  const barHeight = (count: number) =>
    count === 0 || max === 0 ? 0 : Math.max(MIN_BAR, (count / max) * PLOT);
  const centre = (index: number) => (index + 0.5) * slot;
  const id = `timeline-${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

  const bars = months.map((month, i) => {
    const h = barHeight(month.count);
    const text = `${monthName(month)}: ${articles(month.count)}`;
    const bar = (
      <rect
        x={percent(centre(i) - barWidth / 2)}
        y={(BASE - h).toFixed(2)}
        width={percent(barWidth)}
        height={h.toFixed(2)}
        class="timeline-bar"
      >
        <title>{text}</title>
      </rect>
    );
    return month.count > 0 ? (
      <a key={month.key} href={monthUrl(month)} aria-label={text}>
        {bar}
      </a>
    ) : (
      <g key={month.key}>{bar}</g>
    );
  });

  // What the axis says is also in the bars' names and the table: hidden from assistive technology.
  const scale = named ? (
    <g class="timeline-scale" aria-hidden="true">
      {months.map((month, i) =>
        month.count > 0 ? (
          <text
            key={`count-${month.key}`}
            x={percent(centre(i))}
            y={(BASE - barHeight(month.count) - 4).toFixed(2)}
            text-anchor="middle"
            class="timeline-value"
          >
            {month.count}
          </text>
        ) : null,
      )}
      {months.map((month, i) => (
        <text
          key={`month-${month.key}`}
          {...centred(centre(i))}
          y={BASE + ROW}
          class="timeline-label"
        >
          {n === 1 ? monthName(month) : shortMonth(month)}
        </text>
      ))}
      {n > 1
        ? months.map((month, i) =>
            // The year under the first month and under every January; a first month just before
            // a January leaves its year to be read from the next, where two would collide.
            (i === 0 && !(n > 6 && months[1]?.month === "01")) ||
            (i > 0 && month.month === "01") ? (
              <text
                key={`year-${month.key}`}
                {...centred(centre(i))}
                y={BASE + 2 * ROW}
                class="timeline-label"
              >
                {month.year}
              </text>
            ) : null,
          )
        : null}
    </g>
  ) : (
    <g class="timeline-scale" aria-hidden="true">
      <line x1="0" y1={TOP} x2="100%" y2={TOP} class="timeline-grid" />
      <text x="0" y={TOP - 6} class="timeline-label">
        Most in a month: {max}
      </text>
      {yearTicks(months).map((tick) => {
        const x = tick.index * slot;
        return (
          <g key={`year-${tick.index}`}>
            <line
              x1={percent(x)}
              y1={BASE}
              x2={percent(x)}
              y2={BASE + (tick.labelled ? 6 : 3)}
              class="timeline-tick"
            />
            {tick.labelled ? (
              <text x={percent(x)} y={BASE + ROW} dx="3" class="timeline-label">
                {tick.year}
              </text>
            ) : null}
          </g>
        );
      })}
    </g>
  );

  return (
    <figure class="timeline">
      <svg
        width="100%"
        height={height}
        class="timeline-chart"
        aria-labelledby={`${id}-caption`}
        role="group"
      >
        {scale}
        {bars}
        <line x1="0" y1={BASE} x2="100%" y2={BASE} class="timeline-axis" />
      </svg>
      <figcaption id={`${id}-caption`}>{label}</figcaption>
      <details class="timeline-table">
        <summary>Counts by month</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Articles</th>
            </tr>
          </thead>
          <tbody>
            {months
              .filter((m) => m.count > 0)
              .map((month) => (
                <tr key={month.key}>
                  <th scope="row">
                    <a href={monthUrl(month)}>{monthName(month)}</a>
                  </th>
                  <td>{month.count}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
