import { TERM_KINDS, type Registry, type Term, type TermKind } from "../registry/registry.ts";

/** Accents, dash style and curly apostrophes ignored; letter case kept, because it matters. */
function normalize(text: string): string {
  if (!/[\u0080-\uffff]/.test(text)) return text;
  return text
    .normalize("NFKD")
    .replace(/\p{Mark}/gu, "")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u2018\u2019\u02bc]/g, "'");
}

/** Words (letters and digits) and single punctuation marks; spaces only separate. */
const TOKEN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

function tokenize(text: string): string[] {
  return normalize(text).match(TOKEN) ?? [];
}

interface Ending {
  term: Term;
  /** The name's tokens as registered, for the case check. */
  tokens: string[];
}

interface TrieNode {
  next: Map<string, TrieNode>;
  endings: Ending[];
}

const node = (): TrieNode => ({ next: new Map(), endings: [] });

/**
 * A registered token written with a capital must appear exactly so ("US" is not "us", "Trump"
 * is not "trump"); a lowercase one matches any case, so "Trump transition" finds the headline's
 * "Trump Transition".
 */
function caseMatches(ending: Ending, tokens: readonly string[], start: number): boolean {
  return ending.tokens.every((expected, k) => {
    if (expected === expected.toLowerCase()) return true;
    return tokens[start + k] === expected;
  });
}

/** A found name: the registry term and where it was first seen (token index, for ordering). */
export interface TagMatch {
  kind: TermKind;
  term: Term;
}

/**
 * Finds registry names and aliases in text. One token trie per kind is built once, so a story
 * costs one pass over its words whatever the size of the registry. Matches are whole words,
 * longest first, and case-aware: "Iranian" does not find Iran, "US" does not match "us".
 */
export class Tagger {
  private readonly tries: Record<TermKind, TrieNode>;

  constructor(registry: Registry) {
    this.tries = { topics: node(), people: node(), places: node() };
    for (const kind of TERM_KINDS) {
      for (const term of registry[kind].entries) {
        const seen = new Set<string>();
        for (const name of [term.name, ...term.aliases]) {
          const tokens = tokenize(name);
          const key = tokens.join(" ");
          if (tokens.length === 0 || seen.has(key)) continue;
          seen.add(key);
          let current = this.tries[kind];
          for (const token of tokens) {
            const lower = token.toLowerCase();
            let child = current.next.get(lower);
            if (!child) current.next.set(lower, (child = node()));
            current = child;
          }
          current.endings.push({ term, tokens });
        }
      }
    }
  }

  /** Every match in `text`, in order, for each kind. */
  matches(text: string): TagMatch[] {
    const tokens = tokenize(text);
    const lower = tokens.map((t) => t.toLowerCase());
    const found: Array<TagMatch & { at: number }> = [];
    for (const kind of TERM_KINDS) {
      const root = this.tries[kind];
      let i = 0;
      while (i < tokens.length) {
        let current: TrieNode | undefined = root;
        let best: { term: Term; end: number } | undefined;
        for (let j = i; j < tokens.length; j++) {
          current = current.next.get(lower[j]!);
          if (!current) break;
          const ending = current.endings.find((e) => caseMatches(e, tokens, i));
          if (ending) best = { term: ending.term, end: j + 1 };
        }
        if (best) {
          found.push({ kind, term: best.term, at: i });
          i = best.end;
        } else {
          i++;
        }
      }
    }
    return found.sort((a, b) => a.at - b.at).map(({ kind, term }) => ({ kind, term }));
  }

  /** The terms named in `texts` (title, paragraphs, captions), each once, in order of first mention. */
  tag(texts: readonly string[]): Record<TermKind, Term[]> {
    const result: Record<TermKind, Term[]> = { topics: [], people: [], places: [] };
    const seen = new Set<string>();
    for (const text of texts) {
      for (const { kind, term } of this.matches(text)) {
        const key = `${kind}:${term.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        result[kind].push(term);
      }
    }
    return result;
  }
}
