import { createContext } from "../templates/context.ts";
import { Layout } from "../layout/Layout.tsx";
import type { PageData } from "../templates/page-data.ts";

export const data = { permalink: "/404.html" };

export function render({ archive }: PageData) {
  const ctx = createContext(archive.site);
  return (
    <Layout ctx={ctx} title="Page not found" path="/404.html">
      <h1>Page not found</h1>
      <p>
        There is no page at this address. It may have moved, or the link may be mistyped. Try the{" "}
        <a href={ctx.url("/search/")}>search</a>, the <a href={ctx.url("/")}>latest articles</a> or
        the <a href={ctx.url("/topics/")}>topics</a>.
      </p>
    </Layout>
  );
}
