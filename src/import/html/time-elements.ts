import type { Sourced } from "./metadata-types.ts";
import { normalizeDate } from "./normalize-date.ts";

/**
 * The `datetime` of a `<time>` element in the article itself (never in the site's header, whose
 * date is the day the page was fetched): one marked as the publication date first
 * (`itemprop="datePublished"`, `pubdate`, a class with "publish"), then the first in the
 * article's header, then the first in the article.
 */
export function timeElementDate(
  document: Document,
  kind: "published" | "modified",
): Sourced | undefined {
  const marked =
    kind === "published"
      ? [
          '[itemprop="datePublished"]',
          "time[pubdate]",
          'time[class*="publish"]',
          '[class*="publish"] time[datetime]',
          "abbr.published[title]",
        ]
      : ['[itemprop="dateModified"]', 'time[class*="updated"]', 'time[class*="modified"]'];
  for (const selector of marked) {
    for (const element of document.querySelectorAll(selector)) {
      const attribute =
        element.getAttribute("datetime") ??
        element.getAttribute("content") ??
        element.getAttribute("title");
      const value = normalizeDate(attribute ?? "");
      if (value) return { value, from: `<time datetime> (${selector})` };
    }
  }
  if (kind === "modified") return undefined;
  const article = document.querySelector("article");
  if (!article) return undefined;
  for (const selector of ["header time[datetime]", "time[datetime]"]) {
    for (const element of article.querySelectorAll(selector)) {
      const value = normalizeDate(element.getAttribute("datetime") ?? "");
      if (value) return { value, from: "<time datetime> in the article" };
    }
  }
  return undefined;
}
