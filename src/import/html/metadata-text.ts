import { decodeEntities } from "../entities.ts";
import { listInWords } from "../list-in-words.ts";

/**
 * Metadata text as a reader sees it: entities decoded (JSON-LD and attributes written by a CMS are
 * often escaped twice), tags dropped, white space collapsed.
 */
export function cleanText(text: string): string {
  return decodeEntities(text.replace(/<[^>]*>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
}

/** Metadata text cleaned (see cleanText), or undefined when nothing is left. */
export function nonEmpty(text: string | undefined | null): string | undefined {
  if (text === undefined || text === null) return undefined;
  const clean = cleanText(text);
  return clean ? clean : undefined;
}

/** "https://…", "//…", "www.…": an address where a name was expected. */
function looksLikeUrl(text: string): boolean {
  return /^(?:https?:)?\/\//i.test(text.trim()) || /^www\./i.test(text.trim());
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: string[]): string | undefined {
  return listInWords(names, "and");
}

/** The values without repeats, compared case-insensitively; the first spelling is kept. */
export function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** "By Jane Doe" → "Jane Doe"; a URL is not a name. */
export function personName(text: string | undefined): string | undefined {
  const name = text?.replace(/^by\s+/i, "").trim();
  return name && !looksLikeUrl(name) ? name : undefined;
}
