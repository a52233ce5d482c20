import { describe, expect, it } from "vitest";
import { frontMatterSchema } from "../../src/content/schema.ts";
import { formatZodIssue } from "../../src/errors/zod-issues.ts";
import { parseArticleDate } from "../../src/content/dates.ts";

function firstProblem(data: unknown) {
  const result = frontMatterSchema.safeParse(data);
  if (result.success) throw new Error("expected the front matter to be rejected");
  return formatZodIssue(result.error.issues[0]!);
}

describe("front matter schema", () => {
  it("accepts a full article and fills defaults for lists and draft", () => {
    const result = frontMatterSchema.parse({ title: "A", date: "2024-11-13" });
    expect(result).toEqual({
      title: "A",
      date: "2024-11-13",
      topics: [],
      people: [],
      places: [],
      images: [],
      draft: false,
    });
  });

  it("requires a title", () => {
    expect(firstProblem({ date: "2024-11-13" })).toEqual({
      field: "title",
      message: 'is required: add the headline, e.g. title: "…"',
    });
  });

  it("rejects an empty title", () => {
    expect(firstProblem({ title: "  ", date: "2024-11-13" })).toEqual({
      field: "title",
      message: "must not be empty",
    });
  });

  it("rejects unknown fields so that a misspelt field is not ignored", () => {
    expect(firstProblem({ title: "A", date: "2024-11-13", tpoics: ["NATO"] })).toEqual({
      field: "tpoics",
      message: "unknown field tpoics: remove it or check the spelling.",
    });
  });

  it("requires alt when an image has a src", () => {
    expect(
      firstProblem({
        title: "A",
        date: "2024-11-13",
        images: [{ src: "photos/a.jpg", caption: "C" }],
      }),
    ).toEqual({
      field: "images[0].alt",
      message:
        'is required when src is given: describe the photo "photos/a.jpg" for readers who cannot see it',
    });
  });

  it("accepts a caption-only figure", () => {
    const result = frontMatterSchema.parse({
      title: "A",
      date: "2024-11-13",
      images: [{ caption: "Shake hands", credit: "EPA" }],
    });
    expect(result.images).toEqual([{ caption: "Shake hands", credit: "EPA" }]);
  });

  it("rejects topics written as a single string", () => {
    expect(firstProblem({ title: "A", date: "2024-11-13", topics: "NATO" })).toEqual({
      field: "topics",
      message: "expected a list of topics, such as [topics]",
    });
  });
});

describe("article dates", () => {
  it("reads a date without time in the site's time zone", () => {
    const result = parseArticleDate("2024-11-13", "Europe/Brussels");
    expect(result.ok && result.date.toISO()).toBe("2024-11-13T00:00:00.000+01:00");
  });

  it("keeps the instant of a date with an offset and shows it in the site's time zone", () => {
    const result = parseArticleDate("2024-11-13T10:00:00+01:00", "Europe/London");
    expect(result.ok && result.date.toISO()).toBe("2024-11-13T09:00:00.000+00:00");
  });

  it("explains a date it cannot read", () => {
    const result = parseArticleDate("13/11/2024", "UTC");
    expect(result).toEqual({
      ok: false,
      reason: expect.stringContaining('"13/11/2024" is not a date'),
    });
  });
});
