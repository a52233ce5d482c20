import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  BundledSearch,
  newestFirstWeights,
  type MergedIndex,
} from "../../src/browser/bundled-search.ts";
import type { SearchBundleInfo } from "../../src/search/bundle-info.ts";
import { planBundles } from "../../src/search/bundles.ts";
import type {
  PagefindFilterCounts,
  PagefindOptions,
  PagefindSearch,
  PagefindSearchOptions,
} from "../../src/browser/pagefind.d.ts";

/** A story in a fake bundle: its date, words, score for the words, and topic. */
interface Story {
  url: string;
  date: string;
  words: string[];
  relevance: number;
  topic: string;
}

/**
 * A fake Pagefind instance that merges as Pagefind 1.6 does (pagefind.js `Pagefind.search`):
 * each bundle searches alone, a date-sorted search scoring each result by its place among the
 * bundle's pages (the sentinel, dated first, at 0), a relevance search by its own score (the
 * sentinel, which holds every word at weight 0, scoring 0); every
 * score is multiplied by the bundle's `indexWeight`; results are concatenated in merge order and
 * sorted by score, a stable sort; filter counts are summed.
 */
class FakeIndex implements MergedIndex {
  readonly merged: Array<{ bundle: Story[]; weight: number }> = [];
  destroyed = false;
  /** Searches run on this instance. */
  searches = 0;
  constructor(
    private readonly bundles: Map<string, Story[]>,
    private readonly log: string[],
    private readonly broken: Set<string>,
  ) {}

  async add(url: string, options: { indexWeight?: number }): Promise<void> {
    this.log.push(url);
    if (this.broken.has(url)) throw new Error(`Failed to load ${url}`);
    this.merged.push({ bundle: this.bundles.get(url)!, weight: options.indexWeight ?? 1 });
  }

  mergeIndex(url: string, options: PagefindOptions & { indexWeight?: number }): Promise<void> {
    return this.add(url, options);
  }

  async search(term: string | null, options: PagefindSearchOptions = {}): Promise<PagefindSearch> {
    this.searches++;
    const topics = (options.filters?.topic as { any: string[] } | undefined)?.any;
    const all = this.merged.flatMap(({ bundle, weight }) => {
      const pages = [
        // Every word of the archive, at weight 0.
        { url: "/sentinel/", date: "0000", words: ["oil", "gold"], relevance: 0, topic: "" },
        ...bundle,
      ];
      const byDate = [...pages].sort((a, b) => a.date.localeCompare(b.date));
      return pages
        .filter((s) => term === null || s.words.some((w) => w.startsWith(term)))
        .filter((s) => !topics || topics.includes(s.topic))
        .map((s) => ({
          story: s,
          score: (options.sort ? byDate.indexOf(s) : s.relevance) * weight,
        }));
    });
    const sorted = all.sort((a, b) => b.score - a.score);
    const counts: Record<string, number> = {};
    for (const { story } of sorted) counts[story.topic] = (counts[story.topic] ?? 0) + 1;
    return {
      results: sorted.map(({ story, score }) => ({
        id: story.url,
        score,
        data: async () => ({ url: story.url, excerpt: "", meta: { date: story.date } }),
      })),
      filters: { topic: counts },
    };
  }

  async filters(): Promise<PagefindFilterCounts> {
    return {};
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
  }
}

/**
 * Bundles of `perBundle` stories a day apart, newest bundle first, every story about "oil"; the
 * newest bundle split again at `newest` stories (by default, not split).
 */
function archive(
  bundleCount: number,
  perBundle: number,
  relevance = (i: number) => i % 7,
  newest = perBundle,
) {
  const stories: Story[] = [];
  for (let i = 0; i < bundleCount * perBundle; i++) {
    const day = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    stories.push({
      url: `/articles/${i}/`,
      date: day,
      words: ["oil", ...(i % 3 === 0 ? ["gold"] : [])],
      relevance: relevance(i) + 1,
      topic: i % 2 ? "Energy" : "Markets",
    });
  }
  const plan = planBundles(
    stories.map((s) => ({ day: s.date, url: s.url })),
    perBundle,
    newest,
  );
  const infos: SearchBundleInfo[] = plan.bundles.map(({ dir, from, to, pages }) => ({
    dir,
    from,
    to,
    pages,
  }));
  const byDir = new Map(
    infos.map((info) => [
      `/pagefind/${info.dir}`,
      stories.filter((s) => s.date >= info.from && s.date <= info.to),
    ]),
  );
  return { stories, infos, byDir };
}

function searcher(
  bundleCount: number,
  perBundle: number,
  broken: string[] = [],
  newest = perBundle,
) {
  const { stories, infos, byDir } = archive(bundleCount, perBundle, undefined, newest);
  const log: string[] = [];
  const opened: FakeIndex[] = [];
  const search = new BundledSearch(
    infos,
    async (info, options) => {
      const index = new FakeIndex(byDir, log, new Set(broken));
      opened.push(index);
      await index.add(`/pagefind/${info.dir}`, options);
      return index;
    },
    (info) => `/pagefind/${info.dir}`,
  );
  return { search, stories, infos, log, opened };
}

const urls = (found: { results: Array<{ id: string }> } | undefined) =>
  found?.results.map((r) => r.id) ?? [];

