import MarkdownIt from "markdown-it";
import {
  describeRemovals,
  sanitizeArticleHtml,
  type SanitizeOptions,
} from "../security/sanitize.ts";

// Typographer stays off: article text is kept word for word, quotes and apostrophes as written.
// Raw HTML is read (imported articles carry tables and figures) and then sanitised by the allowlist.
const md = new MarkdownIt({ html: true, linkify: false, typographer: false });

/** Renders Markdown to sanitised HTML. */
export function renderMarkdown(source: string, options: SanitizeOptions = {}): string {
  return renderArticleBody(source, options).html;
}

/** Markup the sanitiser removed from a body, with its line in the Markdown (1 = first line). */
export interface BodyRemoval {
  line: number;
  what: string;
}

/**
 * An article body as HTML and its first paragraph as plain text, from one parse: the body of
 * every article is rendered, and most imported articles take their excerpt from it.
 */
export function renderArticleBody(
  source: string,
  options: SanitizeOptions = {},
): { html: string; firstParagraph: string; removed: BodyRemoval[] } {
  const env = {};
  const tokens = md.parse(source, env);
  const html = md.renderer.render(tokens, md.options, env);
  const removed: BodyRemoval[] = [];
  let needsSanitising = false;
  for (const token of tokens) {
    const line = (token.map?.[0] ?? 0) + 1;
    const pieces =
      token.type === "html_block"
        ? [token.content]
        : (token.children ?? [])
            .filter((c) => c.type === "html_inline" || c.type === "image")
            .map((c) => (c.type === "image" ? `<img src="${c.attrGet("src") ?? ""}">` : c.content));
    for (const piece of pieces) {
      needsSanitising = true;
      for (const what of describeRemovals(piece, options)) removed.push({ line, what });
    }
  }
  // Without raw HTML or images, the output is markdown-it's own escaped markup, whose links it
  // has already checked (validateLink): sanitising it again would change nothing.
  // @see https://github.com/markdown-it/markdown-it/blob/master/docs/security.md
  return {
    html: needsSanitising ? sanitizeArticleHtml(html, options) : html,
    firstParagraph: firstParagraph(tokens),
    removed,
  };
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
