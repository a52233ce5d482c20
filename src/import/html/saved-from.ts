import { absoluteHttpUrl } from "./page-url.ts";

/**
 * The address a browser saved the page from: "Save page as" writes
 * `<!-- saved from url=(0042)https://… -->` at the top, SingleFile `url: https://…` in its comment.
 */
export function savedFromUrl(html: string): string | undefined {
  const head = html.slice(0, 4096);
  const m =
    /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(head) ??
    /<!--\s*Page saved with SingleFile[\s\S]*?\burl:\s*(\S+)/i.exec(head);
  return absoluteHttpUrl(m?.[1], undefined);
}

/** The address in the comment a browser wrote before the page's `<html>` (see savedFromUrl). */
export function savedFromComment(document: Document): string | undefined {
  for (const node of document.childNodes) {
    if (node.nodeType === 8) {
      const url = savedFromUrl(`<!--${node.textContent ?? ""}-->`);
      if (url) return url;
    }
  }
  return undefined;
}
