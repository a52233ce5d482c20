import { describe, expect, it } from "vitest";
import {
  defaultCommonThreshold,
  MAX_RARE_TERM_ARTICLES,
  relatedArticles,
} from "../../src/collections/related.ts";
import { makeArticle, newestFirst } from "../helpers/make-article.ts";

describe("related articles", () => {
  // "Oil" is on every article, "OPEC" on three, "Subroto" on two: rarer names weigh more.
  const target = makeArticle("target", "1987-03-10", {
    topics: ["Oil", "OPEC"],
    people: ["Subroto"],
  });
  const subroto = makeArticle("subroto", "1987-03-01", { topics: ["Oil"], people: ["Subroto"] });
  const opecOld = makeArticle("opec-old", "1987-02-01", { topics: ["Oil", "OPEC"] });
  const opecNew = makeArticle("opec-new", "1987-03-20", { topics: ["Oil", "OPEC"] });
  const oilOnly = makeArticle("oil-only", "1987-03-11", { topics: ["Oil"] });
  const unrelated = makeArticle("unrelated", "1987-03-10", { topics: ["Grain"] });
  const archive = newestFirst([target, subroto, opecOld, opecNew, oilOnly, unrelated]);

  it("ranks the article sharing the most distinctive name first", () => {
    const related = relatedArticles(archive).get(target)!;
    expect(related[0]!.article.slug).toBe("subroto");
    expect(related[0]!.shared.map((t) => t.name)).toEqual(["Subroto", "Oil"]);
  });

  it("includes newer and older articles, breaking ties by closeness in time", () => {
    const slugs = relatedArticles(archive)
      .get(target)!
      .map((r) => r.article.slug);
    // opec-new (10 days later) and opec-old (37 days earlier) score the same.
    expect(slugs.slice(1, 3)).toEqual(["opec-new", "opec-old"]);
  });

  it("leaves out articles that share nothing, and names shared by every article", () => {
    const related = relatedArticles(archive)
      .get(target)!
      .map((r) => r.article.slug);
    expect(related).not.toContain("unrelated");
    // Oil is on 5 of 6 articles: it still counts, a little.
    expect(related).toContain("oil-only");
    expect(relatedArticles(archive).get(unrelated)).toEqual([]);
  });

  it("breaks a tie of score and closeness by URL, whatever the input order", () => {
    const a = makeArticle("a", "1987-03-10", { people: ["X"] });
    const b = makeArticle("b", "1987-03-12", { people: ["X"] });
    const c = makeArticle("c", "1987-03-08", { people: ["X"] });
    const other = makeArticle("other", "1987-03-09", { people: ["Y"] });
    const forward = relatedArticles(newestFirst([a, b, c, other])).get(a)!;
    const backward = relatedArticles(newestFirst([other, c, b, a])).get(a)!;
    expect(forward.map((r) => r.article.slug)).toEqual(["b", "c"]);
    expect(backward.map((r) => r.article.slug)).toEqual(["b", "c"]);
  });

  it("ranks the nearest articles in time first among those sharing only a common name", () => {
    const hour = 3600_000;
    const stories = Array.from({ length: 300 }, (_, i) =>
      makeArticle(
        `story-${String(i).padStart(3, "0")}`,
        new Date(Date.UTC(1987, 0, 1) + i * hour).toISOString(),
        {
          places: ["USA"],
        },
      ),
    );
    const sorted = newestFirst([
      ...stories,
      makeArticle("elsewhere", "1987-06-01", { places: ["Japan"] }),
    ]);
    const related = relatedArticles(sorted, { commonThreshold: 10, window: 5, limit: 3 });
    const middle = stories[149]!;
    expect(related.get(middle)!.map((r) => r.article.slug)).toEqual([
      "story-148",
      "story-150",
      "story-147",
    ]);
  });

  it("counts a term as rare up to 2% of the archive, within bounds that keep the cost linear", () => {
    expect(defaultCommonThreshold(1_000)).toBe(50);
    expect(defaultCommonThreshold(19_045)).toBe(381);
    // Past 20,000 stories the bound holds: an article's candidates no longer grow with the archive.
    expect(defaultCommonThreshold(95_217)).toBe(MAX_RARE_TERM_ARTICLES);
    expect(defaultCommonThreshold(1_000_000)).toBe(MAX_RARE_TERM_ARTICLES);
  });
});
