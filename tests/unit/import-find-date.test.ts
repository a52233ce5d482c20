import { describe, expect, it } from "vitest";
import {
  findCaptionDate,
  findDateline,
  findDateLine,
  parseWrittenDay,
} from "../../src/import/find-date.ts";

describe("a date that stands alone", () => {
  it("reads day, month name and year", () => {
    expect(parseWrittenDay("13 November 2024")).toEqual({ year: 2024, month: 11, day: 13 });
  });

  it("reads month name, day and year, with an abbreviated month", () => {
    expect(parseWrittenDay("Nov. 13, 2024")).toEqual({ year: 2024, month: 11, day: 13 });
  });

  it("reads an ISO date", () => {
    expect(parseWrittenDay("2024-11-13")).toEqual({ year: 2024, month: 11, day: 13 });
  });

  it("reads a month and day without a year, as wire datelines write them", () => {
    expect(parseWrittenDay("Nov 13")).toEqual({ month: 11, day: 13 });
  });

  it("does not take a weekday or a month and year for a date", () => {
    expect(parseWrittenDay("Tuesday")).toBeUndefined();
    expect(parseWrittenDay("February 2022")).toBeUndefined();
  });

  it("does not read a date out of a sentence", () => {
    expect(parseWrittenDay("Born in Leeds on 5 April 1920")).toBeUndefined();
  });

  it("ignores a day that the month does not have", () => {
    expect(parseWrittenDay("30 February 2024")).toBeUndefined();
  });
});

describe("datelines", () => {
  it("reads an agency dateline without a year", () => {
    expect(findDateline("BRUSSELS, Nov 13 (Reuters) - NATO said on Wednesday")).toEqual({
      month: 11,
      day: 13,
      text: "BRUSSELS, Nov 13 (Reuters) -",
    });
  });

  it("reads a dateline with a year and a comma inside its date", () => {
    expect(findDateline("LONDON, March 3, 1987 - Shares rose.")).toMatchObject({
      year: 1987,
      month: 3,
      day: 3,
    });
  });

  it("reads a dateline whose place has two parts", () => {
    expect(findDateline("COMMACK, N.Y., Feb 26 - The company said")).toMatchObject({
      month: 2,
      day: 26,
    });
  });

  it("does not take the span of a life for a dateline", () => {
    expect(
      findDateline("Jane Doe, March 3, 1920 - Jan 5, 2005, sang every summer."),
    ).toBeUndefined();
  });

  it("finds no dateline in a paragraph that only mentions a date", () => {
    expect(findDateline("The singer, born on 5 April 1920 - in Leeds - died.")).toBeUndefined();
  });
});

describe("date lines and captions", () => {
  it("reads a line that holds only a date, with a label", () => {
    expect(findDateLine("Published: 14 March 2005")).toEqual({ year: 2005, month: 3, day: 14 });
  });

  it("does not take a sentence for a date line", () => {
    expect(findDateLine("He was born on 14 March 1920.")).toBeUndefined();
  });

  it("reads the day a photo was taken from the end of its caption", () => {
    expect(
      findCaptionDate(
        "Blinken (L) and Rutte (R) shake hands in Brussels, Belgium, 13 November 2024.",
      ),
    ).toEqual({ year: 2024, month: 11, day: 13 });
  });

  it("does not take a date in the middle of a caption for the day of the photo", () => {
    expect(findCaptionDate("A plaque marks 14 July 1789, when the Bastille fell.")).toBeUndefined();
  });
});
