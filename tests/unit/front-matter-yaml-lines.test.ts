import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "../../src/content/front-matter.ts";
import { ContentError } from "../../src/errors/content-errors.ts";

/** The line a YAML mistake in the front matter is reported at (line 1 is the opening `---`). */
function reportedLine(frontMatter: string): number | undefined {
  try {
    parseFrontMatter(`---\n${frontMatter}\n---\n\nThe body.\n`, "content/articles/2024/11/a.md");
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as ContentError).line;
  }
  throw new Error("expected the front matter to be rejected");
}

const TEN_FIELDS = [
  'title: "Harbour cranes return',
  "date: 2024-11-13",
  "dek: Cranes are back",
  "byline: Ada Lovelace",
  "dateline: Dover",
  "source: Harbour News",
  "topics: [Shipping]",
  "people: [Ada]",
  "places: [Dover]",
  "draft: false",
];

describe("a YAML mistake in front matter is reported at the line where it starts", () => {
  it("reports an unclosed double quote on line 2 at line 2, not where the text ran out", () => {
    expect(reportedLine(TEN_FIELDS.join("\n"))).toBe(2);
  });

  it("reports an unclosed single quote in a nested caption at the caption's line", () => {
    const fields = ["title: A", "date: 2024-11-13", "images:", "  - caption: 'Hands", "    alt: B"];
    expect(reportedLine(fields.join("\n"))).toBe(5);
  });

  it("reports an unclosed list bracket at the line that opened it", () => {
    expect(
      reportedLine(["title: A", "topics: [Shipping, Ports", "date: 2024-11-13"].join("\n")),
    ).toBe(3);
  });

  it("reports a badly indented field at its own line", () => {
    const fields = ["title: A", "date: 2024-11-13", "images:", "  - src: a.jpg", "     alt: B"];
    expect(reportedLine(fields.join("\n"))).toBe(6);
  });

  it("reports a tab used for indentation at its line", () => {
    expect(
      reportedLine(["title: A", "date: 2024-11-13", "images:", "\t- src: a.jpg"].join("\n")),
    ).toBe(5);
  });

  it("reports a colon in an unquoted value at that value's line", () => {
    expect(reportedLine(["title: A", "dek: Note: it is back", "date: 2024-11-13"].join("\n"))).toBe(
      3,
    );
  });

  it("keeps a closed quote that is followed by a mistake at the mistake's line", () => {
    expect(reportedLine(['title: "A"', "date: 2024-11-13", "dek: B: c"].join("\n"))).toBe(4);
  });
});
