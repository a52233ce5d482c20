import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";

/** What a page's `render` returned, as the file's text: HTML pages get their doctype. */
export function pageOutput(content: VNode | string): string {
  if (typeof content === "string") return content;
  const html = renderToString(content);
  return html.startsWith("<html") ? `<!doctype html>\n${html}` : html;
}
