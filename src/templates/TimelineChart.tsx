import { DateTime } from "luxon";
import type { TimelineMonth } from "../collections/timeline.ts";

export interface TimelineChartProps {
  /** What is counted, e.g. "Articles about NATO per month". */
  label: string;
  months: TimelineMonth[];
  /** The page listing one month's articles, already under the path prefix. */
  monthUrl(month: TimelineMonth): string;
}

const WIDTH = 640;
const HEIGHT = 120;
const AXIS = 18;

const monthName = (month: TimelineMonth) =>
  DateTime.fromObject({ year: Number(month.year), month: Number(month.month) }).toFormat(
    "MMMM yyyy",
  );

/**
 * Coverage over time as a bar chart drawn at build time: plain SVG, no script. Each bar links to
 * that month's articles and has a text alternative; the same counts follow as a table.
 */
export function TimelineChart({ label, months, monthUrl }: TimelineChartProps) {
  if (months.length === 0) return null;
  const max = Math.max(...months.map((m) => m.count));
  const slot = WIDTH / months.length;
  const barWidth = Math.max(1, slot * 0.8);
  const plot = HEIGHT - AXIS;
  const id = `timeline-${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <figure class="timeline">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        preserveAspectRatio="none"
        aria-labelledby={`${id}-caption`}
        role="group"
      >
        <line x1="0" y1={plot} x2={WIDTH} y2={plot} class="timeline-axis" />
        {months.map((month, i) => {
          const height = max ? (month.count / max) * (plot - 4) : 0;
          const text = `${monthName(month)}: ${month.count === 1 ? "1 article" : `${month.count} articles`}`;
          const bar = (
            <rect
              x={(i * slot + (slot - barWidth) / 2).toFixed(2)}
              y={(plot - height).toFixed(2)}
              width={barWidth.toFixed(2)}
              height={height.toFixed(2)}
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
        })}
        <text x="0" y={HEIGHT - 4} class="timeline-label">
          {monthName(months[0]!)}
        </text>
        {months.length > 1 ? (
          <text x={WIDTH} y={HEIGHT - 4} text-anchor="end" class="timeline-label">
            {monthName(months[months.length - 1]!)}
          </text>
        ) : null}
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
