import slugify from "@sindresorhus/slugify";

/**
 * The form in which two names count as the same: accents, case, dash style and spacing ignored.
 * "Iran–US Relations" and "iran-us relations" fold to one key.
 */
export function foldName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{Mark}/gu, "")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u2018\u2019]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slugs = new Map<string, string>();

/** The URL slug of a name: ASCII, lowercase, hyphenated ("Iran–US relations" → "iran-us-relations"). */
export function slugifyName(name: string): string {
  // Most names (file names, ids) are slugs already; slugify costs about a millisecond a call.
  if (SLUG.test(name)) return name;
  let slug = slugs.get(name);
  if (slug === undefined) {
    slug = slugify(name, { decamelize: false });
    slugs.set(name, slug);
  }
  return slug;
}
