import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  BUNDLE_FILTER,
  BundledSearch,
  describeBundles,
  newestFirst,
  type MergedIndex,
} from "../../src/browser/bundled-search.ts";
import { judgeFallback } from "../../src/browser/prefix-fallback.ts";
import type { SearchBundleInfo } from "../../src/search/bundle-info.ts";
import type {
  PagefindFilterCounts,
  PagefindOptions,
  PagefindResult,
  PagefindSearch,
  PagefindSearchOptions,
} from "../../src/browser/pagefind.d.ts";

/** A story in a fake bundle: its page name, date, words, score for the words, and topic. */
interface Story {
  id: string;
  date: string;
  words: string[];
  relevance: number;
  topic: string;
}

interface Bundle {
  info: SearchBundleInfo;
  stories: Story[];
}

/** Whether a story's words answer `term` as Pagefind does: the word itself or a longer one. */
const has = (story: Story, term: string) => story.words.some((w) => w.startsWith(term));

/**
 * A fake Pagefind instance that merges as Pagefind 1.6 does (pagefind.js `Pagefind.search`): each
 * bundle searches alone, with its `mergeFilter` as a filter of every page; a word that no page of
 * a bundle has is answered with the longest prefix of it that some page has (Pagefind #315);
 * results are concatenated in merge order and sorted by score, a stable sort; filter counts are
 * summed.
 */
class FakeIndex implements MergedIndex {
  readonly merged: Array<{ bundle: Bundle; filter: Record<string, string> }> = [];
  destroyed = false;
  /** Searches run on this instance. */
  searches = 0;
  constructor(
    private readonly bundles: Map<string, Bundle>,
    private readonly log: string[],
    private readonly broken: Set<string>,
  ) {}

  async add(url: string, options: PagefindOptions): Promise<void> {
    this.log.push(url);
    if (this.broken.has(url)) throw new Error(`Failed to load ${url}`);
    this.merged.push({ bundle: this.bundles.get(url)!, filter: options.mergeFilter ?? {} });
  }

  mergeIndex(url: string, options: PagefindOptions): Promise<void> {
    return this.add(url, options);
  }

  async search(term: string | null, options: PagefindSearchOptions = {}): Promise<PagefindSearch> {
    this.searches++;
    const filters = (options.filters ?? {}) as Record<string, { any: string[] }>;
    const all = this.merged.flatMap(({ bundle, filter }) => {
      let word = term;
      while (word && !bundle.stories.some((s) => has(s, word!))) word = word.slice(0, -1);
      return bundle.stories
        .filter((s) => term === null || (word && has(s, word)))
        .filter((s) =>
          Object.entries(filters).every(([name, { any }]) =>
            any.includes(name === "topic" ? s.topic : filter[name]!),
          ),
        )
        .map((s) => ({ story: s, filter }));
    });
    const sorted = all.sort((a, b) => b.story.relevance - a.story.relevance);
    const counts: Record<string, Record<string, number>> = { topic: {}, [BUNDLE_FILTER]: {} };
    for (const { story, filter } of sorted) {
      counts.topic![story.topic] = (counts.topic![story.topic] ?? 0) + 1;
      const tag = filter[BUNDLE_FILTER]!;
      counts[BUNDLE_FILTER]![tag] = (counts[BUNDLE_FILTER]![tag] ?? 0) + 1;
    }
    return {
      results: sorted.map(({ story }) => ({
        id: story.id,
        score: story.relevance,
        data: async () => ({ url: `/articles/${story.id}/`, excerpt: "", meta: {} }),
      })),
      filters: counts,
    };
  }

  async filters(): Promise<PagefindFilterCounts> {
    return {};
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
  }
}

/** The day `i` days after 1 January 2020. */
const dayOf = (i: number) =>
  new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

/**
 * `bundleCount` bundles of `perBundle` stories a day apart, as the build names their pages: the
 * bundle's tag (counted from the oldest) and the story's place in it (oldest 0). Every story is
 * about "oil"; `words(i)` adds words to story `i` (from the oldest).
 */
function archive(
  bundleCount: number,
  perBundle: number,
  words: (i: number) => string[] = (i) => (i % 3 === 0 ? ["gold"] : []),
) {
  const bundles: Bundle[] = [];
  const stories: Story[] = [];
  for (let b = 0; b < bundleCount; b++) {
    const tag = b.toString(36).padStart(2, "0");
    const first = b * perBundle;
    const own = Array.from({ length: perBundle }, (_, n): Story => {
      const i = first + n;
      return {
        id: `${tag}${n.toString(36)}`,
        date: dayOf(i),
        words: ["oil", ...words(i)],
        relevance: (i % 7) + 1,
        topic: i % 2 ? "Energy" : "Markets",
      };
    });
    stories.push(...own);
    bundles.push({
      info: {
        dir: `${dayOf(first)}/`,
        from: dayOf(first),
        to: dayOf(first + perBundle - 1),
        pages: perBundle,
        tag,
        meta: `en_${tag}`,
        packs: [],
      },
      stories: own,
    });
  }
  bundles.reverse();
  const infos = bundles.map((bundle) => bundle.info);
  const byUrl = new Map(bundles.map((bundle) => [`/pagefind/${bundle.info.dir}`, bundle]));
  return { stories, bundles, infos, byUrl };
}

