import { textOfHtml } from "../../security/sanitize.ts";

/** Elements whose edges separate words: "<p>One</p><p>Two</p>" is "One Two", not "OneTwo". */
const BREAKS =
  /<(?:br|hr|\/?(?:p|div|li|ul|ol|h[1-6]|blockquote|tr|td|th|dt|dd|table|figure|figcaption|pre|section|article))\b[^>]*>/gi;

/**
 * The text of an HTML fragment (a post's title, excerpt, a caption), on one line: tags removed,
 * every entity decoded (WordPress keeps `&amp;` and `&#8217;` in titles), script and style
 * contents dropped, runs of white space made one space.
 */
export function plainText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, " ").trim();
  return textOfHtml(html.replace(BREAKS, " "));
}

/** `text` as HTML text or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
