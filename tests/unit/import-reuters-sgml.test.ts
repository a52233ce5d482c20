import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  decodeSgmlText,
  parseDateline,
  parseReutersDate,
  parseReutersSgml,
  reutersParagraphs,
} from "../../src/import/reuters/sgml.ts";
import { reutersPerson, reutersPlace, reutersTopic } from "../../src/import/reuters/names.ts";

const MALFORMED = path.resolve("tests/fixtures/import/malformed.sgm");

function parseFixture() {
  return parseReutersSgml(readFileSync(MALFORMED).toString("latin1"), "malformed.sgm");
}

describe("Reuters-21578 SGML", () => {
  it("reads a story's title, date, dateline, byline and source", () => {
    const [story] = parseFixture().stories;
    expect(story).toMatchObject({
      sourceId: "reuters-21578:101",
      line: 2,
      title: "BAKER SAYS DOLLAR <DLR> TALKS GO ON",
      date: "1987-02-26T15:01:01.790+00:00",
      dateline: "Washington",
      byline: "Jane Doe, Reuters",
      source: "Reuters",
    });
  });

  it("joins hard-wrapped lines and starts a paragraph at an indented line", () => {
    const [story] = parseFixture().stories;
    expect(story!.paragraphs).toEqual([
      "Treasury Secretary James Baker said talks with West Germany on the dollar would go on, and that A&B Corp <AB> was not involved.",
      "Baker said the talks with Bonn were constructive.",
    ]);
  });

  it("gives topics, places and people readable names and keeps the codes as registry ids", () => {
    const { terms } = parseFixture().stories[0]!;
    expect(terms.topics.map((t) => [t.name, t.addition?.id])).toEqual([
      ["Foreign Exchange", "money-fx"],
    ]);
    expect(terms.places.map((t) => [t.name, t.addition?.id])).toEqual([
      ["United States", "usa"],
      ["West Germany", "west-germany"],
    ]);
    expect(terms.people.map((t) => [t.name, t.addition?.id])).toEqual([
      ["James Baker", "james-baker"],
    ]);
  });

  it("skips a story without a body and says why", () => {
    expect(parseFixture().skipped).toEqual([
      {
        file: "malformed.sgm",
        line: 21,
        title: "FED SETS TWO BILLION DLR CUSTOMER REPURCHASE",
        reason: "no body (a brief or unprocessed story)",
      },
    ]);
  });

  it("reports a story that is never closed with its line and reads the story after it", () => {
    const parsed = parseFixture();
    expect(parsed.problems).toEqual([
      {
        file: "malformed.sgm",
        line: 34,
        message:
          "the <REUTERS> element that starts here is not closed: expected </REUTERS> before the next <REUTERS>.",
      },
    ]);
    expect(parsed.stories.map((story) => story.title)).toEqual([
      "BAKER SAYS DOLLAR <DLR> TALKS GO ON",
      "COCOA PRICES STEADY IN LONDON",
    ]);
  });

  it("drops a Reuter signature that follows the text on its last line", () => {
    expect(parseFixture().stories[1]!.paragraphs).toEqual([
      "Cocoa prices were steady in London on Friday.",
    ]);
  });

  it("reports a story whose body holds nothing but the signature", () => {
    const sgml =
      '<REUTERS NEWID="9">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT><TITLE>EMPTY</TITLE><BODY>\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>';
    expect(parseReutersSgml(sgml, "e.sgm").problems).toEqual([
      { file: "e.sgm", line: 1, message: '"EMPTY": has an empty <BODY>.' },
    ]);
  });

  it("reports a file without any story", () => {
    expect(parseReutersSgml("just text", "x.sgm").problems[0]!.message).toMatch(
      /holds no <REUTERS> element/,
    );
  });

  it("imports only the first stories when given a limit", () => {
    const text = readFileSync(MALFORMED).toString("latin1");
    expect(parseReutersSgml(text, "m.sgm", { limit: 1 }).stories).toHaveLength(1);
  });
});

describe("Reuters text details", () => {
  it("decodes entities and drops control characters", () => {
    expect(decodeSgmlText("&#2;A &lt;B> &amp; C&#3;&#127;")).toBe("A <B> & C");
  });

  it("drops the signature line", () => {
    expect(reutersParagraphs("Text.\n Reuter\n&#3;")).toEqual(["Text."]);
  });

  it("keeps each indented table row as a paragraph of its own", () => {
    expect(
      reutersParagraphs("Results:\n    Shr 1.02 dlrs vs 85 cts\n    Net 5,000 vs 4,000\n REUTER"),
    ).toEqual(["Results:", "Shr 1.02 dlrs vs 85 cts", "Net 5,000 vs 4,000"]);
  });

  it("reads the date as UTC", () => {
    expect(parseReutersDate("26-FEB-1987 15:01:01.79")).toBe("1987-02-26T15:01:01.790+00:00");
  });

  it("ignores noise after the date", () => {
    expect(parseReutersDate(" 3-MAR-1987  09:15:05.40&#5;&#5;&#5;RM")).toBe(
      "1987-03-03T09:15:05.400+00:00",
    );
  });

  it("keeps the day of a date whose time is garbled", () => {
    expect(parseReutersDate("31-MAR-1987 605:12:19.12")).toBe("1987-03-31");
  });

  it("reads the place of a dateline in title case, keeping abbreviations", () => {
    expect(parseDateline("    FORT LAUDERDALE, Fla., Feb 26 - ")).toBe("Fort Lauderdale, Fla.");
    expect(parseDateline("    COMMACK, N.Y., March 3 - ")).toBe("Commack, N.Y.");
  });
});

describe("readable names for Reuters codes", () => {
  it("names a person from the collection's list", () => {
    expect(reutersPerson("james-baker").name).toBe("James Baker");
    expect(reutersPerson("reagan").name).toBe("Ronald Reagan");
  });

  it("names a place code with a readable name", () => {
    expect(reutersPlace("usa")).toEqual({
      id: "usa",
      name: "United States",
      aliases: ["U.S.", "USA"],
    });
    expect(reutersPlace("west-germany").name).toBe("West Germany");
  });

  it("names a topic code from the collection's descriptions, else in title case", () => {
    expect(reutersTopic("acq").name).toBe("Mergers and Acquisitions");
    expect(reutersTopic("cocoa").name).toBe("Cocoa");
  });

  it("keeps particles of an unknown name in lowercase", () => {
    expect(reutersPerson("jan-van-der-berg").name).toBe("Jan van Der Berg");
  });
});
