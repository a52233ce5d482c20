// Pagefind answers a word its index lacks with the longest prefix of it that the index has
// (Pagefind #315): "temporao" finds "tempo" where no story says "temporao". One index over the
// whole archive falls back only when no story has the word; bundles searched as one would each
// fall back on their own, so a word that only the newest stories have would bring every older
// bundle's near misses with it. This decides, word by word, which bundles answered the word as
// one index would: those whose words hold the longest prefix of its stem found in any bundle
// searched. A bundle that did not is left out of the results of that search.
// @see https://github.com/Pagefind/pagefind/pull/315
import stemEnglish from "wink-porter2-stemmer";

/** Pagefind's stemmers, for the languages this knows: its English one is Porter2 (Snowball). */
const STEMMERS: Record<string, (word: string) => string> = { en: stemEnglish };

/** The query's words as Pagefind reads them: lower case, without punctuation or diacritics. */
export function queryWords(query: string): string[] {
  return query
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu, "")
    .split(/\s+/)
    .filter(Boolean);
}

/** How many characters of `stem` begin some word of `words`. */
function longestPrefix(stem: string, words: Iterable<string>): number {
  let best = 0;
  for (const word of words) {
    let n = 0;
    while (n < stem.length && n < word.length && stem[n] === word[n]) n++;
    if (n > best) best = n;
    if (best === stem.length) break;
  }
  return best;
}

export interface FallbackVerdict {
  /** The bundles whose answer to every word is the one index's answer. */
  keep: Set<string>;
  /**
   * Whether every word was found whole (as its stem or a longer word) in a bundle searched: then
   * no other bundle can find it better, and the verdict holds however many bundles follow.
   */
  settled: boolean;
}

/**
 * Which of `bundles` (tag → the words of its chunks loaded for this search) answered `query`
 * without a fallback the whole archive would not make. `language` picks the stemmer; for a
 * language without one, every bundle is kept.
 */
export function judgeFallback(
  query: string,
  bundles: ReadonlyMap<string, Iterable<string>>,
  language: string,
): FallbackVerdict {
  const stem = STEMMERS[language.split("-")[0]!.toLowerCase()];
  const keep = new Set(bundles.keys());
  if (!stem) return { keep, settled: true };
  let settled = true;
  for (const word of queryWords(query)) {
    const stemmed = stem(word);
    const found = new Map([...bundles].map(([tag, words]) => [tag, longestPrefix(stemmed, words)]));
    const best = Math.max(0, ...found.values());
    if (best < stemmed.length) settled = false;
    for (const [tag, length] of found) if (length < best) keep.delete(tag);
  }
  return { keep, settled };
}
