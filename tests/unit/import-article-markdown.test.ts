import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "../../src/content/front-matter.ts";
import { markdownText, renderArticleBody, renderMarkdown } from "../../src/content/markdown.ts";
import { frontMatterSchema } from "../../src/content/schema.ts";
import { articleMarkdown, escapeMarkdown } from "../../src/import/article-markdown.ts";

describe("generated Markdown", () => {
  it("writes front matter the schema accepts", () => {
    const text = articleMarkdown(
      {
        title: "Talks: a headline with a colon",
        date: "1987-02-26T15:01:01.790+00:00",
        dateline: "Washington",
        topics: ["Foreign Exchange"],
        people: [],
        images: [{ caption: "A caption.", credit: "EPA" }],
      },
      ["One."],
    );
    const { data } = parseFrontMatter(text, "a.md");
    expect(frontMatterSchema.parse(data)).toMatchObject({
      title: "Talks: a headline with a colon",
      date: "1987-02-26T15:01:01.790+00:00",
      topics: ["Foreign Exchange"],
      people: [],
    });
  });

  it("leaves out empty lists", () => {
    expect(articleMarkdown({ title: "T", date: "2024-11-12", people: [] }, ["One."])).toBe(
      "---\ntitle: T\ndate: 2024-11-12\n---\n\nOne.\n",
    );
  });

  it("keeps a company ticker in angle brackets as text, not HTML", () => {
    expect(renderMarkdown(escapeMarkdown("Standard Oil Co <SRD> said"))).toBe(
      "<p>Standard Oil Co &lt;SRD&gt; said</p>\n",
    );
  });

  it("does not turn a paragraph that starts with a year and a full stop into a list", () => {
    expect(renderMarkdown(escapeMarkdown("1987. A year of change"))).toBe(
      "<p>1987. A year of change</p>\n",
    );
  });

  it("renders every paragraph word for word", () => {
    const paragraphs = [
      "- 5 pct *net* of _tax_ [note] `code` ~~old~~ &amp; A&B \\ #1",
      "# not a heading",
      "> not a quote",
      "+Bahia superior+ certificates",
    ];
    expect(markdownText(paragraphs.map(escapeMarkdown).join("\n\n"))).toBe(paragraphs.join("\n\n"));
  });

  it("renders an article body and reads its first paragraph as text from one parse", () => {
    const source = "# Heading\n\nFirst *paragraph* with `code` and <b>html</b>.\n\nSecond one.\n";
    const body = renderArticleBody(source);
    expect(body.html).toBe(renderMarkdown(source));
    expect(body.firstParagraph).toBe("First paragraph with code and html.");
    expect(renderArticleBody("").firstParagraph).toBe("");
  });
});
