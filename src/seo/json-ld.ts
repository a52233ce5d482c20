import type { Article } from "../content/article.ts";
import type { RenderContext } from "../templates/context.ts";
import { leadImagePath } from "../templates/lead-image.ts";
import { absoluteSiteUrl } from "../templates/urls.ts";

/** A schema.org node as JSON-LD: plain JSON values only. */
export interface JsonLdNode {
  "@type": string;
  [property: string]: JsonLdValue;
}
export type JsonLdValue = string | number | boolean | JsonLdNode | JsonLdValue[] | undefined;

export interface NewsArticleJsonLd extends JsonLdNode {
  "@context": "https://schema.org";
  "@type": "NewsArticle";
  headline: string;
  datePublished: string;
  dateModified: string;
}

/**
 * The `NewsArticle` description of an article for search engines.
 *
 * - `author`: the byline, else the source. A byline that is the source's name (an agency or paper)
 *   is an Organization, any other a Person; `publisher` is always the archive.
 * - `dateline`: the text as written, and `locationCreated`, the place the story was filed from.
 *   The article's places are `contentLocation`: what the story is about, not where it was written.
 * - `image`: the lead photo as an ImageObject with `caption` and `creditText`.
 * - `about`: the people (Person) and topics (Thing), each with its page on this site.
 *
 * Left out because the page already says it, on every article of an archive that may hold tens of
 * thousands: `url` and `mainEntityOfPage` (the `@id` is the canonical URL with `#article`, and the
 * page's canonical link names it), `description` (the meta description) and the publisher's `url`
 * (the home page, linked from every page). Google's Article documentation recommends none of them;
 * what it recommends, headline, image, dates and author, stays.
 * @see https://schema.org/NewsArticle
 * @see https://developers.google.com/search/docs/appearance/structured-data/article
 */
export function newsArticleJsonLd(article: Article, ctx: RenderContext): NewsArticleJsonLd {
  const url = ctx.absoluteUrl(article.url);
  const imagePath = leadImagePath(article);
  const termUrl = (kind: string, id: string) => ctx.absoluteUrl(`/${kind}/${id}/`);
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "@id": `${url}#article`,
    headline: article.title,
    inLanguage: ctx.site.language,
    datePublished: article.date.toISO({ suppressMilliseconds: true })!,
    dateModified: (article.updated ?? article.date).toISO({ suppressMilliseconds: true })!,
    author: articleAuthor(article),
    publisher: { "@type": "Organization", name: ctx.site.title },
    dateline: article.dateline,
    isBasedOn: article.canonical,
    locationCreated: article.dateline ? { "@type": "Place", name: article.dateline } : undefined,
    contentLocation: listOrUndefined(
      article.places.map((place) => ({
        "@type": "Place",
        name: place.name,
        url: termUrl("places", place.id),
      })),
    ),
    image:
      imagePath && article.lead
        ? {
            "@type": "ImageObject",
            url: absoluteSiteUrl(ctx, imagePath),
            caption: article.lead.caption,
            creditText: article.lead.credit,
          }
        : undefined,
    about: listOrUndefined([
      ...article.people.map((person) => ({
        "@type": "Person",
        name: person.name,
        url: termUrl("people", person.id),
      })),
      ...article.topics.map((topic) => ({
        "@type": "Thing",
        name: topic.name,
        url: termUrl("topics", topic.id),
      })),
    ]),
  };
}

function articleAuthor(article: Article): JsonLdNode | undefined {
  const name = article.byline ?? article.source;
  if (!name) return undefined;
  const isOrganization = !article.byline || sameName(article.byline, article.source);
  return { "@type": isOrganization ? "Organization" : "Person", name };
}

function sameName(a: string, b: string | undefined): boolean {
  return b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}

function listOrUndefined(nodes: JsonLdNode[]): JsonLdNode[] | undefined {
  return nodes.length ? nodes : undefined;
}

/**
 * JSON for a `<script type="application/ld+json">` element. The HTML parser ends a script at the
 * first `</script`, whatever the JSON means, so `<` is written `\u003c` (and `>`, `&`, which some
 * older parsers also act on); U+2028 and U+2029 are escaped for readers that eval JSON as script.
 * @see https://html.spec.whatwg.org/multipage/scripting.html#restrictions-for-contents-of-script-elements
 */
export function serializeJsonLd(value: JsonLdNode): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
