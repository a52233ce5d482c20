import MarkdownIt from "markdown-it";

// Typographer stays off: article text is kept word for word, quotes and apostrophes as written.
const md = new MarkdownIt({ html: true, linkify: false, typographer: false });

/** Renders an article body. Articles are the archive's own trusted content. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}

/** The first paragraph of a Markdown body as plain text, for excerpts and descriptions. */
export function firstParagraphText(source: string): string {
  const tokens = md.parse(source, {});
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
