import { DateTime } from "luxon";
import type { Article } from "../../src/content/article.ts";
import type { Term, TermKind } from "../../src/registry/registry.ts";

const term = (kind: TermKind, name: string): Term => ({
  kind,
  id: name.toLowerCase().replace(/\W+/g, "-"),
  name,
  aliases: [],
  registered: true,
});

/** An in-memory article for pure-function tests: slug, date and tags are all that matter. */
export function makeArticle(
  slug: string,
  date: string,
  tags: { topics?: string[]; people?: string[]; places?: string[] } = {},
): Article {
  const when = DateTime.fromISO(date, { zone: "UTC" });
  return {
    title: slug,
    file: `content/articles/${when.toFormat("yyyy/MM")}/${slug}.md`,
    slug,
    url: `/articles/${when.toFormat("yyyy/MM")}/${slug}/`,
    date: when,
    excerpt: "",
    topics: (tags.topics ?? []).map((name) => term("topics", name)),
    people: (tags.people ?? []).map((name) => term("people", name)),
    places: (tags.places ?? []).map((name) => term("places", name)),
    images: [],
    draft: false,
    body: "",
    html: "",
    removedMarkup: [],
  };
}

/** Newest first, as the archive model keeps them. */
export function newestFirst(articles: Article[]): Article[] {
  return [...articles].sort(
    (a, b) => b.date.toMillis() - a.date.toMillis() || a.url.localeCompare(b.url),
  );
}
