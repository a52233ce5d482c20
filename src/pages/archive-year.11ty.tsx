import type { YearEntry } from "../collections/archive.ts";
import { createContext } from "../templates/context.ts";
import { Layout } from "../layout/Layout.tsx";
import { MonthList } from "../templates/MonthList.tsx";
import type { PaginatedData } from "../templates/page-data.ts";
import { outputPath } from "../files/output-path.ts";

type Data = PaginatedData<"year", YearEntry>;

export const data = {
  pagination: { data: "archive.years", size: 1, alias: "year" },
  permalink: (data: Data) => outputPath(data.year.url),
};

/** `/archive/2024/`: the year's months with their counts. */
export function render({ archive, year }: Data) {
  const ctx = createContext(archive.site);
  return (
    <Layout
      ctx={ctx}
      title={year.year}
      description={`${year.count} articles from ${year.year}, by month.`}
      path={year.url}
    >
      <p class="kicker">
        <a href={ctx.url("/archive/")}>Archive</a>
      </p>
      <h1>{year.year}</h1>
      <p class="count">{year.count === 1 ? "1 article" : `${year.count} articles`}, by month.</p>
      <MonthList ctx={ctx} months={year.months} />
    </Layout>
  );
}
