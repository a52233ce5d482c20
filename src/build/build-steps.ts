/**
 * The named moments of a build, in order, at which the fault-injection tests stop it: after
 * leftovers are removed, while the parsed-article store is written (a text file written, a folder's
 * file written under its temporary name), once the spare is claimed and emptied, once pages are
 * judged and written, once the output is checked, between the two renames of the publish and after
 * them, while and after the state is written, and once the replaced build is kept as the spare.
 */
export const BUILD_STEPS = [
  "leftovers-removed",
  "articles-text-written",
  "articles-temp-written",
  "spare-claimed",
  "spare-emptied",
  "pages-judged",
  "pages-written",
  "output-checked",
  "site-moved-aside",
  "site-published",
  "state-temp-written",
  "state-saved",
  "spare-kept",
] as const;
export type BuildStep = (typeof BUILD_STEPS)[number];
