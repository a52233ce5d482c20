import type { Sourced } from "./metadata-types.ts";
import { nonEmpty } from "./metadata-text.ts";
import { textOf, typesOf, type JsonObject, type StructuredData } from "./json-ld.ts";
import { firstMeta, type MetaTags } from "./meta-tags.ts";

/**
 * A title without the site's name: "Harbour bakery doubles exports | The Gazette" → "Harbour bakery
 * doubles exports" when the site is called "The Gazette". A part that is not the site's name is
 * kept: it may be the headline's own.
 */
export function stripSiteName(title: string, siteNames: string[]): string {
  const names = siteNames.map((name) => name.toLowerCase().trim()).filter(Boolean);
  if (names.length === 0) return title;
  const separators = /\s+[|\-–—:·•»]\s+/;
  const parts = title.split(separators);
  if (parts.length < 2) return title;
  const last = parts[parts.length - 1]!.toLowerCase().trim();
  if (names.includes(last)) {
    const m = [...title.matchAll(new RegExp(separators.source, "g"))].pop()!;
    return title.slice(0, m.index).trim();
  }
  const first = parts[0]!.toLowerCase().trim();
  if (names.includes(first)) {
    const m = separators.exec(title)!;
    return title.slice(m.index + m[0].length).trim();
  }
  return title;
}

/** The site's name: `og:site_name`, else `application-name`, else a JSON-LD WebSite's name. */
export function siteNameOf(tags: MetaTags, data: StructuredData): string | undefined {
  const meta = firstMeta(tags, ["og:site_name", "application-name"]);
  if (meta) return meta.value;
  const site = data.nodes.find((node) => typesOf(node).includes("WebSite"));
  return site ? textOf(site.name) : undefined;
}

/**
 * A headline from structured data is sometimes cut to 110 characters ("…"); the full one from
 * `og:title` is then better.
 */
function fullerTitle(headline: Sourced | undefined, og: Sourced | undefined): Sourced | undefined {
  if (!headline) return og;
  const stem = /(?:…|\.\.\.)$/.exec(headline.value)
    ? headline.value.replace(/(?:…|\.\.\.)$/, "").trim()
    : undefined;
  if (stem && og && og.value.startsWith(stem) && og.value.length > stem.length) return og;
  return headline;
}

/** The headline: JSON-LD's (or a fuller `og:title`), other title tags, then `<title>`, without the site's name. */
export function titleOf(
  document: Document,
  tags: MetaTags,
  article: JsonObject | undefined,
  siteNames: string[],
): Sourced | undefined {
  const strip = (found: Sourced | undefined) =>
    found && { value: stripSiteName(found.value, siteNames), from: found.from };
  const headline = article && textOf(article.headline ?? article.name);
  const fromData = headline ? { value: headline, from: "JSON-LD headline" } : undefined;
  const og = strip(firstMeta(tags, ["og:title"]));
  const chosen =
    fullerTitle(strip(fromData), og) ??
    strip(
      firstMeta(tags, ["twitter:title", "title", "headline", "parsely-title", "sailthru.title"]),
    );
  if (chosen?.value) return chosen;
  const element = nonEmpty(document.querySelector("title")?.textContent);
  return element ? strip({ value: element, from: "<title>" }) : undefined;
}
