import { describe, expect, it } from "vitest";
import { checkArchive, checkExitCode, formatCheckReport } from "../../src/check/check-archive.ts";
import { buildRegistryKind, type Registry } from "../../src/registry/registry.ts";
import { findPeopleCandidates } from "../../src/tagging/people-candidates.ts";
import { Tagger } from "../../src/tagging/tagger.ts";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";

const PEOPLE = [{ id: "mark-rutte", name: "Mark Rutte", aliases: ["Rutte"] }];

function tagger(): Tagger {
  const registry: Registry = {
    people: buildRegistryKind("people", "_data/people.json", PEOPLE),
    topics: buildRegistryKind("topics", "_data/topics.json", [{ name: "NATO" }]),
    places: buildRegistryKind("places", "_data/places.json", []),
  };
  return new Tagger(registry);
}

describe("npm run check", () => {
  it("reports content errors with file and line, and fails", () => {
    const root = makeFixtureSite({ articles: { "2024/11/a.md": article({ date: "someday" }) } });
    const report = checkArchive(root);
    expect(report.errors.map((e) => e.message)).toEqual([
      'content/articles/2024/11/a.md:3: date: "someday" is not a date (the input "someday" can\'t be parsed as ISO 8601); write it as 2024-11-13 or 2024-11-13T10:00:00+01:00',
    ]);
    expect(checkExitCode(report)).toBe(1);
  });

  it("lists markup the sanitiser removes, with file and line, as warnings that do not fail", () => {
    const root = makeFixtureSite({
      articles: {
        "2024/11/a.md": article(
          { dek: '"Talks <script>alert(1)</script>end"' },
          'First paragraph.\n\n<img src="x" onerror="alert(2)">',
        ),
      },
    });
    const report = checkArchive(root);
    expect(report.removedMarkup).toEqual([
      "content/articles/2024/11/a.md:9: removed onerror on <img>",
      "content/articles/2024/11/a.md:9: removed <img src> outside /assets/ (x)",
      "content/articles/2024/11/a.md:4: dek: removed <script>",
    ]);
    expect(formatCheckReport(report)).toContain(
      "⚠ content/articles/2024/11/a.md:4: dek: removed <script>",
    );
    expect(checkExitCode(report)).toBe(0);
  });

  it("passes valid content", () => {
    const root = makeFixtureSite({ people: PEOPLE, articles: { "2024/11/a.md": article() } });
    const report = checkArchive(root);
    expect(report.errors).toEqual([]);
    expect(checkExitCode(report)).toBe(0);
  });

  it("lists names used in front matter that the registry does not have", () => {
    const root = makeFixtureSite({
      people: PEOPLE,
      articles: {
        "2024/11/a.md": article({ people: "[Mark Rutte, Kaja Kallas]" }),
        "2024/11/b.md": article({ title: '"B"', people: "[Kaja Kallas]" }),
      },
    });
    expect(checkArchive(root).unknownNames).toEqual([
      {
        kind: "people",
        name: "Kaja Kallas",
        files: ["content/articles/2024/11/a.md", "content/articles/2024/11/b.md"],
      },
    ]);
  });

  it("lists names in the text that look like people and are not registered, most used first", () => {
    const root = makeFixtureSite({
      people: PEOPLE,
      articles: {
        "2024/11/a.md": article({}, "Mark Rutte met Kaja Kallas and Ursula Gertrud."),
        "2024/11/b.md": article({ title: '"B"' }, "Kaja Kallas spoke."),
      },
    });
    expect(checkArchive(root).peopleCandidates.map((c) => [c.name, c.files.length])).toEqual([
      ["Kaja Kallas", 2],
      ["Ursula Gertrud", 1],
    ]);
  });

  it("prints the report: validity, unknown names and candidates", () => {
    const root = makeFixtureSite({
      people: PEOPLE,
      articles: {
        "2024/11/a.md": article({ people: "[Kaja Kallas]" }, "Kaja Kallas met Jens Stoltenberg."),
      },
    });
    expect(formatCheckReport(checkArchive(root))).toMatchInlineSnapshot(`
      "✔ The content is valid.

      Names in front matter that are not in the registry (1); add them to _data/<kind>.json, or as an alias of an entry:
        people: "Kaja Kallas" in content/articles/2024/11/a.md

      Names in the text that look like people and are not in _data/people.json (2; a guess from capitalised words):
        Jens Stoltenberg (1): content/articles/2024/11/a.md
        Kaja Kallas (1): content/articles/2024/11/a.md"
    `);
  });
});

describe("names that look like people", () => {
  it("finds capitalised two- and three-word names", () => {
    expect(findPeopleCandidates("Then Kaja Kallas met Ali Akbar Velayati.", tagger())).toEqual([
      "Kaja Kallas",
      "Ali Akbar Velayati",
    ]);
  });

  it("leaves out registered people, even behind a title", () => {
    expect(findPeopleCandidates("NATO Secretary General Mark Rutte spoke.", tagger())).toEqual([]);
  });

  it("cuts titles, days and organisation words off a name", () => {
    expect(
      findPeopleCandidates(
        "Foreign Minister Kaja Kallas said on Tuesday the Supreme National Security Council met.",
        tagger(),
      ),
    ).toEqual(["Kaja Kallas"]);
  });

  it("does not take part of a longer word for a name", () => {
    expect(findPeopleCandidates("McDonnell Douglas said", tagger())).toEqual([]);
  });

  it("does not take a single capitalised word for a name", () => {
    expect(findPeopleCandidates("Rutte and Kallas spoke in Brussels.", tagger())).toEqual([]);
  });
});
