import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { Archive } from "../../src/collections/archive.ts";
import { placeInArchive, swapArticles } from "../../src/collections/swap-articles.ts";
import type { Article } from "../../src/content/article.ts";

const story = (slug: string, title = slug) =>
  ({
    file: `content/articles/2024/10/${slug}.md`,
    slug,
    url: `/articles/2024/10/${slug}/`,
    title,
    date: DateTime.fromISO("2024-10-02T00:00:00Z"),
    topics: [{ kind: "topics", id: "harbours", name: "Harbours" }],
    people: [],
    places: [],
  }) as unknown as Article;

describe("swapArticles", () => {
  const a = story("a");
  const b = story("b");
  const edited = story("a", "A, corrected");
  const untouched = { articles: [b], count: 1 };
  const archive = {
    site: { title: "The Gazette" },
    articles: [a, b],
    lists: { holding: { articles: [a] }, untouched },
    related: new Map([
      [a, [{ article: b }]],
      [b, [{ article: a }]],
    ]),
    seen: new Set([a]),
    when: a.date,
  } as unknown as Archive;
  const swapped = swapArticles(archive, new Map([[a, edited]]))!;

  it("puts the new reading wherever the old one was, in records, lists, maps and sets", () => {
    const r = swapped.archive as unknown as {
      articles: Article[];
      lists: { holding: { articles: Article[] } };
      related: Map<Article, Array<{ article: Article }>>;
      seen: Set<Article>;
    };
    expect(r.articles).toEqual([edited, b]);
    expect(r.lists.holding.articles).toEqual([edited]);
    expect([...r.related.keys()]).toEqual([edited, b]);
    expect(r.related.get(b)![0]!.article).toBe(edited);
    expect([...r.seen]).toEqual([edited]);
  });

  it("shares everything that holds no replaced article, and leaves the old archive as it was", () => {
    const r = swapped.archive as unknown as {
      lists: { untouched: unknown };
      site: unknown;
      when: unknown;
    };
    expect(r.lists.untouched).toBe(untouched);
    expect(r.site).toBe(archive.site);
    expect(r.when).toBe(a.date);
    expect(archive.articles[0]).toBe(a);
    expect(swapped.swapped(untouched)).toBe(untouched);
    expect(swapped.archive).not.toBe(archive);
  });

  it("declines an archive holding a value it cannot copy", () => {
    class Holder {
      constructor(readonly article: Article) {}
    }
    const odd = { ...archive, holder: new Holder(a) } as unknown as Archive;
    expect(swapArticles(odd, new Map([[a, edited]]))).toBeUndefined();
  });

  it("tells a story's place by its date, URL, terms and draft flag, not its text", () => {
    expect(placeInArchive(edited)).toBe(placeInArchive(a));
    expect(placeInArchive({ ...a, url: "/articles/2024/10/a-2/" })).not.toBe(placeInArchive(a));
    expect(
      placeInArchive({ ...a, people: [{ kind: "people", id: "ada", name: "Ada" }] } as Article),
    ).not.toBe(placeInArchive(a));
    expect(placeInArchive({ ...a, date: a.date.plus({ minutes: 1 }) })).not.toBe(placeInArchive(a));
  });
});
