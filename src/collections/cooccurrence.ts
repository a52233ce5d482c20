import type { Article } from "../content/article.ts";
import type { Term } from "../registry/registry.ts";
import { articleTerms, termKey } from "./term-key.ts";

export interface CoTerm {
  term: Term;
  /** Articles tagged with both. */
  count: number;
  /** The page listing the shared articles, when there is one (count ≥ minShared). */
  pairKey?: string;
}

export interface TermPair {
  key: string;
  a: Term;
  b: Term;
  /** Shared articles, newest first. */
  articles: Article[];
}

export interface Cooccurrence {
  /** Term key → the terms sharing most articles with it, most first. */
  byTerm: Map<string, CoTerm[]>;
  /** Pairs that get a page of shared articles. */
  pairs: TermPair[];
}

/** Unordered pairs have one key: the smaller term key first. */
export function pairKey(a: Term, b: Term): string {
  const ka = termKey(a.kind, a.id);
  const kb = termKey(b.kind, b.id);
  return ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
}

/**
 * Who appears with whom: for every term, the `limit` terms that share the most articles with it.
 * Pair pages exist only for listed pairs with at least `minShared` shared articles, so their
 * number is at most `limit` × terms however large the archive grows. `articles` newest first.
 */
export function cooccurrence(
  articles: readonly Article[],
  options: { limit?: number; minShared?: number } = {},
): Cooccurrence {
  const limit = options.limit ?? 8;
  const minShared = options.minShared ?? 2;
  const counts = new Map<string, Map<string, { term: Term; count: number }>>();
  const termsByKey = new Map<string, Term>();
  const bump = (from: Term, to: Term) => {
    const fromKey = termKey(from.kind, from.id);
    termsByKey.set(fromKey, from);
    let row = counts.get(fromKey);
    if (!row) counts.set(fromKey, (row = new Map()));
    const toKey = termKey(to.kind, to.id);
    const cell = row.get(toKey);
    if (cell) cell.count++;
    else row.set(toKey, { term: to, count: 1 });
  };
  for (const article of articles) {
    const terms = articleTerms(article);
    for (let x = 0; x < terms.length; x++) {
      for (let y = x + 1; y < terms.length; y++) {
        bump(terms[x]!, terms[y]!);
        bump(terms[y]!, terms[x]!);
      }
    }
  }
  const byTerm = new Map<string, CoTerm[]>();
  const wanted = new Map<string, TermPair>();
  for (const [fromKey, row] of counts) {
    const top = [...row.values()]
      .sort((p, q) => q.count - p.count || p.term.name.localeCompare(q.term.name))
      .slice(0, limit);
    byTerm.set(
      fromKey,
      top.map(({ term, count }) => ({ term, count })),
    );
  }
  for (const [fromKey, list] of byTerm) {
    const self = termsByKey.get(fromKey)!;
    for (const co of list) {
      if (co.count < minShared) continue;
      const key = pairKey(self, co.term);
      co.pairKey = key;
      if (!wanted.has(key)) {
        const selfFirst = termKey(self.kind, self.id) < termKey(co.term.kind, co.term.id);
        const [a, b] = selfFirst ? [self, co.term] : [co.term, self];
        wanted.set(key, { key, a, b, articles: [] });
      }
    }
  }
  for (const article of articles) {
    const terms = articleTerms(article);
    for (let x = 0; x < terms.length; x++) {
      for (let y = x + 1; y < terms.length; y++) {
        wanted.get(pairKey(terms[x]!, terms[y]!))?.articles.push(article);
      }
    }
  }
  const pairs = [...wanted.values()].sort((p, q) => (p.key < q.key ? -1 : p.key > q.key ? 1 : 0));
  return { byTerm, pairs };
}
