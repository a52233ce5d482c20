/**
 * What Pagefind needs of an article page: the `<html>` tag (its language) and the element marked
 * `data-pagefind-body`, which holds everything indexed and every `data-pagefind-*` attribute.
 * The head (metadata for browsers and crawlers, a third of the page) and the site's navigation
 * are left out, so Pagefind parses a quarter of the bytes and records the same page.
 *
 * The body starts at the first `data-pagefind-body` after `<main`: text before it is escaped, so
 * neither string can occur there as markup. It ends at the last `</main>`, after every article's
 * own (unescaped) HTML. A page without the marker is returned whole.
 */
export function searchDocument(html: string): string {
  const main = html.indexOf("<main");
  const marker = main < 0 ? -1 : html.indexOf("data-pagefind-body", main);
  const end = html.lastIndexOf("</main>");
  if (marker < 0 || end < marker) return html;
  const start = html.lastIndexOf("<", marker);
  const open = /<html[^>]*>/.exec(html)?.[0] ?? "<html>";
  return `<!doctype html>\n${open}<body>${html.slice(start, end)}</body></html>`;
}
