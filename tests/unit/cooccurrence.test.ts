import { describe, expect, it } from "vitest";
import { cooccurrence } from "../../src/collections/cooccurrence.ts";
import { makeArticle, newestFirst } from "../helpers/make-article.ts";

describe("who appears with whom", () => {
  const articles = newestFirst([
    makeArticle("a", "1987-03-01", { people: ["Baker", "Volcker"], topics: ["Dollar"] }),
    makeArticle("b", "1987-03-02", { people: ["Baker", "Volcker"] }),
    makeArticle("c", "1987-03-03", { people: ["Baker"], topics: ["Dollar"] }),
    makeArticle("d", "1987-03-04", { people: ["Baker", "Stoltenberg"] }),
  ]);

  it("lists the terms sharing most articles with a term, with counts", () => {
    const { byTerm } = cooccurrence(articles);
    expect(byTerm.get("people:baker")!.map((co) => [co.term.name, co.count])).toEqual([
      ["Dollar", 2],
      ["Volcker", 2],
      ["Stoltenberg", 1],
    ]);
  });

  it("makes a page of shared articles only for pairs with at least two, newest first", () => {
    const { pairs, byTerm } = cooccurrence(articles);
    expect(pairs.map((p) => [p.a.name, p.b.name, p.articles.map((a) => a.slug)])).toEqual([
      ["Baker", "Volcker", ["b", "a"]],
      ["Baker", "Dollar", ["c", "a"]],
    ]);
    expect(
      byTerm.get("people:baker")!.find((co) => co.term.name === "Stoltenberg")!.pairKey,
    ).toBeUndefined();
  });

  it("gives both terms of a pair the same pair page", () => {
    const { byTerm } = cooccurrence(articles);
    const fromBaker = byTerm.get("people:baker")!.find((co) => co.term.name === "Volcker")!.pairKey;
    const fromVolcker = byTerm
      .get("people:volcker")!
      .find((co) => co.term.name === "Baker")!.pairKey;
    expect(fromBaker).toBe("people:baker|people:volcker");
    expect(fromVolcker).toBe(fromBaker);
  });

  it("keeps the number of pair pages bounded by the list length", () => {
    const crowd = newestFirst(
      Array.from({ length: 3 }, (_, i) =>
        makeArticle(`s${i}`, `1987-03-0${i + 1}`, {
          people: Array.from({ length: 12 }, (_, p) => `P${p}`),
        }),
      ),
    );
    const { pairs } = cooccurrence(crowd, { limit: 2 });
    // 12 people, each listing 2 partners: at most 12 × 2 pairs, not 66.
    expect(pairs.length).toBeLessThanOrEqual(24);
    expect(pairs.length).toBeGreaterThan(0);
  });
});
