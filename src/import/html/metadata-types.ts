/** A value read from a page, and where on the page it stood (for a message that points at it). */
export interface Sourced {
  value: string;
  /** E.g. `JSON-LD datePublished`, `<meta property="article:published_time">`, `<time datetime>`. */
  from: string;
}

/** A photo the page's metadata names (its share image, the article's `image`). */
export interface MetadataImage {
  /** Absolute when the page's address is known, else as written. */
  url: string;
  caption?: string;
  credit?: string;
  alt?: string;
}

/** What a page says about itself, before its body is extracted. */
export interface PageMetadata {
  title?: Sourced;
  description?: string;
  /** `YYYY-MM-DD` or an ISO 8601 date-time with offset. */
  published?: Sourced;
  modified?: Sourced;
  /** "A", "A and B", "A, B and C". */
  byline?: string;
  /** The publisher's name from structured data. */
  publisher?: string;
  /** `og:site_name`, else the name of a JSON-LD WebSite. */
  siteName?: string;
  sections: string[];
  keywords: string[];
  /** `article:tag` values. */
  tags: string[];
  /** The lead photo first. */
  images: MetadataImage[];
  /** The article's text as the structured data gives it. */
  articleBody?: string;
  /** Absolute http(s). */
  canonical?: string;
  dateline?: string;
  /** `og:type`, lower case. */
  ogType?: string;
  /** Every `@type` in the page's JSON-LD, without a `schema:` prefix (`NewsArticle`, `WebSite`). */
  structuredTypes: string[];
  /** True when the page has an Article-like JSON-LD node. */
  hasArticleData: boolean;
  /** JSON-LD blocks that are not JSON even after light repair; they are ignored. */
  unreadableJsonLd: number;
  lang?: string;
}
