import type { Article } from "../content/article.ts";
import { TERM_KINDS, type Term, type TermKind } from "../registry/registry.ts";

/** `people:joe-biden`: a term's identity across kinds (ids are unique within a kind only). */
export function termKey(kind: TermKind, id: string): string {
  return `${kind}:${id}`;
}

/** Every term an article is tagged with, across kinds. */
export function articleTerms(article: Article): Term[] {
  return TERM_KINDS.flatMap((kind) => article[kind]);
}
