import type { Article } from "../content/article.ts";
import type { Term } from "../registry/registry.ts";
import { articleTerms, termKey } from "./term-key.ts";

export interface RelatedArticle {
  article: Article;
  /** Sum of the shared terms' weights (inverse document frequency). */
  score: number;
  /** The terms both articles are tagged with, most distinctive first. */
  shared: Term[];
}

export interface RelatedOptions {
  /** How many related articles per article. */
  limit?: number;
  /**
   * Terms in more articles than this are "common": only their `window` nearest articles in time
   * (either side) become candidates, instead of all of them, which keeps the cost linear in the
   * archive's size. Every candidate is then scored on all the terms it shares. By default
   * `defaultCommonThreshold` of the archive's size.
   */
  commonThreshold?: number;
  window?: number;
}

/** The most articles a term may be in and still count as rare (see `defaultCommonThreshold`). */
export const MAX_RARE_TERM_ARTICLES = 400;

/**
 * Articles a term may be in and still count as rare: 2% of the archive, at least 50 and at most
 * `MAX_RARE_TERM_ARTICLES`. Every article that shares a rare term is a candidate, so each article
 * costs about its rare terms' article counts: without the upper bound that grew with the archive,
 * and the whole computation with its square (22 s at 95,217 stories against 1.1 s at 19,045).
 */
export function defaultCommonThreshold(articles: number): number {
  return Math.min(MAX_RARE_TERM_ARTICLES, Math.max(50, Math.ceil(articles * 0.02)));
}

/**
 * For each article, the articles that share the most distinctive people, topics and places with
 * it, newer or older. A term's weight is ln(N / df): a name in few articles counts more than a
 * common one. Ties go to the article closer in time, then to the smaller URL, so the result
 * never depends on input order. `articles` must be sorted newest first.
 */
export function relatedArticles(
  articles: readonly Article[],
  options: RelatedOptions = {},
): Map<Article, RelatedArticle[]> {
  const limit = options.limit ?? 5;
  const n = articles.length;
  const commonThreshold = options.commonThreshold ?? defaultCommonThreshold(n);
  const window = options.window ?? 100;

  // Terms become small integers and articles indices, so the hot loop allocates nothing.
  const termIndex = new Map<string, number>();
  const termObjects: Term[] = [];
  const postings: number[][] = [];
  const termsOf = articles.map((article, i) =>
    articleTerms(article).map((term) => {
      const key = termKey(term.kind, term.id);
      let t = termIndex.get(key);
      if (t === undefined) {
        t = termObjects.length;
        termIndex.set(key, t);
        termObjects.push(term);
        postings.push([]);
      }
      postings[t]!.push(i);
      return t;
    }),
  );
  const weight = postings.map((list) => Math.log(n / list.length));
  // Which articles have each common term, one bit per article: the candidates of an article are
  // checked against its common terms, a few hundred times each, and a bit test is far cheaper than
  // a set lookup.
  const words = (n + 31) >>> 5;
  const members = postings.map((list) => {
    if (list.length <= commonThreshold) return undefined;
    const bits = new Uint32Array(words);
    for (const j of list) bits[j >>> 5]! |= 1 << (j & 31);
    return bits;
  });
  const times = Float64Array.from(articles, (article) => article.date.toMillis());

  const scores = new Float64Array(n);
  const isCandidate = new Uint8Array(n);
  const result = new Map<Article, RelatedArticle[]>();
  for (let i = 0; i < n; i++) {
    const candidates: number[] = [];
    const common: number[] = [];
    for (const t of termsOf[i]!) {
      const list = postings[t]!;
      if (list.length < 2 || weight[t] === 0) continue;
      if (list.length <= commonThreshold) {
        // A rare term: every article with it is a candidate, and the weight is added at once.
        for (const j of list) {
          if (j === i) continue;
          if (!isCandidate[j]) {
            isCandidate[j] = 1;
            candidates.push(j);
          }
          scores[j] = scores[j]! + weight[t]!;
        }
        continue;
      }
      common.push(t);
      // A common term: only its neighbours in time (postings are newest first, like `articles`).
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]! < i) lo = mid + 1;
        else hi = mid;
      }
      const to = Math.min(list.length, lo + window + 1);
      for (let p = Math.max(0, lo - window); p < to; p++) {
        const j = list[p]!;
        if (j !== i && !isCandidate[j]) {
          isCandidate[j] = 1;
          candidates.push(j);
        }
      }
    }
    // Common terms count for every candidate that has them, however it was found.
    for (const t of common) {
      const bits = members[t]!;
      const w = weight[t]!;
      for (const j of candidates) if (bits[j >>> 5]! & (1 << (j & 31))) scores[j] = scores[j]! + w;
    }
    const time = times[i]!;
    const better = (a: number, b: number) =>
      scores[a]! - scores[b]! ||
      Math.abs(times[b]! - time) - Math.abs(times[a]! - time) ||
      articles[b]!.url.localeCompare(articles[a]!.url);
    const top: number[] = [];
    for (const j of candidates) {
      if (scores[j]! > 0 && (top.length < limit || better(j, top[top.length - 1]!) > 0)) {
        let at = top.length;
        while (at > 0 && better(j, top[at - 1]!) > 0) at--;
        top.splice(at, 0, j);
        if (top.length > limit) top.pop();
      }
    }
    const mine = new Set(termsOf[i]);
    result.set(
      articles[i]!,
      top.map((j) => ({
        article: articles[j]!,
        score: scores[j]!,
        shared: termsOf[j]!.filter((t) => mine.has(t))
          .sort((a, b) => weight[b]! - weight[a]!)
          .map((t) => termObjects[t]!),
      })),
    );
    for (const j of candidates) {
      scores[j] = 0;
      isCandidate[j] = 0;
    }
  }
  return result;
}
