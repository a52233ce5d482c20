import { slugifyName } from "../registry/fold.ts";

/** Longest slug made from a title; a suffix such as `-2` may follow it. */
export const MAX_SLUG_LENGTH = 50;

/** Whole hyphen-separated words of `slug` while it stays within 50 characters. */
function shorten(slug: string): string {
  const words = slug.split("-").filter(Boolean);
  let short = "";
  for (const word of words) {
    const next = short ? `${short}-${word}` : word;
    if (next.length > MAX_SLUG_LENGTH) break;
    short = next;
  }
  // A first word longer than the limit is cut rather than lost.
  if (!short && words[0]) short = words[0].slice(0, MAX_SLUG_LENGTH);
  return short || "story";
}

// A word that no title contains, to slugify many titles in one call: slugify works character by
// character (transliteration, then runs of other characters become "-"), so the slug of titles
// joined by " MARK " is their slugs joined by "-mark-". One call per title would rebuild the
// transliteration table's hundreds of regular expressions 19,000 times for the Reuters corpus.
const MARK = "qzslugbreakqz";
const BATCH = 500;

/**
 * The file names of imported articles: each title slugified with `slugifyName`, then cut after
 * the last whole word that keeps it within 50 characters
 * ("iranian-president-we-must-manage-relationship-and"). A title with no letters or digits
 * gives `story`.
 */
export function articleSlugs(titles: readonly string[]): string[] {
  const slugs: string[] = [];
  for (let start = 0; start < titles.length; start += BATCH) {
    const batch = titles.slice(start, start + BATCH);
    const pieces = batch.some((title) => title.toLowerCase().includes(MARK))
      ? []
      : slugifyName(batch.join(` ${MARK} `)).split(MARK);
    const whole =
      pieces.length === batch.length ? pieces : batch.map((title) => slugifyName(title));
    slugs.push(...whole.map((slug) => shorten(slug.replace(/^-+|-+$/g, ""))));
  }
  return slugs;
}

/** The file name of one imported article; see `articleSlugs`. */
export function articleSlug(title: string): string {
  return articleSlugs([title])[0]!;
}

/** `slug`, then `slug-2`, `slug-3`, … */
export function* slugCandidates(slug: string): Generator<string> {
  yield slug;
  for (let n = 2; ; n++) yield `${slug}-${n}`;
}
