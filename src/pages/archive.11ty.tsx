import { createContext } from "../templates/context.ts";
import { Layout } from "../layout/Layout.tsx";
import { MonthList } from "../templates/MonthList.tsx";
import type { PageData } from "../templates/page-data.ts";

export const data = { permalink: "/archive/index.html" };

function articles(count: number): string {
  return count === 1 ? "1 article" : `${count} articles`;
}

/** `/archive/`: every year and month with its number of articles, newest first. */
export function render({ archive }: PageData) {
  const ctx = createContext(archive.site);
  return (
    <Layout
      ctx={ctx}
      title="Archive"
      description={`Every article in ${archive.site.title}, by year and month.`}
      path="/archive/"
    >
      <h1>Archive</h1>
      {archive.years.length === 0 ? (
        <p class="empty">No articles yet.</p>
      ) : (
        <>
          <p class="count">{articles(archive.articles.length)}, by year and month.</p>
          {archive.years.map((year) => (
            <section key={year.year} aria-labelledby={`year-${year.year}`}>
              <h2 id={`year-${year.year}`}>
                <a href={ctx.url(year.url)}>{year.year}</a>{" "}
                <span class="count">({year.count})</span>
              </h2>
              <MonthList ctx={ctx} months={year.months} />
            </section>
          ))}
        </>
      )}
    </Layout>
  );
}
