import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { changedInputs, readArchiveInputs } from "../../src/content/archive-inputs.ts";

describe("the archive's files as a build stamps them", () => {
  it("lists every story, data file and asset once, with the stories in build order", () => {
    const root = mkdtempSync(path.join(tmpdir(), "archive-inputs-"));
    for (const file of [
      "content/articles/2024/11/b.md",
      "content/articles/2024/10/a.md",
      "content/articles/2024/11/notes.txt",
      "_data/topics.json",
      "assets/photos/p.jpg",
    ]) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), file);
    }
    const inputs = readArchiveInputs(root);
    expect(inputs.articles).toEqual([
      path.join(root, "content/articles/2024/10/a.md"),
      path.join(root, "content/articles/2024/11/b.md"),
    ]);
    expect([...inputs.stamps.keys()].sort()).toEqual(
      [
        "_data/topics.json",
        "assets/photos/p.jpg",
        "content/articles/2024/10/a.md",
        "content/articles/2024/11/b.md",
      ].map((file) => path.join(file)),
    );
    expect(inputs.stamps.get(path.join("_data/topics.json"))?.size).toBe(17);
  });

  it("tells which files were added, removed or saved since an earlier stamping", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "archive-inputs-"));
    const file = (name: string) => path.join(root, "content", "articles", name);
    mkdirSync(path.dirname(file("a.md")), { recursive: true });
    for (const name of ["a.md", "b.md", "c.md"]) writeFileSync(file(name), name);
    const before = readArchiveInputs(root);
    expect(changedInputs(root, before, readArchiveInputs(root))).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(file("a.md"), "a.md, edited");
    rmSync(file("b.md"));
    writeFileSync(file("d.md"), "d.md");
    expect(changedInputs(root, before, readArchiveInputs(root))).toEqual([
      file("a.md"),
      file("b.md"),
      file("d.md"),
    ]);
  });
});
