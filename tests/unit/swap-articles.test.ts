import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { Archive } from "../../src/collections/archive.ts";
import { ArticleSwapper, placeInArchive } from "../../src/collections/swap-articles.ts";
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

/** The shape of the small archive below. */
interface Toy {
  site: unknown;
  articles: Article[];
  lists: { holding: { articles: Article[] }; untouched: { articles: Article[] } };
  related: Map<Article, Array<{ article: Article }>>;
  seen: Set<Article>;
  when: unknown;
}
const toy = (archive: Archive) => archive as unknown as Toy;

describe("ArticleSwapper", () => {
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
  const swapped = new ArticleSwapper(archive).swap(new Map([[a, edited]]))!;

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

  it("goes on from the archive it made, edit after edit", () => {
    const swapper = new ArticleSwapper(archive);
    const first = toy(swapper.swap(new Map([[a, edited]]))!.archive);
    const b2 = story("b", "B, corrected");
    const a3 = story("a", "A, corrected again");
    const second = toy(swapper.swap(new Map([[b, b2]]))!.archive);
    const third = toy(swapper.swap(new Map([[edited, a3]]))!.archive);
    expect(first.articles).toEqual([edited, b]);
    expect(second.articles).toEqual([edited, b2]);
    expect(third.articles).toEqual([a3, b2]);
    expect(third.lists.holding.articles).toEqual([a3]);
    expect(third.lists.untouched.articles).toEqual([b2]);
    expect([...third.related.keys()]).toEqual([a3, b2]);
    expect(third.related.get(a3)![0]!.article).toBe(b2);
    expect(third.related.get(b2)![0]!.article).toBe(a3);
    expect([...third.seen]).toEqual([a3]);
    // What held neither edit stays shared from the first archive on.
    expect(third.site).toBe(toy(archive).site);
    expect(second.lists.holding).toBe(first.lists.holding);
  });

  it("copies a page's item made from the archive but not in it", () => {
    const swapper = new ArticleSwapper(archive);
    const item = { articles: [b, a], label: "made by a template" };
    const swapped = swapper.swap(new Map([[a, edited]]))!;
    expect(swapped.swapped(item)).toEqual({ articles: [b, edited], label: "made by a template" });
    expect(swapped.swapped(untouched)).toBe(untouched);
    expect(swapper.declined).toBe(false);
  });

  it("declines an archive holding a value it cannot copy", () => {
    class Holder {
      constructor(readonly article: Article) {}
    }
    const odd = { ...archive, holder: new Holder(a) } as unknown as Archive;
    expect(new ArticleSwapper(odd).swap(new Map([[a, edited]]))).toBeUndefined();
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
