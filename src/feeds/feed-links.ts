import type { TermEntry } from "../collections/archive.ts";
import type { Site } from "../config/site.ts";

export const ATOM_TYPE = "application/atom+xml";
/** @see https://www.jsonfeed.org/version/1.1/#discovery-a-name-discovery-a */
export const JSON_FEED_TYPE = "application/feed+json";

/** A feed as a page advertises it with `<link rel="alternate">`; `path` is site-relative. */
export interface FeedLink {
  path: string;
  type: typeof ATOM_TYPE | typeof JSON_FEED_TYPE;
  title: string;
}

export const SITE_ATOM_PATH = "/feed.xml";
export const SITE_JSON_FEED_PATH = "/feed.json";

/** The whole archive's feeds, advertised on every page. */
export function siteFeedLinks(site: Site): FeedLink[] {
  return [
    { path: SITE_ATOM_PATH, type: ATOM_TYPE, title: `${site.title} (Atom)` },
    { path: SITE_JSON_FEED_PATH, type: JSON_FEED_TYPE, title: `${site.title} (JSON Feed)` },
  ];
}

/** `/topics/nato/` → `/topics/nato/feed.xml`; the same for people and places. */
export function termFeedPath(term: Pick<TermEntry, "url">): string {
  return `${term.url}feed.xml`;
}

export function termFeedLink(term: Pick<TermEntry, "url" | "name">, site: Site): FeedLink {
  return { path: termFeedPath(term), type: ATOM_TYPE, title: `${term.name} · ${site.title}` };
}
