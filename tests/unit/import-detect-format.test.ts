import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detectFormat } from "../../src/import/detect-format.ts";
import { listInputFiles } from "../../src/import/list-inputs.ts";
import { makeFixtureSite } from "../helpers/fixture-site.ts";

function folder(files: string[]): string {
  const dir = path.join(makeFixtureSite(), "input");
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), "Title\n\nText.");
  }
  return dir;
}

describe("detecting the format", () => {
  it("knows Reuters SGML by its document type", () => {
    expect(detectFormat("x.txt", '<!DOCTYPE lewis SYSTEM "lewis.dtd">\n<REUTERS>')).toBe("reuters");
  });

  it("knows a scraped dump by its separator lines, without a TT marker", () => {
    expect(detectFormat("x.txt", "Title\nBody.\n\u00a0\nOther title\nBody.")).toBe("seed");
  });

  it("takes any other .txt file for a plain-text story", () => {
    expect(detectFormat("x.txt", "Title\n\nBody.")).toBe("text");
  });

  it("knows no format for a binary file", () => {
    expect(detectFormat("x.txt", "JFIF\u0000\u0010")).toBeUndefined();
  });
});

describe("listing a folder", () => {
  it("reads only the .sgm files of a folder that holds any", () => {
    const dir = folder(["README.txt", "reut2-001.sgm", "reut2-000.sgm"]);
    expect(listInputFiles(dir).files.map((f) => path.basename(f.path))).toEqual([
      "reut2-000.sgm",
      "reut2-001.sgm",
    ]);
  });

  it("reads the .txt files of other folders, in sub-folders too, in order", () => {
    const dir = folder(["tech/2.txt", "business/012.txt", "notes.md"]);
    expect(listInputFiles(dir).files.map((f) => [path.relative(dir, f.path), f.topic])).toEqual([
      [path.join("business", "012.txt"), "Business"],
      [path.join("tech", "2.txt"), "Tech"],
    ]);
  });

  it("reports a folder with nothing to import", () => {
    const dir = folder(["notes.md"]);
    expect(listInputFiles(dir).problems).toEqual([
      { file: dir, message: "holds no .txt, .html, .xml or .sgm files to import." },
    ]);
  });
});
