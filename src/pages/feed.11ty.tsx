import { renderAtomFeed } from "../feeds/atom.ts";
import { SITE_ATOM_PATH } from "../feeds/feed-links.ts";
import { archiveFeed } from "../feeds/site-feeds.ts";
import type { PageData } from "../templates/page-data.ts";

export const data = { permalink: SITE_ATOM_PATH };

/** `/feed.xml`: the newest articles of the whole archive, in Atom. */
export async function render({ archive }: PageData) {
  return renderAtomFeed(await archiveFeed(archive, "atom"));
}
