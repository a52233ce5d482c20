import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeText } from "../../src/import/decode.ts";
import { listInputFiles } from "../../src/import/list-inputs.ts";
import { parsePlainText } from "../../src/import/plain-text.ts";

const PLAIN = path.resolve("tests/fixtures/import/plain");

describe("plain-text stories", () => {
  it("reads the title from the first line and joins hard-wrapped lines into paragraphs", () => {
    const file = path.join(PLAIN, "business/012.txt");
    const [story] = parsePlainText(readFileSync(file, "utf8"), "business/012.txt").stories;
    expect(story!.title).toBe("Harbour bakery doubles its bread exports");
    expect(story!.paragraphs).toEqual([
      "A family bakery on the harbour front said on 14 March 2005 that its bread exports had doubled to £2.4m in a year, helped by a new ferry route.",
      "The bakery, which employs forty people, plans to open a second oven line next spring.",
    ]);
  });

  it("takes every line as a paragraph when the text has no blank lines", () => {
    const [story] = parsePlainText("Title\nFirst.\nSecond.\n", "a.txt").stories;
    expect(story!.paragraphs).toEqual(["First.", "Second."]);
  });

  it("does not date a story by a date in its running text", () => {
    const file = path.join(PLAIN, "business/012.txt");
    const [story] = parsePlainText(readFileSync(file, "utf8"), "a.txt").stories;
    expect(story!.date).toBeUndefined();
    expect(story!.dateSource).toBeUndefined();
  });

  it("dates a story by the dateline that opens its text", () => {
    const [story] = parsePlainText(
      "Title\n\nLONDON, March 3, 1987 - Shares rose.",
      "a.txt",
    ).stories;
    expect(story).toMatchObject({ date: "1987-03-03", dateSource: "dateline", dateLine: 3 });
  });

  it("dates a story by a date line under its title and leaves it out of the text", () => {
    const [story] = parsePlainText("Title\n14 March 2005\n\nShares rose.", "a.txt").stories;
    expect(story).toMatchObject({
      title: "Title",
      date: "2005-03-14",
      dateSource: "first-line",
      dateLine: 2,
      paragraphs: ["Shares rose."],
    });
  });

  it("dates a story by a date on its first line and takes the next line for the title", () => {
    const [story] = parsePlainText("2005-03-14\nTitle\n\nShares rose.", "a.txt").stories;
    expect(story).toMatchObject({ title: "Title", date: "2005-03-14", dateLine: 1 });
  });

  it("makes the folder a file sits in its topic", () => {
    const { files } = listInputFiles(PLAIN);
    const business = files.find((file) => file.path.endsWith("012.txt"));
    expect(business?.topic).toBe("Business");
  });

  it("reports an empty file", () => {
    expect(parsePlainText("\n \n", "empty.txt").problems).toEqual([
      {
        file: "empty.txt",
        message: "is empty: expected a title on the first line, then the text.",
      },
    ]);
  });

  it("reports a title without text, with its line", () => {
    expect(parsePlainText("\nJust a title\n", "t.txt").problems[0]).toMatchObject({
      file: "t.txt",
      line: 2,
    });
  });
});

describe("reading text in an unknown encoding", () => {
  it("reads UTF-8 as UTF-8", () => {
    expect(decodeText(Buffer.from("São Paulo £5", "utf8"))).toEqual({
      text: "São Paulo £5",
      encoding: "utf-8",
    });
  });

  it("reads a latin-1 file, curly quotes from windows-1252 included", () => {
    const { text, encoding } = decodeText(readFileSync(path.join(PLAIN, "politics/latin-1.txt")));
    expect(encoding).toBe("windows-1252");
    expect(text).toContain("Owners of cafés in München said");
    expect(text).toContain("“just in time”");
  });

  it("keeps the rest of a UTF-8 file that has one invalid byte", () => {
    const { text, encoding } = decodeText(readFileSync(path.join(PLAIN, "tech/invalid-byte.txt")));
    expect(encoding).toBe("utf-8 with windows-1252 bytes");
    expect(text).toContain("The naïve reporter wrote ÿ one word, then José finished the sentence.");
  });

  it("drops a byte order mark", () => {
    expect(decodeText(Buffer.from("\ufeffTitle", "utf8")).text).toBe("Title");
  });
});
