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
   * archive's size. Every candidate is then scored on all the terms it shares.
   */
  commonThreshold?: number;
  window?: number;
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
  const commonThreshold = options.commonThreshold ?? Math.max(50, Math.ceil(n * 0.02));
  const window = options.window ?? 100;

  const postings = new Map<string, number[]>();
  const termsOf = articles.map((article, i) => {
    const keys = articleTerms(article).map((term) => {
      const key = termKey(term.kind, term.id);
      let list = postings.get(key);
      if (!list) postings.set(key, (list = []));
      list.push(i);
      return { key, term };
    });
    return keys;
  });
  const weight = (key: string) => Math.log(n / postings.get(key)!.length);

  const keySets = termsOf.map((terms) => new Set(terms.map(({ key }) => key)));
  const seen = new Uint8Array(n);
  const result = new Map<Article, RelatedArticle[]>();
  for (let i = 0; i < n; i++) {
    // Candidates: every article sharing a rare term, and the neighbours in time of a common one.
    const candidates: number[] = [];
    const consider = (j: number) => {
      if (j !== i && !seen[j]) {
        seen[j] = 1;
        candidates.push(j);
      }
    };
    for (const { key } of termsOf[i]!) {
      const list = postings.get(key)!;
      if (list.length < 2) continue;
      if (list.length <= commonThreshold) {
        for (const j of list) consider(j);
        continue;
      }
      // Postings are in article order (newest first): binary-search this article's place.
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]! < i) lo = mid + 1;
        else hi = mid;
      }
      const to = Math.min(list.length, lo + window + 1);
      for (let p = Math.max(0, lo - window); p < to; p++) consider(list[p]!);
    }
    const time = articles[i]!.date.toMillis();
    const mine = keySets[i]!;
    const scored = candidates.map((j) => {
      seen[j] = 0;
      const shared = termsOf[j]!.filter(({ key }) => mine.has(key));
      const score = shared.reduce((sum, { key }) => sum + weight(key), 0);
      return { j, shared, score, distance: Math.abs(articles[j]!.date.toMillis() - time) };
    });
    const ranked = scored
      .filter((c) => c.score > 0)
      .sort(
        (a, b) =>
          b.score - a.score ||
          a.distance - b.distance ||
          articles[a.j]!.url.localeCompare(articles[b.j]!.url),
      )
      .slice(0, limit);
    result.set(
      articles[i]!,
      ranked.map(({ j, shared, score }) => ({
        article: articles[j]!,
        score,
        shared: shared.sort((a, b) => weight(b.key) - weight(a.key)).map(({ term }) => term),
      })),
    );
  }
  return result;
}
