import type { DateTime } from "luxon";
import type { Article } from "../content/article.ts";
import type { RenderContext } from "../templates/context.ts";
import { leadImagePath } from "../templates/lead-image.ts";
import { absoluteSiteUrl } from "../templates/urls.ts";

/** ISO 8601 to the second, with the offset of the site's time zone: `2024-11-13T09:00:00+00:00`. */
const ISO = { suppressMilliseconds: true } as const;

/** What a page adds to the title, description and URL every page has, for link previews. */
export interface PageSocial {
  /** Open Graph object type. @default "website" */
  type: "website" | "article";
  /** The preview photo: an absolute URL and its text alternative. */
  image?: { url: string; alt?: string };
  publishedTime?: DateTime;
  modifiedTime?: DateTime;
  /** Topic names, as `article:tag`. */
  tags?: string[];
}

export interface PageIdentity {
  siteName: string;
  /** The page's own title, without the site's name. */
  title: string;
  description: string;
  /** Absolute canonical URL. */
  url: string;
}

/** One `<meta>` tag: Open Graph uses `property`, Twitter cards use `name`. */
export interface MetaTag {
  attribute: "property" | "name";
  key: string;
  content: string;
}

/**
 * Open Graph and Twitter card tags for a page. Twitter falls back to Open Graph for title,
 * description and image, but the card type and image are given both ways for the readers that
 * look only at their own.
 * @see https://ogp.me/
 * @see https://developer.x.com/en/docs/x-for-websites/cards/guides/getting-started
 */
export function socialMetaTags(
  page: PageIdentity,
  social: PageSocial = { type: "website" },
): MetaTag[] {
  const og = (key: string, content: string | undefined): MetaTag[] =>
    content ? [{ attribute: "property", key, content }] : [];
  const twitter = (key: string, content: string | undefined): MetaTag[] =>
    content ? [{ attribute: "name", key, content }] : [];
  const { image } = social;
  return [
    ...og("og:type", social.type),
    ...og("og:site_name", page.siteName),
    ...og("og:title", page.title),
    ...og("og:description", page.description),
    ...og("og:url", page.url),
    ...og("og:image", image?.url),
    ...og("og:image:alt", image?.alt),
    ...og("article:published_time", social.publishedTime?.toISO(ISO) ?? undefined),
    ...og("article:modified_time", social.modifiedTime?.toISO(ISO) ?? undefined),
    ...(social.tags ?? []).flatMap((tag) => og("article:tag", tag)),
    ...twitter("twitter:card", image ? "summary_large_image" : "summary"),
    ...twitter("twitter:title", page.title),
    ...twitter("twitter:description", page.description),
    ...twitter("twitter:image", image?.url),
    ...twitter("twitter:image:alt", image?.alt),
  ];
}

/** An article's preview: its lead photo, dates and topics. */
export function articleSocial(article: Article, ctx: RenderContext): PageSocial {
  const imagePath = leadImagePath(article);
  return {
    type: "article",
    image: imagePath ? { url: absoluteSiteUrl(ctx, imagePath), alt: article.lead?.alt } : undefined,
    publishedTime: article.date,
    modifiedTime: article.updated,
    tags: article.topics.map((topic) => topic.name),
  };
}
