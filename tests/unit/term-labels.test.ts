import { parse } from "node-html-parser";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { buildArchive } from "../../src/collections/archive.ts";
import { sameNamedTerms } from "../../src/collections/entities.ts";
import { termKey } from "../../src/collections/term-key.ts";
import { siteSchema } from "../../src/config/site.ts";
import { createContext } from "../../src/templates/context.ts";
import { RelatedArticles } from "../../src/templates/RelatedArticles.tsx";
import { TermInsights } from "../../src/templates/TermInsights.tsx";
import { makeArticle } from "../helpers/make-article.ts";

const site = siteSchema.parse({ title: "Labels", url: "https://archive.example.org" });

// "United States" is both a place and a topic; Earnings, Brazil and Ada are one kind each.
const archive = buildArchive(
  [
    makeArticle("a", "2024-03-01", {
      topics: ["Earnings", "United States"],
      places: ["United States"],
    }),
    makeArticle("b", "2024-03-02", {
      topics: ["Earnings", "United States"],
      places: ["United States", "Brazil"],
    }),
    makeArticle("c", "2024-03-03", { topics: ["Earnings"], places: ["United States"] }),
    makeArticle("d", "2024-03-04", { people: ["Ada"], places: ["Brazil"] }),
  ],
  site,
);

const text = (html: string) =>
  parse(html)
    .querySelectorAll(".co-terms li")
    .map((li) => li.text.replace(/\s+/g, " ").trim());

describe("names that two kinds share", () => {
  it("are found once for the archive, by term key, whatever the case or accents", () => {
    const same = sameNamedTerms({
      topics: [{ kind: "topics", id: "united-states", name: "United States" }],
      places: [
        { kind: "places", id: "usa", name: "united states" },
        { kind: "places", id: "brazil", name: "Brazil" },
      ],
      people: [{ kind: "people", id: "brazil-person", name: "Brázil" }],
    });
    expect([...same].sort()).toEqual([
      "people:brazil-person",
      "places:brazil",
      "places:usa",
      "topics:united-states",
    ]);
  });

  it("are part of the archive's entity model", () => {
    expect([...archive.entities.sameNamed].sort()).toEqual([
      "places:united-states",
      "topics:united-states",
    ]);
  });
});

describe("lists that mix kinds", () => {
  const ctx = createContext(site);
  const insightOf = (kind: "topics" | "people" | "places", id: string) => {
    const term = archive.terms[kind].find((t) => t.id === id)!;
    return renderToString(
      h(TermInsights, { ctx, term, insight: archive.entities.insights.get(termKey(kind, id))! }),
    );
  };

  it("label a term's kind in Often appears with when another kind has its name", () => {
    expect(text(insightOf("topics", "earnings"))).toEqual([
      "United States · place (3 articles together)",
      "United States · topic (2 articles together)",
      "Brazil (1 article together)",
    ]);
  });

  it("put the kind inside the link, so that the two links' names differ", () => {
    const links = parse(insightOf("topics", "earnings"))
      .querySelectorAll(".co-terms li > a:not(.count)")
      .map((a) => [a.text, a.getAttribute("href")]);
    expect(links.slice(0, 2)).toEqual([
      ["United States · place", "/places/united-states/"],
      ["United States · topic", "/topics/united-states/"],
    ]);
  });

  it("leave names unique across kinds unlabelled", () => {
    expect(text(insightOf("people", "ada"))).toEqual(["Brazil (1 article together)"]);
  });

  it("label the names an article's related articles share", () => {
    const c = archive.articles.find((a) => a.slug === "c")!;
    const html = renderToString(
      h(RelatedArticles, {
        ctx,
        related: archive.entities.related.get(c) ?? [],
        sameNamed: archive.entities.sameNamed,
      }),
    );
    const shared = parse(html)
      .querySelectorAll(".related .meta")
      .map((p) => p.text.replace(/^.*shares /s, "").trim());
    expect(shared.length).toBeGreaterThan(0);
    for (const names of shared) {
      expect(names).toMatch(/United States · place/);
      expect(names).not.toMatch(/United States(?! · )/);
    }
  });
});
