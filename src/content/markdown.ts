import MarkdownIt from "markdown-it";

// Typographer stays off: article text is kept word for word, quotes and apostrophes as written.
const md = new MarkdownIt({ html: true, linkify: false, typographer: false });

/** Renders an article body. Articles are the archive's own trusted content. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}

/**
 * An article body as HTML and its first paragraph as plain text, from one parse: the body of
 * every article is rendered, and most imported articles take their excerpt from it.
 */
export function renderArticleBody(source: string): { html: string; firstParagraph: string } {
  const env = {};
  const tokens = md.parse(source, env);
  return { html: md.renderer.render(tokens, md.options, env), firstParagraph: firstParagraph(tokens) };
}

/** The first paragraph of parsed Markdown as plain text, for excerpts and descriptions. */
function firstParagraph(tokens: ReturnType<MarkdownIt["parse"]>): string {
  const start = tokens.findIndex((t) => t.type === "paragraph_open");
  const inline = start >= 0 ? tokens[start + 1] : undefined;
  if (!inline?.children) return "";
  return inline.children
    .filter((t) => t.type === "text" || t.type === "code_inline")
    .map((t) => t.content)
    .join("")
    .trim();
}

/** Strips Markdown to plain text (for reading time, tagging and checks). */
export function markdownText(source: string): string {
  return md
    .parse(source, {})
    .filter((t) => t.type === "inline")
    .map((t) =>
      (t.children ?? [])
        .filter((c) => c.type === "text" || c.type === "code_inline")
        .map((c) => c.content)
        .join(""),
    )
    .join("\n\n");
}
