// What the search page says and shows, from a search's state and numbers: the status line, the
// facet values offered with their counts, dates and result links.
import type { SearchState } from "./search-state.ts";

/** Values shown per facet, most frequent first (years newest first). */
export const FACET_VALUES_SHOWN = 30;

/** The status line once results are in: how many, for what words, narrowed to which values. */
export function statusText(
  state: SearchState,
  count: number,
  kinds: Readonly<Record<string, string>>,
  /** False while newest first has searched only the newest bundles: `count` is a lower bound. */
  complete = true,
): string {
  const words = state.q ? ` for “${state.q}”` : "";
  if (count === 0)
    return `No results${words}. Check the spelling, use fewer words, or remove a filter.`;
  const narrowed = Object.entries(state.filters).flatMap(([facet, values]) =>
    values.map((value) => ({ facet, value })),
  );
  // A place and a topic may share a name ("United States"): such values say their kind.
  const repeated = (value: string) => narrowed.filter((other) => other.value === value).length > 1;
  const names = narrowed.map(({ facet, value }) =>
    repeated(value) ? `${value} · ${(kinds[facet] ?? facet).toLowerCase()}` : value,
  );
  const filters = names.length ? `, narrowed to ${names.join(", ")}` : "";
  const number = count === 1 ? "1 result" : `${count} results`;
  return `${complete ? number : `At least ${number}`}${words}${filters}.`;
}

/**
 * A facet's values to offer, as [value, count]: those found in the results, and the selected ones
 * even when none is left (so they can be unticked), years newest first, other facets most
 * frequent first then by name. The page shows the first `FACET_VALUES_SHOWN`.
 */
export function facetEntries(
  facet: string,
  counts: Readonly<Record<string, number>>,
  selected: ReadonlySet<string>,
): Array<[string, number]> {
  const entries = Object.entries(counts).filter(
    ([value, count]) => count > 0 || selected.has(value),
  );
  for (const value of selected) if (!entries.some(([v]) => v === value)) entries.push([value, 0]);
  return entries.sort((a, b) =>
    facet === "year" ? b[0].localeCompare(a[0]) : b[1] - a[1] || a[0].localeCompare(b[0]),
  );
}

/**
 * The site's date format, made once: `toLocaleDateString` builds a formatter at each call, which
 * cost about half a millisecond per result shown.
 */
let dateFormat: Intl.DateTimeFormat | undefined;

/** An ISO date (`2024-11-05`) as the site writes dates: "5 November 2024". */
export function formatDate(iso: string): string {
  const date = new Date(`${iso}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  dateFormat ??= new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  return dateFormat.format(date);
}

/**
 * A site URL as the page can open it: unchanged over HTTP; from disk (`siteRoot` then being the
 * relative way to the site's root), relative, with folders opened as `index.html`.
 */
export function localUrl(url: string, prefix: string, siteRoot: string, fromFile: boolean): string {
  if (!fromFile || !url.startsWith(prefix)) return url;
  const [, path = "", rest = ""] = /^([^?#]*)(.*)$/.exec(url.slice(prefix.length)) ?? [];
  return `${siteRoot}${path === "" || path.endsWith("/") ? `${path}index.html` : path}${rest}`;
}

/** The results to add next: from those shown to a page further, within the total. */
export function nextPage(shown: number, total: number, size: number): { from: number; to: number } {
  return { from: shown, to: Math.min(shown + size, total) };
}

/** Whether results remain beyond those shown ("Show more"). */
export function hasMore(shown: number, total: number): boolean {
  return shown < total;
}
