import { describe, expect, it } from "vitest";
import { MAX_BUNDLES, planBundles, type BundlePlan } from "../../src/search/bundles.ts";
import { defaultNewestBundleSize } from "../../src/config/site.ts";

const story = (day: string, n: number) => ({ day, url: `/articles/${day}-${n}/` });

/** `perDay` stories on each day of January 2024 from `from` to `to`. */
const days = (from: number, to: number, perDay = 1) =>
  Array.from({ length: to - from + 1 }, (_, i) =>
    Array.from({ length: perDay }, (_, n) =>
      story(`2024-01-${String(from + i).padStart(2, "0")}`, n),
    ),
  ).flat();

/** The bundles, newest first, as the search page lists them, without their days. */
const levels = (plan: BundlePlan) =>
  plan.bundles.map(({ id, dir, tag, pages, shards }) => ({ id, dir, tag, pages, shards }));

describe("search shards and bundles", () => {
  it("groups whole days into shards from the oldest, sealed once they hold enough stories", () => {
    const stories = [
      story("2024-01-01", 1),
      story("2024-01-01", 2),
      story("2024-01-01", 3),
      story("2024-01-02", 1),
      story("2024-01-03", 1),
      story("2024-01-03", 2),
      story("2024-01-04", 1),
    ];
    const plan = planBundles([...stories].reverse(), 100, 2);
    expect(plan.shards).toEqual([
      // A day is never split, even past the size.
      { id: "2024-01-01", from: "2024-01-01", to: "2024-01-01", pages: 3 },
      { id: "2024-01-02", from: "2024-01-02", to: "2024-01-03", pages: 3 },
      { id: "2024-01-04", from: "2024-01-04", to: "2024-01-04", pages: 1 },
    ]);
    expect(plan.shardOf.get("articles/2024-01-03-2/index.html")).toBe("2024-01-02");
    expect(plan.shardOf.size).toBe(stories.length);
    // Every page in date order, oldest first, whatever order the stories came in.
    expect([...plan.shardOf.keys()]).toEqual(
      stories.map((s) => `articles${s.url.slice("/articles".length)}index.html`),
    );
  });

  it("orders a day's stories by their time, then by address", () => {
    const plan = planBundles(
      [
        { day: "2024-01-01", time: "2024-01-01T15:00:00.000Z", url: "/articles/a/" },
        { day: "2024-01-01", time: "2024-01-01T09:00:00.000Z", url: "/articles/b/" },
        { day: "2024-01-01", time: "2024-01-01T09:00:00.000Z", url: "/articles/a0/" },
      ],
      10,
      10,
    );
    expect([...plan.shardOf.keys()]).toEqual([
      "articles/a0/index.html",
      "articles/b/index.html",
      "articles/a/index.html",
    ]);
  });

  it("makes sealed bundles, smaller sealed bundles, a merged bundle and the newest shard alone", () => {
    // Shards of 2 stories (the last day alone), bundles of 16: smaller sealed ones hold 4.
    const plan = planBundles(days(1, 31), 16, 2);
    expect(plan.shards.map((s) => s.pages)).toEqual([...Array(15).fill(2), 1]);
    const shard = (day: number) => `2024-01-${String(day).padStart(2, "0")}`;
    expect(levels(plan)).toEqual([
      // The newest shard alone: what a publish of new stories indexes again.
      { id: shard(31), dir: `${shard(31)}/`, tag: "05", pages: 1, shards: [shard(31)] },
      // The shards after the smaller sealed bundles, merged, less than a quarter of the size.
      { id: shard(29), dir: `${shard(29)}/`, tag: "04", pages: 2, shards: [shard(29)] },
      // Smaller sealed bundles, of a quarter of the size, after the last full one.
      ...[25, 21, 17].map((day, i) => ({
        id: shard(day),
        dir: `${shard(day)}/`,
        tag: `0${3 - i}`,
        pages: 4,
        shards: [shard(day), shard(day + 2)],
      })),
      // A sealed bundle of the full size.
      {
        id: shard(1),
        dir: `${shard(1)}/`,
        tag: "00",
        pages: 16,
        shards: [1, 3, 5, 7, 9, 11, 13, 15].map(shard),
      },
    ]);
    expect(plan.bundleOf.get("articles/2024-01-30-0/index.html")).toBe(shard(29));
    expect(plan.bundles.map((b) => [b.from, b.to])).toContainEqual([shard(17), shard(20)]);
  });

  it("keeps an archive of one shard as one bundle", () => {
    const plan = planBundles(days(1, 3), 16, 10);
    expect(levels(plan)).toEqual([
      { id: "2024-01-01", dir: "2024-01-01/", tag: "00", pages: 3, shards: ["2024-01-01"] },
    ]);
  });

  it("keeps sealed bundles as they were when newer stories arrive, and compacts smaller ones", () => {
    const before = planBundles(days(1, 24), 16, 2);
    const after = planBundles([...days(1, 24), ...days(25, 31, 3)], 16, 2);
    const full = (plan: BundlePlan) => levels(plan).filter((b) => b.pages >= 16);
    // The sealed bundle of the full size keeps its name, tag, shards and so its files.
    expect(full(before)).toHaveLength(1);
    expect(full(after).at(-1)).toEqual(full(before)[0]);
    // Shards before the newest keep their stories.
    expect(after.shards.slice(0, before.shards.length - 1)).toEqual(before.shards.slice(0, -1));
    // Before: a smaller sealed bundle (17-20) and the merged one (21-22); once the stories after
    // the full bundle reach its size, they are sealed as one, under the oldest one's name.
    expect(levels(before).map((b) => [b.id, b.pages])).toEqual([
      ["2024-01-23", 2],
      ["2024-01-21", 2],
      ["2024-01-17", 4],
      ["2024-01-01", 16],
    ]);
    expect(levels(after)[3]).toMatchObject({ id: "2024-01-17", tag: "01", pages: 17 });
  });

  it("puts every story in one shard and one bundle, and a publish re-indexes only the newest shard", () => {
    const shardSize = defaultNewestBundleSize(400);
    // A sealed bundle from the start, then 300 days of 1 to 4 stories, one publish a day.
    const stories = Array.from({ length: 400 }, (_, n) => story("2023-12-31", n));
    let previous = planBundles(stories, 400, shardSize);
    let bundlesChanged = 0;
    for (let day = 0; day < 300; day++) {
      const date = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
      for (let n = 0; n < 1 + (day % 4); n++) stories.push(story(date, n));
      const plan = planBundles(stories, 400, shardSize);
      expect(plan.bundleOf.size).toBe(stories.length);
      expect(plan.shardOf.size).toBe(stories.length);
      expect(plan.bundles.reduce((sum, b) => sum + b.pages, 0)).toBe(stories.length);
      expect(plan.shards.reduce((sum, s) => sum + s.pages, 0)).toBe(stories.length);
      // Each shard in exactly one bundle, in order.
      expect([...plan.bundles].reverse().flatMap((b) => b.shards)).toEqual(
        plan.shards.map((s) => s.id),
      );
      // Only the newest shard is new or changed: Pagefind indexes it and nothing else.
      const before = new Map(previous.shards.map((s) => [s.id, JSON.stringify(s)]));
      const changed = plan.shards.filter((s) => before.get(s.id) !== JSON.stringify(s));
      expect(changed).toEqual([plan.shards.at(-1)]);
      expect(changed[0]!.pages).toBeLessThan(shardSize + 4);
      const bundlesBefore = new Map(previous.bundles.map((b) => [b.id, JSON.stringify(b)]));
      bundlesChanged += plan.bundles
        .filter((b) => bundlesBefore.get(b.id) !== JSON.stringify(b))
        .filter((b) => b.id !== plan.bundles[0]!.id).length;
      previous = plan;
    }
    // Older bundles are merged again once in many publishes (when a shard is sealed), not daily.
    expect(bundlesChanged).toBeLessThan(300 / 10);
  }, 20_000);

  it("names each bundle's pages by a tag counted from the oldest bundle", () => {
    const plan = planBundles(days(1, 31), 4, 1);
    expect(plan.bundles.map((b) => b.tag)).toEqual(
      plan.bundles.map((_, i) => (plan.bundles.length - 1 - i).toString(36).padStart(2, "0")),
    );
    expect(new Set(plan.bundles.map((b) => b.dir)).size).toBe(plan.bundles.length);
  });

  it("has no shard or bundle for an empty archive, and refuses a size below one", () => {
    expect(planBundles([], 10)).toMatchObject({ bundles: [], shards: [] });
    expect(() => planBundles([story("2024-01-01", 1)], 0)).toThrow("at least 1 story");
    expect(() => planBundles([story("2024-01-01", 1)], 4, 0)).toThrow(
      "The newest search bundle must hold at least 1 story, not 0",
    );
  });

  it("refuses more bundles than two characters can tag, naming the setting to raise", () => {
    const many = Array.from({ length: MAX_BUNDLES + 2 }, (_, i) =>
      story(new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10), 0),
    );
    expect(() => planBundles(many, 1, 1)).toThrow("raise search.bundleSize");
  });
});
