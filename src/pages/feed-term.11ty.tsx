import type { TermEntry } from "../collections/archive.ts";
import { renderAtomFeed } from "../feeds/atom.ts";
import { termFeedPath } from "../feeds/feed-links.ts";
import { allTerms, termFeed } from "../feeds/site-feeds.ts";
import type { PageData, PaginatedData } from "../templates/page-data.ts";

type Data = PaginatedData<"term", TermEntry>;

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

/** `/topics/<id>/feed.xml`, `/people/<id>/feed.xml`, `/places/<id>/feed.xml`, in Atom. */
export async function render({ archive, term }: Data) {
  return renderAtomFeed(await termFeed(archive, term));
}