/** The search page's searcher over a fake archive, judging prefix fallbacks by bundle words. */
function searcher(
  bundleCount: number,
  perBundle: number,
  options: { broken?: string[]; words?: (i: number) => string[] } = {},
) {
  const { stories, bundles, infos, byUrl } = archive(bundleCount, perBundle, options.words);
  const log: string[] = [];
  const opened: FakeIndex[] = [];
  const wordsOf = new Map(
    bundles.map((bundle) => [bundle.info.tag, new Set(bundle.stories.flatMap((s) => s.words))]),
  );
  const search = new BundledSearch(
    infos,
    async (info, instanceOptions) => {
      const index = new FakeIndex(byUrl, log, new Set(options.broken));
      opened.push(index);
      await index.add(`/pagefind/${info.dir}`, instanceOptions);
      return index;
    },
    (info) => `/pagefind/${info.dir}`,
    {},
    (query, tags) =>
      judgeFallback(query, new Map(tags.map((tag) => [tag, wordsOf.get(tag)!])), "en"),
  );
  return { search, stories, infos, log, opened };
}

const ids = (found: { results: Array<{ id: string }> } | undefined) =>
  found?.results.map((r) => r.id) ?? [];
const newest = (stories: readonly Story[]) => [...stories].reverse().map((s) => s.id);

