import { parse, type HTMLElement } from "node-html-parser";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { monthlyTimeline, yearTicks, type TimelineMonth } from "../../src/collections/timeline.ts";
import { TimelineChart } from "../../src/templates/TimelineChart.tsx";
import { makeArticle, newestFirst } from "../helpers/make-article.ts";

/** `n` consecutive months from `year`-`month`, counted by `count(index)`. */
function months(year: number, month: number, n: number, count: (i: number) => number) {
  return Array.from({ length: n }, (_, i): TimelineMonth => {
    const index = year * 12 + month - 1 + i;
    const y = String(Math.floor(index / 12));
    const m = String((index % 12) + 1).padStart(2, "0");
    return { key: `${y}-${m}`, year: y, month: m, count: count(i) };
  });
}

function chart(list: TimelineMonth[]): HTMLElement {
  const html = renderToString(
    h(TimelineChart, {
      label: "Articles about Ada per month",
      months: list,
      monthUrl: (m: TimelineMonth) => `/people/ada/${m.year}/${m.month}/`,
    }),
  );
  return parse(html);
}

const visibleLabels = (root: HTMLElement) =>
  root.querySelectorAll("svg text.timeline-label").map((t) => t.text);

/** A percentage attribute as a number: `12.5%` → 12.5. */
const percent = (value: string | undefined) => {
  expect(value).toMatch(/^-?[\d.]+%$/);
  return Number(value!.slice(0, -1));
};

describe("a timeline of a single month", () => {
  // Ada's three stories all in November 2024.
  const timeline = monthlyTimeline(
    newestFirst([
      makeArticle("a", "2024-11-02"),
      makeArticle("b", "2024-11-13"),
      makeArticle("c", "2024-11-20"),
    ]),
  );
  const root = chart(timeline.months);

  it("is one bar of full height standing on a baseline, not a block filling the chart", () => {
    const bars = root.querySelectorAll("rect.timeline-bar");
    expect(bars).toHaveLength(1);
    const bar = bars[0]!;
    expect(Number(bar.getAttribute("height"))).toBeGreaterThan(50);
    expect(percent(bar.getAttribute("width"))).toBeLessThanOrEqual(10);
    const axis = root.querySelector("svg line.timeline-axis")!;
    expect(axis).not.toBeNull();
    expect(axis.getAttribute("x1")).toBe("0");
    expect(axis.getAttribute("x2")).toBe("100%");
    // The bar stands on the baseline.
    expect(Number(bar.getAttribute("y")) + Number(bar.getAttribute("height"))).toBeCloseTo(
      Number(axis.getAttribute("y1")),
    );
  });

  it("names the month and writes its count", () => {
    expect(visibleLabels(root)).toEqual(["November 2024"]);
    expect(root.querySelectorAll("svg text.timeline-value").map((t) => t.text)).toEqual(["3"]);
    expect(root.querySelector("svg a")!.getAttribute("aria-label")).toBe(
      "November 2024: 3 articles",
    );
  });

  it("keeps the counts table", () => {
    const rows = root
      .querySelectorAll(".timeline-table tbody tr")
      .map((tr) => [tr.querySelector("th")!.text, tr.querySelector("td")!.text]);
    expect(rows).toEqual([["November 2024", "3"]]);
  });
});

describe("a timeline's look", () => {
  it("comes from classes only: no style attribute, no style element, no colour in the markup", () => {
    for (const list of [months(2024, 11, 1, () => 3), months(1987, 2, 360, (i) => i % 7)]) {
      const html = chart(list).toString();
      expect(html).not.toMatch(/\sstyle=/);
      expect(html).not.toMatch(/<style/);
      expect(html).not.toMatch(/\s(fill|stroke)=/);
      expect(html).not.toMatch(/preserveAspectRatio="none"/);
    }
  });

  it("keeps a month of one article visible beside a month of hundreds", () => {
    const root = chart(months(2020, 1, 3, (i) => [500, 1, 0][i]!));
    const heights = root
      .querySelectorAll("rect.timeline-bar")
      .map((r) => Number(r.getAttribute("height")));
    expect(heights[0]).toBeGreaterThan(heights[1]!);
    expect(heights[1]).toBeGreaterThanOrEqual(2);
    expect(heights[2]).toBe(0);
  });
});

