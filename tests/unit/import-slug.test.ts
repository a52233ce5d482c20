import { describe, expect, it } from "vitest";
import { articleSlug, articleSlugs, MAX_SLUG_LENGTH } from "../../src/import/slug.ts";
import { slugifyName } from "../../src/registry/fold.ts";

describe("article slugs", () => {
  it("reproduces the file names of the sample articles", () => {
    expect(
      articleSlug(
        "Iranian President: We Must Manage Relationship and Confrontation with the US Ourselves",
      ),
    ).toBe("iranian-president-we-must-manage-relationship-and");
    expect(
      articleSlug(
        "Blinken, in Brussels, Pledges to Shore up Ukraine Support Ahead of Trump Transition",
      ),
    ).toBe("blinken-in-brussels-pledges-to-shore-up-ukraine");
  });

  it("keeps whole words within 50 characters", () => {
    const slug = articleSlug(
      "Supercalifragilistic expialidocious words keep going well past the limit",
    );
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(
      slugifyName("Supercalifragilistic expialidocious words keep going well past the limit"),
    ).toMatch(new RegExp(`^${slug}-`));
  });

  it("cuts a single word longer than the limit", () => {
    expect(articleSlug("x".repeat(60))).toBe("x".repeat(50));
  });

  it("is ASCII for a title with accents and symbols", () => {
    expect(articleSlug("São Paulo & Zürich: “Talks” resume")).toBe(
      "sao-paulo-and-zuerich-talks-resume",
    );
  });

  it("names a title without letters or digits story", () => {
    expect(articleSlug("!!!")).toBe("story");
  });

  it("gives many titles at once the slugs it gives them one by one", () => {
    const titles = [
      "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT",
      "U.S. M-1 MONEY SUPPLY RISES 2.1 BILLION DLRS",
      "—",
      "Iran’s talks, “managed”",
      "AT&T SAYS IT'S READY",
      "Ægir & Øresund",
    ];
    expect(articleSlugs(titles)).toEqual(titles.map((title) => articleSlug(title)));
    expect(
      articleSlugs(titles).map((slug) => slug.startsWith("-") || slug.endsWith("-")),
    ).not.toContain(true);
  });
});