describe("searching the bundles as one", () => {
  it("orders newest first exactly across bundles, the oldest story of each included", async () => {
    const { search, stories } = searcher(4, 5);
    const found = await search.search("oil", {}, "newest", Infinity);
    expect(found?.complete).toBe(true);
    expect(ids(found)).toEqual(newest(stories));
  });

  it("orders newest first by bundle, then by place in it, past 36 pages of a bundle", async () => {
    // Place 36 is `10` in base 36: compared as a string it would come before place 4.
    const { search, stories } = searcher(2, 40);
    const found = await search.search("oil", {}, "newest", Infinity);
    expect(ids(found)).toEqual(newest(stories));
  });

  it("opens only the newest bundles a first page of newest-first results needs", async () => {
    const { search, log, stories } = searcher(4, 5);
    const first = await search.search("oil", {}, "newest", 10);
    expect(first?.complete).toBe(false);
    expect(ids(first)).toEqual(newest(stories).slice(0, 10));
    expect(log).toEqual(["/pagefind/2020-01-16/", "/pagefind/2020-01-11/"]);
    // The next page opens one more bundle; all of them complete the count.
    const second = await search.search("oil", {}, "newest", 15);
    expect(second?.results).toHaveLength(15);
    expect(log).toHaveLength(3);
    const all = await search.search("oil", {}, "newest", Infinity);
    expect(all?.results).toHaveLength(20);
    expect(all?.complete).toBe(true);
  });

  it("keeps reaching older bundles while a rare word has filled no page", async () => {
    const { search, stories, log } = searcher(4, 5);
    const found = await search.search("gold", {}, "newest", 3);
    const gold = newest(stories.filter((s) => s.words.includes("gold")));
    expect(ids(found)).toEqual(gold.slice(0, ids(found).length));
    expect(ids(found).length).toBeGreaterThanOrEqual(3);
    expect(log.length).toBeLessThan(4);
  });

  it("merges best matches by score over every bundle", async () => {
    const { search, stories, log } = searcher(3, 6);
    const found = await search.search("oil", {}, "relevance", 10);
    expect(log).toHaveLength(3);
    expect(found?.complete).toBe(true);
    const scores = found!.results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(found?.results).toHaveLength(stories.length);
  });

  it("merges the bundles after the first at once, keeping their order", async () => {
    const { stories, infos, byUrl } = archive(5, 4);
    const log: string[] = [];
    let inFlight = 0;
    let most = 0;
    const search = new BundledSearch(
      infos,
      async (info, options) => {
        const index = new FakeIndex(byUrl, log, new Set());
        const merge = index.mergeIndex.bind(index);
        // Each merge takes a while, as fetching a bundle's metadata does.
        index.mergeIndex = async (url, mergeOptions) => {
          inFlight++;
          most = Math.max(most, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 5));
          inFlight--;
          return merge(url, mergeOptions);
        };
        await index.add(`/pagefind/${info.dir}`, options);
        return index;
      },
      (info) => `/pagefind/${info.dir}`,
    );
    const found = await search.search("oil", {}, "newest", Infinity);
    expect(most).toBe(4);
    expect(log).toEqual(infos.map((info) => `/pagefind/${info.dir}`));
    expect(ids(found)).toEqual(newest(stories));
  });

  it("tags every bundle's pages with its own filter value as it is merged", async () => {
    const { search, opened, infos } = searcher(3, 2);
    await search.search("oil", {}, "relevance", Infinity);
    expect(opened).toHaveLength(1);
    expect(opened[0]!.merged.map((m) => m.filter)).toEqual(
      infos.map((info) => ({ [BUNDLE_FILTER]: info.tag })),
    );
  });

  it("counts facet values over every bundle, and ORs one facet's values", async () => {
    const { search, stories } = searcher(3, 4);
    const found = await search.search(
      "oil",
      { filters: { topic: { any: ["Energy", "Markets"] } } },
      "relevance",
      Infinity,
    );
    expect(found?.results).toHaveLength(stories.length);
    expect(found?.search.filters.topic).toEqual({
      Energy: stories.filter((s) => s.topic === "Energy").length,
      Markets: stories.filter((s) => s.topic === "Markets").length,
    });
    const energy = await search.search(
      "oil",
      { filters: { topic: { any: ["Energy"] } } },
      "newest",
      Infinity,
    );
    expect(ids(energy)).toEqual(newest(stories.filter((s) => s.topic === "Energy")));
  });

  it("leaves out the older bundles' prefix fallbacks for a word only the newest bundle has", async () => {
    // Story 17, in the newest bundle, says "temporao"; older stories say "tempo", which Pagefind
    // would give for "temporao" in a bundle that lacks the word.
    const words = (i: number) => (i === 17 ? ["temporao"] : i % 4 === 0 ? ["tempo"] : []);
    for (const order of ["newest", "relevance"] as const) {
      const { search } = searcher(4, 5, { words });
      const found = await search.search("temporao", {}, order, Infinity);
      expect(ids(found)).toEqual(["032"]);
      expect(found?.search.filters[BUNDLE_FILTER]).toEqual({ "03": 1 });
    }
    // Newest first stops at the newest bundle once it fills the page: it has the word whole, so
    // the older bundles need not be opened to judge their fallbacks.
    const { search, log } = searcher(4, 5, { words });
    const first = await search.search("temporao", {}, "newest", 1);
    expect(ids(first)).toEqual(["032"]);
    expect(log).toEqual(["/pagefind/2020-01-16/"]);
  });

  it("keeps every bundle's fallback when no bundle has the word, as one index would", async () => {
    const words = (i: number) => (i % 4 === 0 ? ["tempo"] : []);
    const { search, stories } = searcher(3, 5, { words });
    const found = await search.search("temporao", {}, "newest", 2);
    expect(found?.complete).toBe(true);
    expect(ids(found)).toEqual(newest(stories.filter((s) => s.words.includes("tempo"))));
  });

  it("opens older bundles for a word the newest bundle has only a prefix of", async () => {
    const words = (i: number) => (i === 2 ? ["temporao"] : i >= 10 ? ["tempo"] : []);
    const { search, log } = searcher(3, 5, { words });
    const found = await search.search("temporao", {}, "newest", 10);
    expect(ids(found)).toEqual(["002"]);
    expect(log).toHaveLength(3);
  });

  it("leaves out a bundle that fails to load, names it, and searches the others", async () => {
    const { search, stories, infos, opened } = searcher(4, 5, {
      broken: ["/pagefind/2020-01-06/"],
    });
    const found = await search.search("oil", {}, "newest", Infinity);
    const lost = infos.find((b) => b.dir === "2020-01-06/")!;
    expect(search.failed).toEqual([lost]);
    expect(ids(found)).toEqual(newest(stories.filter((s) => !s.id.startsWith(lost.tag))));
    // The instance the failed merge spoiled was given up, and a fresh one took the rest.
    expect(opened[0]!.destroyed).toBe(true);
    expect(describeBundles(search.failed, (iso) => iso)).toBe("2020-01-06 to 2020-01-10");
  });

  it("falls back to the next bundle when the newest cannot be opened", async () => {
    const { search, stories, infos } = searcher(2, 3, { broken: ["/pagefind/2020-01-04/"] });
    const found = await search.search("oil", {}, "newest", Infinity);
    expect(ids(found)).toEqual(newest(stories.slice(0, 3)));
    expect(search.failed).toEqual([infos[0]]);
  });

  it("says so when no bundle can be loaded", async () => {
    const { search } = searcher(1, 3, { broken: ["/pagefind/2020-01-01/"] });
    expect(await search.search("oil", {}, "relevance", 10)).toBeUndefined();
  });

  it("orders any results newest first by bundle rank, then by place, highest first", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 5000 })), {
          maxLength: 60,
        }),
        (pages) => {
          const results: PagefindResult[] = pages.map(([bundle, page]) => ({
            id: `${bundle.toString(36).padStart(2, "0")}${page.toString(36)}`,
            score: 1,
            data: async () => ({ url: "", excerpt: "", meta: {} }),
          }));
          // The newest bundle is the highest tag.
          const rank = new Map(
            Array.from({ length: 41 }, (_, b) => [b.toString(36).padStart(2, "0"), 40 - b]),
          );
          const sorted = newestFirst(results, rank).map((r) => r.id);
          const expected = [...pages]
            .sort(([b1, p1], [b2, p2]) => b2 - b1 || p2 - p1)
            .map(([b, p]) => `${b.toString(36).padStart(2, "0")}${p.toString(36)}`);
          expect(sorted).toEqual(expected);
        },
      ),
    );
  });
});
