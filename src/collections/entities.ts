import type { Article } from "../content/article.ts";
import { yearMonth } from "../content/dates.ts";
import { foldName } from "../registry/fold.ts";
import { TERM_KINDS, type Term } from "../registry/registry.ts";
import { cooccurrence, type CoTerm, type TermPair } from "./cooccurrence.ts";
import { paginate, type Page } from "./paginate.ts";
import { relatedArticles, type RelatedArticle } from "./related.ts";
import { termKey } from "./term-key.ts";
import { monthlyTimeline, type Timeline, type TimelineMonth } from "./timeline.ts";

/** The site-relative URL of a term's page. */
export const termUrl = (term: Pick<Term, "kind" | "id">) => `/${term.kind}/${term.id}/`;

/** One month of one term's articles: where a timeline bar leads. */
export const termMonthUrl = (
  term: Pick<Term, "kind" | "id">,
  month: Pick<TimelineMonth, "year" | "month">,
) => `${termUrl(term)}${month.year}/${month.month}/`;

/** The page of articles two terms share lives under the pair's first term. */
export const pairUrl = (pair: Pick<TermPair, "a" | "b">) =>
  `${termUrl(pair.a)}with/${pair.b.kind}/${pair.b.id}/`;

export interface TermMonthPage extends Page<Article> {
  term: Term;
  month: TimelineMonth;
}

export interface PairPage extends Page<Article> {
  pair: TermPair;
}

export interface TermInsight {
  timeline: Timeline;
  /** The terms that share most articles with this one; `showKind` as in `Entities.sameNamed`. */
  coTerms: Array<CoTerm & { url: string; pairUrl?: string; showKind: boolean }>;
}

/** What makes entity pages more than lists: timelines, who appears with whom, related articles. */
export interface Entities {
  /** By term key (`people:volcker`). */
  insights: Map<string, TermInsight>;
  termMonthPages: TermMonthPage[];
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
  const termMonthPages: TermMonthPage[] = [];
  for (const kind of TERM_KINDS) {
    for (const term of termsByKind[kind] ?? []) {
      const key = termKey(term.kind, term.id);
      const timeline = monthlyTimeline(term.articles);
      insights.set(key, {
        timeline,
        coTerms: (co.byTerm.get(key) ?? []).map((coTerm) => ({
          ...coTerm,
          url: termUrl(coTerm.term),
          pairUrl: coTerm.pairKey ? pairUrls.get(coTerm.pairKey) : undefined,
          showKind: sameNamed.has(termKey(coTerm.term.kind, coTerm.term.id)),
        })),
      });
      const byMonth = new Map<string, Article[]>();
      for (const article of term.articles) {
        const month = yearMonth(article.date).key;
        let list = byMonth.get(month);
        if (!list) byMonth.set(month, (list = []));
        list.push(article);
      }
      for (const month of timeline.months) {
        const list = byMonth.get(month.key);
        if (!list) continue;
        for (const page of paginate(list, pageSize, termMonthUrl(term, month))) {
          termMonthPages.push({ ...page, term, month });
        }
      }
    }
  }
  const pairPages = co.pairs.flatMap((pair) =>
    paginate(pair.articles, pageSize, pairUrl(pair)).map((page) => ({ ...page, pair })),
  );
  const started = performance.now();
  const related = knownRelated ?? relatedArticles(articles);
  return {
    insights,
    termMonthPages,
    pairPages,
    sameNamed,
    related,
    relatedMs: performance.now() - started,
  };
}
