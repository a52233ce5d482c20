import { SITE_JSON_FEED_PATH } from "../feeds/feed-links.ts";
import { renderJsonFeed } from "../feeds/json-feed.ts";
import { archiveFeed } from "../feeds/site-feeds.ts";
import type { PageData } from "../templates/page-data.ts";

export const data = { permalink: SITE_JSON_FEED_PATH };

/** `/feed.json`: the same entries as `/feed.xml`, in JSON Feed 1.1. */
export async function render({ archive }: PageData) {
  return renderJsonFeed(await archiveFeed(archive, "json"));
}
