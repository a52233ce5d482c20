import type { Article } from "../content/article.ts";
import type { Site } from "../config/site.ts";
import { TERM_KINDS, type Term, type TermKind } from "../registry/registry.ts";
import { paginate, type Page } from "./paginate.ts";

/** A topic, person or place with the articles tagged with it, newest first. */
export interface TermEntry extends Term {
  url: string;
  articles: Article[];
}

export interface TermPage extends Page<Article> {
  term: TermEntry;
}

/** Everything the templates need, computed once per build from the validated articles. */
export interface Archive {
  site: Site;
  /** Published articles, newest first. */
  articles: Article[];
  homePages: Page<Article>[];
  /** Per kind, entries with at least one article, sorted by name. */
  terms: Record<TermKind, TermEntry[]>;
  termPages: TermPage[];
}

export const TERM_LABELS: Record<TermKind, { plural: string; singular: string }> = {
  topics: { plural: "Topics", singular: "Topic" },
  people: { plural: "People", singular: "Person" },
  places: { plural: "Places", singular: "Place" },
};

/** Newest first; ties broken by URL so the order never depends on file-system order. */
export function compareNewestFirst(a: Article, b: Article): number {
  return b.date.toMillis() - a.date.toMillis() || a.url.localeCompare(b.url);
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** Groups articles by term and paginates every list. Drafts are left out. */
export function buildArchive(all: readonly Article[], site: Site): Archive {
  const articles = all.filter((a) => !a.draft).sort(compareNewestFirst);
  const terms = {} as Record<TermKind, TermEntry[]>;
  const termPages: TermPage[] = [];
  for (const kind of TERM_KINDS) {
    const byId = new Map<string, TermEntry>();
    for (const article of articles) {
      for (const term of article[kind]) {
        let entry = byId.get(term.id);
        if (!entry) {
          entry = { ...term, url: `/${kind}/${term.id}/`, articles: [] };
          byId.set(term.id, entry);
        }
        entry.articles.push(article);
      }
    }
    terms[kind] = [...byId.values()].sort((a, b) => collator.compare(a.name, b.name));
    for (const term of terms[kind]) {
      for (const page of paginate(term.articles, site.pageSize.term, term.url)) {
        termPages.push({ ...page, term });
      }
    }
  }
  return {
    site,
    articles,
    homePages: paginate(articles, site.pageSize.home, "/"),
    terms,
    termPages,
  };
}
