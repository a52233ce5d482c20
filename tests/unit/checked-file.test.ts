import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkedFileLengthProblem,
  readCheckedFile,
  writeCheckedFile,
} from "../../src/files/checked-file.ts";

const written = (body: string) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "checked-")), "state.json");
  writeCheckedFile(file, body);
  return file;
};

describe("a checked file", () => {
  it("gives back what was written, accents included", () => {
    const file = written('{"title":"Café in Zürich"}');
    expect(readCheckedFile(file)).toEqual({ body: '{"title":"Café in Zürich"}' });
    expect(checkedFileLengthProblem(file)).toBeUndefined();
  });

  it("is damaged when cut short, which its length alone shows", () => {
    const file = written("x".repeat(5000));
    truncateSync(file, 1000);
    expect(readCheckedFile(file)).toEqual({
      damaged: expect.stringMatching(/holds \d+ of the 5000 bytes it was written with/),
    });
    expect(checkedFileLengthProblem(file)).toMatch(/of the 5000 bytes/);
  });

  it("is damaged when a byte changed though its length did not", () => {
    const file = written('{"words":["harbour"]}');
    writeFileSync(file, readFileSync(file, "utf8").replace("harbour", "harbout"));
    expect(readCheckedFile(file)).toEqual({ damaged: "its checksum does not match what it holds" });
    expect(checkedFileLengthProblem(file)).toBeUndefined();
  });

  it("is damaged without its first line", () => {
    const file = written("{}");
    writeFileSync(file, '{"words":["harb');
    expect(readCheckedFile(file)).toEqual({
      damaged: "it does not start with its length and checksum",
    });
  });

  it("is of an earlier version, not damaged, when it is whole JSON without its first line", () => {
    const file = written("{}");
    writeFileSync(file, '{"format":2,"words":["harbour"]}');
    expect(readCheckedFile(file)).toEqual({ unchecked: true });
  });
});
