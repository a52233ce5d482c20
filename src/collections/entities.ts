import type { Article } from "../content/article.ts";
import { yearMonth } from "../content/dates.ts";
import { foldName } from "../registry/fold.ts";
import { TERM_KINDS, type Term } from "../registry/registry.ts";
import { cooccurrence, type CoTerm, type TermPair } from "./cooccurrence.ts";
import { listPageUrl, paginate, type Page } from "./paginate.ts";
import { relatedArticles, type RelatedArticle } from "./related.ts";
import { termKey } from "./term-key.ts";
import { monthlyTimeline, type Timeline, type TimelineMonth } from "./timeline.ts";

/** The site-relative URL of a term's page. */
export const termUrl = (term: Pick<Term, "kind" | "id">) => `/${term.kind}/${term.id}/`;

/** The id of the heading a term's listing gives the first of a month's articles: `month-1987-03`. */
export const monthAnchor = (month: Pick<TimelineMonth, "key">) => `month-${month.key}`;

/**
 * Where a timeline bar leads: the page of the term's own listing (newest first, paginated as
 * `paginateFromOldest` does) on which that month's articles begin, at the month's heading. A
 * page per term per month would list the same articles again, one more file per term and month;
 * the listing already holds them in order. `articles` newest first, as the listing shows them.
 */
export function termMonthUrls(
  term: Pick<Term, "kind" | "id">,
  articles: readonly Article[],
  pageSize: number,
): Map<string, string> {
  const urls = new Map<string, string>();
  articles.forEach((article, index) => {
    const month = yearMonth(article.date);
    if (urls.has(month.key)) return;
    const page = listPageUrl(termUrl(term), index, articles.length, pageSize);
    urls.set(month.key, `${page}#${monthAnchor(month)}`);
  });
  return urls;
}

/** The page of articles two terms share lives under the pair's first term. */
export const pairUrl = (pair: Pick<TermPair, "a" | "b">) =>
  `${termUrl(pair.a)}with/${pair.b.kind}/${pair.b.id}/`;

/** A pair's one page: its newest shared articles (`items`), at most a term page's worth. */
export interface PairPage extends Page<Article> {
  pair: TermPair;
}

export interface TermInsight {
  timeline: Timeline;
  /** Month key → where the month's bar leads (see `termMonthUrls`). */
  monthUrls: Map<string, string>;
  /** The terms that share most articles with this one; `showKind` as in `Entities.sameNamed`. */
  coTerms: Array<CoTerm & { url: string; pairUrl?: string; showKind: boolean }>;
}

/** What makes entity pages more than lists: timelines, who appears with whom, related articles. */
export interface Entities {
  /** By term key (`people:volcker`). */
  insights: Map<string, TermInsight>;
  pairPages: PairPage[];
  /**
   * Term keys of the terms whose name another kind also uses ("United States" the place and the
   * topic). Lists that mix kinds name such a term's kind; other names stay bare.
   */
  sameNamed: ReadonlySet<string>;
  related: Map<Article, RelatedArticle[]>;
  /** Time spent computing related articles, for the benchmark. */
  relatedMs: number;
}

/**
 * The terms whose name (folded, as the registry compares names) another kind also uses, by term
 * key. Computed once per build from every published term, so that a name is labelled alike on
 * every page, whichever terms a page happens to list.
 */
export function sameNamedTerms(
  termsByKind: Record<string, ReadonlyArray<Pick<Term, "kind" | "id" | "name">>>,
): Set<string> {
  const byName = new Map<string, Array<Pick<Term, "kind" | "id">>>();
  for (const kind of TERM_KINDS) {
    for (const term of termsByKind[kind] ?? []) {
      const name = foldName(term.name);
      let list = byName.get(name);
      if (!list) byName.set(name, (list = []));
      list.push(term);
    }
  }
  const same = new Set<string>();
  for (const list of byName.values()) {
    // Names are unique within a kind, so two entries under one name are two kinds.
    if (new Set(list.map((term) => term.kind)).size < 2) continue;
    for (const term of list) same.add(termKey(term.kind, term.id));
  }
  return same;
}

/** Computes the entity model from the published articles (newest first). */
export function buildEntities(
  articles: readonly Article[],
  termsByKind: Record<string, ReadonlyArray<Term & { articles: Article[] }>>,
  pageSize: number,
  /** Related articles computed earlier for the same tags and dates (under `npm start`). */
  knownRelated?: Map<Article, RelatedArticle[]>,
): Entities {
  const co = cooccurrence(articles);
  const sameNamed = sameNamedTerms(termsByKind);
  const pairUrls = new Map(co.pairs.map((pair) => [pair.key, pairUrl(pair)]));
  const insights = new Map<string, TermInsight>();
  for (const kind of TERM_KINDS) {
    for (const term of termsByKind[kind] ?? []) {
      const key = termKey(term.kind, term.id);
      const timeline = monthlyTimeline(term.articles);
      insights.set(key, {
        timeline,
        monthUrls: termMonthUrls(term, term.articles, pageSize),
        coTerms: (co.byTerm.get(key) ?? []).map((coTerm) => ({
          ...coTerm,
          url: termUrl(coTerm.term),
          pairUrl: coTerm.pairKey ? pairUrls.get(coTerm.pairKey) : undefined,
          showKind: sameNamed.has(termKey(coTerm.term.kind, coTerm.term.id)),
        })),
      });
    }
  }
  // One page per pair, the newest shared articles: paginated, the few pairs of the busiest terms
  // (a country and earnings share thousands of articles) took hundreds of files each, more than
  // every other pair together, for pages that repeat the two terms' own listings.
  const pairPages = co.pairs.map((pair) => ({
    ...paginate(pair.articles.slice(0, pageSize), pageSize, pairUrl(pair))[0]!,
    pair,
  }));
  const started = performance.now();
  const related = knownRelated ?? relatedArticles(articles);
  return {
    insights,
    pairPages,
    sameNamed,
    related,
    relatedMs: performance.now() - started,
  };
}