describe("a timeline of a few months", () => {
  it("names each month under its bar and the year under the first and each January", () => {
    const root = chart(months(2024, 11, 4, (i) => i + 1));
    expect(visibleLabels(root)).toEqual(["Nov", "Dec", "Jan", "Feb", "2024", "2025"]);
    expect(root.querySelectorAll("svg text.timeline-value").map((t) => t.text)).toEqual([
      "1",
      "2",
      "3",
      "4",
    ]);
  });
});

describe("a timeline of thirty years", () => {
  // March 1987 to February 2017: 360 months.
  const list = months(1987, 3, 360, (i) => (i * 37) % 11);
  const root = chart(list);

  it("draws every month", () => {
    expect(root.querySelectorAll("rect.timeline-bar")).toHaveLength(360);
  });

  it("labels years on round numbers, few enough not to crowd", () => {
    const labels = root
      .querySelectorAll("svg text.timeline-label")
      .map((t) => t.text)
      .filter((t) => /^\d{4}$/.test(t));
    // 2015 is ticked but not written: its label would run off a phone-wide chart.
    expect(labels).toEqual(["1990", "1995", "2000", "2005", "2010"]);
    expect(labels.length).toBeLessThanOrEqual(12);
  });

  it("marks every January with a tick, in order along the axis", () => {
    const ticks = root
      .querySelectorAll("svg line.timeline-tick")
      .map((l) => percent(l.getAttribute("x1")));
    expect(ticks).toHaveLength(30);
    expect([...ticks].sort((a, b) => a - b)).toEqual(ticks);
    expect(ticks.every((x) => x >= 0 && x < 100)).toBe(true);
  });

  it("states the scale: the most articles in a month", () => {
    expect(visibleLabels(root)).toContain("Most in a month: 10");
  });
});

describe("year ticks", () => {
  it("label every year of a span of a few years, the first one at the start", () => {
    const ticks = yearTicks(months(2022, 6, 30, () => 1));
    expect(ticks.filter((t) => t.labelled).map((t) => [t.year, t.index])).toEqual([
      ["2022", 0],
      ["2023", 7],
      ["2024", 19],
    ]);
  });

  it("leave out the first year when the next label is too close to it", () => {
    // December 2022 to July 2024: "2022" would run into "2023" one bar along.
    const ticks = yearTicks(months(2022, 12, 20, () => 1));
    expect(ticks.filter((t) => t.labelled).map((t) => t.year)).toEqual(["2023", "2024"]);
  });

  it("mark but do not write a year too near the end for its label to fit", () => {
    // December 2022 to January 2024: January 2024 is the last bar.
    const ticks = yearTicks(months(2022, 12, 14, () => 1));
    expect(ticks.map((t) => [t.year, t.labelled])).toEqual([
      ["2023", true],
      ["2024", false],
    ]);
  });

  it("never write more than seven labels, from a year to a century", () => {
    for (const years of [2, 5, 8, 15, 30, 60, 100]) {
      const ticks = yearTicks(months(1950, 1, years * 12, () => 1));
      const labelled = ticks.filter((t) => t.labelled);
      expect(labelled.length).toBeGreaterThan(0);
      expect(labelled.length).toBeLessThanOrEqual(7);
      // Round years, at least an eighth of the chart apart.
      const indexes = labelled.filter((t) => t.index > 0).map((t) => t.index);
      for (let i = 1; i < indexes.length; i++) {
        expect(indexes[i]! - indexes[i - 1]!).toBeGreaterThanOrEqual((years * 12) / 8);
      }
      expect(labelled.every((t) => t.index / (years * 12) <= 0.88)).toBe(true);
    }
  });
});
