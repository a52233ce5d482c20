import { describe, expect, it } from "vitest";
import { monthlyTimeline } from "../../src/collections/timeline.ts";
import { makeArticle, newestFirst } from "../helpers/make-article.ts";

describe("a term's timeline", () => {
  it("counts articles per month from the first to the last, empty months included", () => {
    const timeline = monthlyTimeline(
      newestFirst([
        makeArticle("a", "1987-02-26"),
        makeArticle("b", "1987-02-27"),
        makeArticle("c", "1987-04-01"),
      ]),
    );
    expect(timeline.months.map((m) => [m.key, m.count])).toEqual([
      ["1987-02", 2],
      ["1987-03", 0],
      ["1987-04", 1],
    ]);
    expect(timeline.first?.slug).toBe("a");
    expect(timeline.last?.slug).toBe("c");
  });

  it("crosses a year boundary", () => {
    const timeline = monthlyTimeline(
      newestFirst([makeArticle("a", "1986-12-31"), makeArticle("b", "1987-01-01")]),
    );
    expect(timeline.months.map((m) => m.key)).toEqual(["1986-12", "1987-01"]);
  });

  it("is empty for no articles", () => {
    expect(monthlyTimeline([])).toEqual({ months: [] });
  });
});
