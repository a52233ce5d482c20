import type { Archive, TermEntry } from "../collections/archive.ts";
import { TERM_LABELS } from "../collections/archive.ts";
import type { Site } from "../config/site.ts";
import { createContext } from "../templates/context.ts";
import { buildFeed, type Feed } from "./feed.ts";
import { SITE_ATOM_PATH, SITE_JSON_FEED_PATH, termFeedPath } from "./feed-links.ts";

/** The whole archive's feed, newest first; the same entries in Atom and in JSON Feed. */
export function archiveFeed(archive: Archive, format: "atom" | "json"): Promise<Feed> {
  return buildFeed({
    ctx: createContext(archive.site),
    title: archive.site.title,
    description: archive.site.description,
    feedPath: format === "atom" ? SITE_ATOM_PATH : SITE_JSON_FEED_PATH,
    pagePath: "/",
    articles: archive.articles,
  });
}

/**
 * The feed of one topic, person or place, in summaries: a story is in the feed of each of its
 * terms, so full text would be written over and over (the archive's feed carries it once), and a
 * reader following a name wants to know what is new about it, then read it on the site.
 */
export function termFeed(site: Site, term: TermEntry): Promise<Feed> {
  return buildFeed({
    ctx: createContext(site),
    title: `${term.name} · ${site.title}`,
    description:
      term.description ??
      `${TERM_LABELS[term.kind].singular}: the newest articles about ${term.name}.`,
    feedPath: termFeedPath(term),
    pagePath: term.url,
    articles: term.articles,
    text: "summary",
  });
}

/** Every topic, person and place, for the template that writes one feed each. */
export function allTerms(archive: Archive): TermEntry[] {
  return Object.values(archive.terms).flat();
}
