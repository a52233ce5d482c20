/**
 * What Pagefind needs of an article page: the `<html>` tag (its language) and the element marked
 * `data-pagefind-body`, which holds everything indexed and every `data-pagefind-*` attribute.
 * The head (metadata for browsers and crawlers, a third of the page), the site's navigation and
 * what follows the marked element (related articles, which Pagefind does not index) are left
 * out, so Pagefind parses a quarter of the bytes and records the same page, and the text handed
 * to Pagefind changes only when what it indexes does (the build cache compares it).
 *
 * The body starts at the first `data-pagefind-body` after `<main`: text before it is escaped, so
 * neither string can occur there as markup. It ends at the last closing tag of the marked
 * element's name before the last `</main>`, after every article's own (unescaped) HTML, which
 * cannot close it early. A page without the marker is returned whole.
 */
export function searchDocument(html: string): string {
  const main = html.indexOf("<main");
  const marker = main < 0 ? -1 : html.indexOf("data-pagefind-body", main);
  const end = html.lastIndexOf("</main>");
  if (marker < 0 || end < marker) return html;
  const start = html.lastIndexOf("<", marker);
  const tag = /^<([a-z][a-z0-9-]*)/i.exec(html.slice(start, marker))?.[1];
  const close = tag ? html.lastIndexOf(`</${tag}>`, end) : -1;
  const stop = close > marker ? close + tag!.length + 3 : end;
  const open = /<html[^>]*>/.exec(html)?.[0] ?? "<html>";
  return `<!doctype html>\n${open}<body>${html.slice(start, stop)}</body></html>`;
}
