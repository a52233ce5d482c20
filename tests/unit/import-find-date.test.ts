import { describe, expect, it } from "vitest";
import { findDateInText } from "../../src/import/find-date.ts";

describe("dates written in a story", () => {
  it("reads day, month name and year", () => {
    expect(findDateInText("in Brussels, Belgium, 13 November 2024.")).toBe("2024-11-13");
  });

  it("reads month name, day and year, with an abbreviated month", () => {
    expect(findDateInText("Filed Nov. 13, 2024 at noon")).toBe("2024-11-13");
  });

  it("reads an ISO date", () => {
    expect(findDateInText("updated 2024-11-13")).toBe("2024-11-13");
  });

  it("takes the first date when the text has several", () => {
    expect(findDateInText("On 2 March 2005 he recalled 14 July 1789.")).toBe("2005-03-02");
  });

  it("does not take a weekday for a date", () => {
    expect(findDateInText("Pezeshkian called on Tuesday for talks.")).toBeUndefined();
  });

  it("does not take a month and year without a day for a date", () => {
    expect(
      findDateInText("which it invaded in February 2022. Biden leaves on Jan. 20."),
    ).toBeUndefined();
  });

  it("does not read the verb may as a month", () => {
    expect(findDateInText("Talks may 12 2024 resume")).toBeUndefined();
  });

  it("ignores a day that the month does not have", () => {
    expect(findDateInText("on 30 February 2024")).toBeUndefined();
  });
});
