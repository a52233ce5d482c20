import { describe, expect, it } from "vitest";
import { loadArchive } from "../../src/collections/load-archive.ts";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";

/** Loads a fixture archive and returns the message it fails with. */
function problem(fixture: Parameters<typeof makeFixtureSite>[0]): string {
  const root = makeFixtureSite(fixture);
  try {
    loadArchive(root, {});
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the archive to be rejected");
}

describe("content errors name the file, the line or field, and the fix", () => {
  it("reports a missing title", () => {
    expect(problem({ articles: { "2024/11/a.md": article({ title: "" }) } }))
      .toMatchInlineSnapshot(`
      "The archive has 1 problem:
        - content/articles/2024/11/a.md:2: title: is required: add the headline, e.g. title: "…""
    `);
  });

  it("reports an unparseable date with its line", () => {
    expect(problem({ articles: { "2024/11/a.md": article({ date: "13 Nov 2024", dek: '"D"' }) } }))
      .toMatchInlineSnapshot(`
      "The archive has 1 problem:
        - content/articles/2024/11/a.md:3: date: "13 Nov 2024" is not a date (the input "13 Nov 2024" can't be parsed as ISO 8601); write it as 2024-11-13 or 2024-11-13T10:00:00+01:00"
    `);
  });

  it("reports a photo without alt", () => {
    const text = article({ images: "\n  - src: photos/a.jpg\n    caption: Hands" });
    expect(problem({ articles: { "2024/11/a.md": text } })).toMatchInlineSnapshot(`
      "The archive has 1 problem:
        - content/articles/2024/11/a.md:5: images[0].alt: is required when src is given: describe the photo "photos/a.jpg" for readers who cannot see it"
    `);
  });

  it("reports a photo file that does not exist", () => {
    const text = article({ images: "\n  - src: photos/missing.jpg\n    alt: Hands" });
    expect(problem({ articles: { "2024/11/a.md": text } })).toMatchInlineSnapshot(`
      "The archive has 1 problem:
        - content/articles/2024/11/a.md: images[0].src: the photo "photos/missing.jpg" does not exist: expected a file at assets/photos/missing.jpg. Add the file or fix the path."
    `);
  });

  it("reports a photo path that leaves assets/", () => {
    const text = article({ images: "\n  - src: ../_data/site.json\n    alt: Hands" });
    expect(problem({ articles: { "2024/11/a.md": text } })).toContain(
      'images[0].src: "../_data/site.json" leaves the assets/ folder',
    );
  });

  it("reports two articles with the same URL, naming both files", () => {
    expect(
      problem({
        articles: {
          "2024/11/Same Story.md": article(),
          "2024/11/same-story.md": article(),
        },
      }),
    ).toMatchInlineSnapshot(`
      "The archive has 1 problem:
        - content/articles/2024/11/same-story.md: has the same URL /articles/2024/11/same-story/ as content/articles/2024/11/Same Story.md: rename one of the files or correct its date."
    `);
  });

  it("reports two different names that fold to one slug, naming both files", () => {
    expect(
      problem({
        articles: {
          "2024/11/a.md": article({ topics: "[Iran US relations]" }),
          "2024/11/b.md": article({ topics: "[Iran/US relations]" }),
        },
      }),
    ).toContain(
      'content/articles/2024/11/b.md: topics[0]: "Iran/US relations" and "Iran US relations" in content/articles/2024/11/a.md both make the address /topics/iran-us-relations/',
    );
  });

  it("reports malformed YAML with its line", () => {
    const text = '---\ntitle: "A story\ndate: 2024-11-13\n---\n\nBody.\n';
    expect(problem({ articles: { "2024/11/a.md": text } })).toMatch(
      /content\/articles\/2024\/11\/a\.md:\d+: the front matter is not valid YAML \(.+\)\. Check quoting and indentation/,
    );
  });

  it("reports a file without front matter", () => {
    expect(problem({ articles: { "2024/11/a.md": "Just text.\n" } })).toContain(
      "content/articles/2024/11/a.md:1: expected front matter between `---` lines",
    );
  });

  it("lists every broken file in one run", () => {
    const message = problem({
      articles: {
        "2024/11/a.md": article({ title: "" }),
        "2024/11/b.md": article({ date: "soon" }),
      },
    });
    expect(message).toMatch(/^The archive has 2 problems:/);
    expect(message).toContain("a.md:2: title");
    expect(message).toContain("b.md:3: date");
  });

  it("reports a registry photo that does not exist, naming the registry file and entry", () => {
    expect(
      problem({
        people: [{ id: "ada", name: "Ada", photo: { src: "photos/ada.jpg", alt: "Ada" } }],
      }),
    ).toBe(
      '_data/people.json: [0].photo.src: the photo "photos/ada.jpg" of "Ada" does not exist: expected a file under assets/, such as photos/people/ada.jpg.',
    );
  });

  it("reports a site.json without a url", () => {
    expect(problem({ site: { url: undefined } })).toMatch(/^_data\/site\.json: url: /);
  });

  it("quotes at most 80 characters of a long value it rejects", () => {
    const date = `2024-11-13 ${"and then some more words ".repeat(10)}`;
    const message = problem({ articles: { "2024/11/a.md": article({ date: `"${date}"` }) } });
    const quoted = [...message.matchAll(/"([^"]*)"/g)].map((match) => match[1]!);
    expect(quoted.length).toBeGreaterThan(0);
    for (const part of quoted) expect([...part].length).toBeLessThanOrEqual(80);
    expect(message).toContain(`"${date.slice(0, 79)}…"`);
    expect(message).toContain("write it as 2024-11-13");
  });
});
