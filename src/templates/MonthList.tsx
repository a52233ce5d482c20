import type { MonthEntry } from "../collections/archive.ts";
import type { RenderContext } from "./context.ts";

/** A year's months, each linked to its archive page with its article count. */
export function MonthList({ ctx, months }: { ctx: RenderContext; months: MonthEntry[] }) {
  return (
    <ul class="term-index">
      {months.map((month) => (
        <li key={month.url}>
          <a href={ctx.url(month.url)}>{month.label}</a>{" "}
          <span class="count">({month.articles.length})</span>
        </li>
      ))}
    </ul>
  );
}
