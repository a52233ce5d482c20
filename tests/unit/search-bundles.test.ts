import { describe, expect, it } from "vitest";
import { archiveVocabulary, planBundles } from "../../src/search/bundles.ts";
import { defaultNewestBundleSize } from "../../src/config/site.ts";
import { makeArticle } from "../helpers/make-article.ts";

const story = (day: string, n: number) => ({ day, url: `/articles/${day}-${n}/` });

describe("search bundles", () => {
  it("seals whole days from the oldest once a bundle holds enough stories; the rest is the newest", () => {
    const stories = [
      story("2024-01-01", 1),
      story("2024-01-01", 2),
      story("2024-01-01", 3),
      story("2024-01-02", 1),
      story("2024-01-03", 1),
      story("2024-01-03", 2),
      story("2024-01-04", 1),
    ];
    const plan = planBundles([...stories].reverse(), 2);
    expect(plan.bundles).toEqual([
      { id: "2024-01-04", dir: "", from: "2024-01-04", to: "2024-01-04", pages: 1 },
      { id: "2024-01-02", dir: "2024-01-02/", from: "2024-01-02", to: "2024-01-03", pages: 3 },
      // A day is never split, even past the size.
      { id: "2024-01-01", dir: "2024-01-01/", from: "2024-01-01", to: "2024-01-01", pages: 3 },
    ]);
    expect(plan.bundleOf.get("articles/2024-01-03-2/index.html")).toBe("2024-01-02");
    expect(plan.bundleOf.size).toBe(stories.length);
  });

  it("keeps sealed bundles as they were when newer stories arrive", () => {
    const old = [story("2024-01-01", 1), story("2024-01-02", 1), story("2024-01-03", 1)];
    const before = planBundles(old, 2).bundles.filter((b) => b.dir);
    const after = planBundles([...old, story("2024-01-04", 1), story("2024-01-04", 2)], 2);
    expect(after.bundles.filter((b) => b.dir !== "").slice(-before.length)).toEqual(before);
  });

  it("splits the stories after the last sealed bundle again, so that the newest bundle stays small", () => {
    const days = (from: number, to: number, perDay = 1) =>
      Array.from({ length: to - from + 1 }, (_, i) =>
        Array.from({ length: perDay }, (_, n) =>
          story(`2024-01-${String(from + i).padStart(2, "0")}`, n),
        ),
      ).flat();
    const ids = (plan: ReturnType<typeof planBundles>) =>
      plan.bundles.map(({ id, dir, pages }) => ({ id, dir, pages }));
    // A sealed bundle of 10 stories, then 7 after it: runs of 2 are 01 (3 stories), 02–03, 04–05.
    const sealed = Array.from({ length: 10 }, (_, n) => story("2023-12-01", n));
    const SEALED = { id: "2023-12-01", dir: "2023-12-01/", pages: 10 };
    const seven = [...sealed, ...days(1, 1, 3), ...days(2, 5)];
    expect(ids(planBundles(seven, 10, 2))).toEqual([
      { id: "2024-01-04", dir: "", pages: 2 },
      { id: "2024-01-01", dir: "2024-01-01/", pages: 5 },
      SEALED,
    ]);
    // A new day makes a new newest bundle; the full run before it joins the merged one.
    expect(ids(planBundles([...seven, ...days(6, 6)], 10, 2))).toEqual([
      { id: "2024-01-06", dir: "", pages: 1 },
      { id: "2024-01-01", dir: "2024-01-01/", pages: 7 },
      SEALED,
    ]);
    // A story more on the newest day changes only the newest bundle.
    expect(ids(planBundles([...seven, ...days(6, 6), story("2024-01-06", 9)], 10, 2))).toEqual([
      { id: "2024-01-06", dir: "", pages: 2 },
      { id: "2024-01-01", dir: "2024-01-01/", pages: 7 },
      SEALED,
    ]);
    expect(ids(planBundles([...seven, ...days(6, 8)], 10, 2))).toEqual([
      { id: "2024-01-08", dir: "", pages: 1 },
      { id: "2024-01-01", dir: "2024-01-01/", pages: 9 },
      SEALED,
    ]);
    // Past 10 stories they are sealed as one bundle, under the merged one's name.
    expect(ids(planBundles([...seven, ...days(6, 9)], 10, 2))).toEqual([
      { id: "2024-01-09", dir: "", pages: 1 },
      { id: "2024-01-01", dir: "2024-01-01/", pages: 10 },
      SEALED,
    ]);
    // A newest size at or above the bundle size leaves the stories after the last sealed bundle whole.
    expect(ids(planBundles(seven, 10, 10))).toEqual([
      { id: "2024-01-01", dir: "", pages: 7 },
      SEALED,
    ]);
    // An archive without a sealed bundle stays one bundle.
    expect(ids(planBundles(seven.slice(10), 10, 2))).toEqual([
      { id: "2024-01-01", dir: "", pages: 7 },
    ]);
  });

  it("puts every story in exactly one bundle, and a publish re-indexes a fraction of a bundle", () => {
    // Stories a day's publish re-indexes, on average over 600 days of 1 to 4 stories.
    const reindexed = (newest: number) => {
      // A sealed bundle from the start: an archive smaller than one bundle is not split.
      const stories = Array.from({ length: 400 }, (_, n) => story("2023-12-31", n));
      let total = 0;
      let previous = planBundles(stories, 400, newest);
      for (let day = 0; day < 600; day++) {
        const date = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
        for (let n = 0; n < 1 + (day % 4); n++) stories.push(story(date, n));
        const plan = planBundles(stories, 400, newest);
        expect(plan.bundleOf.size).toBe(stories.length);
        expect(plan.bundles.reduce((sum, b) => sum + b.pages, 0)).toBe(stories.length);
        expect(plan.bundles.filter((b) => b.dir === "")).toHaveLength(1);
        const before = new Map(previous.bundles.map((b) => [b.id, JSON.stringify(b)]));
        const changed = plan.bundles.filter((b) => before.get(b.id) !== JSON.stringify(b));
        // At most the newest, the merged one and the one sealed from it.
        expect(changed.length).toBeLessThanOrEqual(2);
        total += changed.reduce((sum, b) => sum + b.pages, 0);
        previous = plan;
      }
      return total / 600;
    };
    const split = reindexed(defaultNewestBundleSize(400));
    const whole = reindexed(400);
    expect(split).toBeLessThan(whole / 4);
  });

  it("has no bundle for an empty archive, and refuses a size below one", () => {
    expect(planBundles([], 10).bundles).toEqual([]);
    expect(() => planBundles([story("2024-01-01", 1)], 0)).toThrow("at least 1 story");
    expect(() => planBundles([story("2024-01-01", 1)], 4, 0)).toThrow(
      "The newest search bundle must hold at least 1 story, not 0",
    );
  });

  it("collects every word the search indexes, once, in lower case", () => {
    const article = {
      ...makeArticle("harbour", "2024-11-13", { people: ["Ada Lovelace"] }),
      title: "Harbour Cranes Return",
      body: "The cranes came back to the quay, at 7.30 a.m.",
      dek: "Dockers cheer",
      images: [{ caption: "A crane", credit: "EPA" }],
    };
    const words = archiveVocabulary({ articles: [article] });
    for (const word of [
      "harbour",
      "cranes",
      "quay",
      "7",
      "30",
      "dockers",
      "crane",
      "epa",
      "lovelace",
    ]) {
      expect(words).toContain(word);
    }
    expect(new Set(words).size).toBe(words.length);
  });
});
