import type { RenderContext } from "../templates/context.ts";
import type { FeedLink } from "../feeds/feed-links.ts";
import type { MetaTag } from "./open-graph.ts";
import { serializeJsonLd, type JsonLdNode } from "./json-ld.ts";

/** Open Graph and Twitter card `<meta>` tags. */
export function SocialMetaTags({ tags }: { tags: MetaTag[] }) {
  return (
    <>
      {tags.map((tag, i) =>
        tag.attribute === "property" ? (
          <meta key={i} property={tag.key} content={tag.content} />
        ) : (
          <meta key={i} name={tag.key} content={tag.content} />
        ),
      )}
    </>
  );
}

/** `<link rel="alternate">` for each feed, so browsers and feed readers find them from the page. */
export function FeedAlternates({ ctx, feeds }: { ctx: RenderContext; feeds: FeedLink[] }) {
  return (
    <>
      {feeds.map((feed) => (
        <link
          key={feed.path}
          rel="alternate"
          type={feed.type}
          title={feed.title}
          href={ctx.url(feed.path)}
        />
      ))}
    </>
  );
}

/**
 * Structured data for search engines. It is data, not script: browsers do not run it and a
 * Content Security Policy does not block it. Its text cannot go through Preact's escaping (a script
 * element's content is not entity-decoded, so `&quot;` would stay in the JSON); `serializeJsonLd`
 * escapes `<` instead, so the JSON can never close the element.
 */
export function JsonLdScript({ data }: { data: JsonLdNode }) {
  return (
    <script
      type="application/ld+json"
      dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }}
    />
  );
}
