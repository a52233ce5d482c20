import type { TermEntry } from "../collections/archive.ts";
import { renderAtomFeed } from "../feeds/atom.ts";
import { termFeedPath } from "../feeds/feed-links.ts";
import { allTerms, termFeed } from "../feeds/site-feeds.ts";
import type { BulkPageData, PageData } from "../templates/page-data.ts";

type Data = BulkPageData<"term", TermEntry, ReturnType<typeof reads>>;

export const data = {
  pagination: {
    data: "archive.terms",
    size: 1,
    alias: "term",
    // `archive.terms` is grouped by kind; one feed per topic, person and place.
    before: (_kinds: unknown, data: PageData) => allTerms(data.archive),
  },
  permalink: (data: Data) => termFeedPath(data.term),
};

/**
 * Entries in a topic's, person's or place's feed: fewer than the whole archive's. There is a feed
 * per term, hundreds of them; a reader subscribed to a term polls it often and keeps what it has
 * seen, so the newest 20 miss nothing a day or a week brings on all but the busiest terms.
 */
export const TERM_FEED_ENTRIES = 20;

/** `/topics/<id>/feed.xml`, `/people/<id>/feed.xml`, `/places/<id>/feed.xml`, in Atom. */
/** A term's feed shows nothing from the archive beside the term and its articles. */
export function reads() {
  return null;
}

export async function render({ site, term }: Data) {
  const newest = { ...term, articles: term.articles.slice(0, TERM_FEED_ENTRIES) };
  return renderAtomFeed(await termFeed(site, newest));
}