describe("searching the bundles as one", () => {
  it("leaves out each bundle's sentinel, which scores 0, from searches for words", async () => {
    const { search, stories } = searcher(2, 3);
    for (const [order, sort] of [
      ["relevance", undefined],
      ["newest", { date: "desc" as const }],
    ] as const) {
      const found = await search.search("gold", { sort }, order, Infinity);
      expect(urls(found)).not.toContain("/sentinel/");
      expect(found?.results).toHaveLength(stories.filter((s) => s.words.includes("gold")).length);
    }
  });

  it("orders newest first exactly across bundles, the oldest story of each included", async () => {
    const { search, stories } = searcher(4, 5);
    const found = await search.search("oil", { sort: { date: "desc" } }, "newest", Infinity);
    expect(found?.complete).toBe(true);
    expect(urls(found)).toEqual([...stories].reverse().map((s) => s.url));
  });

  it("opens only the newest bundles a first page of newest-first results needs", async () => {
    const { search, log } = searcher(4, 5);
    const first = await search.search("oil", { sort: { date: "desc" } }, "newest", 10);
    expect(first?.results).toHaveLength(10);
    expect(first?.complete).toBe(false);
    expect(log).toEqual(["/pagefind/", "/pagefind/2020-01-11/"]);
    // The next page opens one more bundle; all of them complete the count.
    const second = await search.search("oil", { sort: { date: "desc" } }, "newest", 15);
    expect(second?.results).toHaveLength(15);
    expect(log).toHaveLength(3);
    const all = await search.search("oil", { sort: { date: "desc" } }, "newest", Infinity);
    expect(all?.results).toHaveLength(20);
    expect(all?.complete).toBe(true);
  });

  it("keeps reaching older bundles while a rare word has filled no page", async () => {
    const { search, stories, log } = searcher(4, 5);
    const found = await search.search("gold", { sort: { date: "desc" } }, "newest", 3);
    expect(urls(found)).toEqual(
      [...stories]
        .reverse()
        .filter((s) => s.words.includes("gold"))
        .slice(0, urls(found).length)
        .map((s) => s.url),
    );
    expect(urls(found).length).toBeGreaterThanOrEqual(3);
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
    const { stories, infos, byDir } = archive(5, 4);
    const log: string[] = [];
    let inFlight = 0;
    let most = 0;
    const search = new BundledSearch(
      infos,
      async (info, options) => {
        const index = new FakeIndex(byDir, log, new Set());
        const merge = index.mergeIndex.bind(index);
        // Each merge takes a while, as fetching a bundle's entry and metadata does.
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
    const found = await search.search("oil", { sort: { date: "desc" } }, "newest", Infinity);
    expect(most).toBe(4);
    expect(log).toEqual(infos.map((info) => `/pagefind/${info.dir}`));
    expect(urls(found)).toEqual([...stories].reverse().map((s) => s.url));
  });

  it("counts facet values over every bundle, and ORs one facet's values", async () => {
    const { search, stories } = searcher(3, 4);
    const found = await search.search(
      "oil",
      { filters: { topic: { any: ["Energy", "Markets"] } } },
      "relevance",
      Infinity,
    );
    expect(found?.search.filters.topic).toEqual({
      Energy: stories.filter((s) => s.topic === "Energy").length,
      Markets: stories.filter((s) => s.topic === "Markets").length,
    });
  });

  it("leaves out a bundle that fails to load, names it, and searches the others", async () => {
    const { search, stories, infos, opened } = searcher(4, 5, ["/pagefind/2020-01-06/"]);
    const found = await search.search("oil", { sort: { date: "desc" } }, "newest", Infinity);
    const lost = infos.find((b) => b.dir === "2020-01-06/")!;
    expect(search.failed).toEqual([lost]);
    expect(urls(found)).toEqual(
      [...stories]
        .reverse()
        .filter((s) => s.date < lost.from || s.date > lost.to)
        .map((s) => s.url),
    );
    // The instance the failed merge spoiled was given up, and a fresh one took the rest.
    expect(opened[0]!.destroyed).toBe(true);
  });

  it("falls back to the next bundle when the newest cannot be opened", async () => {
    const { search, stories } = searcher(2, 3, ["/pagefind/"]);
    const found = await search.search("oil", { sort: { date: "desc" } }, "newest", Infinity);
    expect(urls(found)).toEqual(
      stories
        .slice(0, 3)
        .reverse()
        .map((s) => s.url),
    );
    expect(search.failed.map((b) => b.dir)).toEqual([""]);
  });

  it("says so when no bundle can be loaded", async () => {
    const { search } = searcher(1, 3, ["/pagefind/"]);
    expect(await search.search("oil", {}, "relevance", 10)).toBeUndefined();
  });

  it("weights keep every bundle's scores apart, for any bundle sizes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 9000 }), { minLength: 1, maxLength: 40 }),
        (pages) => {
          const bundles = pages.map((n, i) => ({ dir: `${i}/`, from: "", to: "", pages: n }));
          const weights = newestFirstWeights(bundles);
          for (let i = 0; i + 1 < bundles.length; i++) {
            // The lowest real score of a newer bundle beats the highest of the next older one.
            expect(1 * weights[i]!).toBeGreaterThan(bundles[i + 1]!.pages * weights[i + 1]!);
            expect(Number.isFinite(weights[i]!)).toBe(true);
          }
        },
      ),
    );
  });
});
