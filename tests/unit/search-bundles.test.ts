import { describe, expect, it } from "vitest";
import { archiveVocabulary, planBundles } from "../../src/search/bundles.ts";
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

  it("has no bundle for an empty archive, and refuses a size below one", () => {
    expect(planBundles([], 10).bundles).toEqual([]);
    expect(() => planBundles([story("2024-01-01", 1)], 0)).toThrow("at least 1 story");
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
