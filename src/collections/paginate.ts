/** One page of a paginated list. `url` is site-relative, without the path prefix. */
export interface Page<T> {
  items: T[];
  pageNumber: number;
  totalPages: number;
  url: string;
  previousUrl?: string;
  nextUrl?: string;
  firstUrl: string;
}

/** `/topics/nato/` page 1 → `/topics/nato/`, page 2 → `/topics/nato/page/2/`. */
export function pageUrl(baseUrl: string, pageNumber: number): string {
  return pageNumber === 1 ? baseUrl : numberedPageUrl(baseUrl, pageNumber);
}

/** Splits `items` into pages of `size`; an empty list still has one (empty) page. */
export function paginate<T>(items: readonly T[], size: number, baseUrl: string): Page<T>[] {
  const totalPages = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: totalPages }, (_, i) => {
    const pageNumber = i + 1;
    return {
      items: items.slice(i * size, (i + 1) * size),
      pageNumber,
      totalPages,
      url: pageUrl(baseUrl, pageNumber),
      previousUrl: pageNumber > 1 ? pageUrl(baseUrl, pageNumber - 1) : undefined,
      nextUrl: pageNumber < totalPages ? pageUrl(baseUrl, pageNumber + 1) : undefined,
      firstUrl: baseUrl,
    };
  });
}

/**
 * One page of a list that grows at its newest end (the home page, a topic, person or place): the
 * front page at the list's own address, or a numbered page counted from the oldest. See
 * `paginateFromOldest`.
 */
export interface ListPage<T> {
  /** Newest first, as every list shows them. */
  items: T[];
  /** 0 for the front page; 1 for the oldest page, and so on up. */
  pageNumber: number;
  url: string;
  /** The next page of newer items: the front page above the highest numbered page. */
  newerUrl?: string;
  /** The next page of older items. */
  olderUrl?: string;
  /** The item listed just before this page's first, at the end of the next newer page. */
  newerItem?: T;
}

/** A numbered page of a list: `/topics/nato/page/1/` is its oldest page. */
export function numberedPageUrl(baseUrl: string, pageNumber: number): string {
  return `${baseUrl}page/${pageNumber}/`;
}

/**
 * How a list's items (newest first) fall on its pages: `numbered` pages of `size` items counted
 * from the oldest, and the front page, which holds the rest (from `size` to `2 × size − 1` items
 * once the list has two pages' worth, else all of them).
 */
export function listLayout(count: number, size: number): { numbered: number; front: number } {
  const numbered = Math.max(0, Math.floor(count / size) - 1);
  return { numbered, front: count - numbered * size };
}

/** The page that lists the item at `index` (newest first) of a list of `count`. */
export function listPageUrl(baseUrl: string, index: number, count: number, size: number): string {
  const { front } = listLayout(count, size);
  if (index < front) return baseUrl;
  return numberedPageUrl(baseUrl, Math.floor((count - 1 - index) / size) + 1);
}

/**
 * Splits a list, newest first, into a front page and numbered pages that never change as newer
 * items arrive. Numbered pages are full pages counted from the oldest, so a new item changes only
 * the front page; once in `size` new items the front page's oldest full page moves to a numbered
 * page of its own, and the page below it gains a "newer" link to it. Every page keeps its address
 * and its items for good, which hosts and CDNs may cache, and which a rebuild does not re-render.
 * An empty list still has its front page.
 */
export function paginateFromOldest<T>(
  items: readonly T[],
  size: number,
  baseUrl: string,
): ListPage<T>[] {
  const { numbered, front } = listLayout(items.length, size);
  const pages: ListPage<T>[] = [
    {
      items: items.slice(0, front),
      pageNumber: 0,
      url: baseUrl,
      olderUrl: numbered > 0 ? numberedPageUrl(baseUrl, numbered) : undefined,
    },
  ];
  for (let pageNumber = numbered; pageNumber >= 1; pageNumber--) {
    const end = items.length - (pageNumber - 1) * size;
    const start = end - size;
    pages.push({
      items: items.slice(start, end),
      pageNumber,
      url: numberedPageUrl(baseUrl, pageNumber),
      newerUrl: pageNumber === numbered ? baseUrl : numberedPageUrl(baseUrl, pageNumber + 1),
      olderUrl: pageNumber > 1 ? numberedPageUrl(baseUrl, pageNumber - 1) : undefined,
      newerItem: items[start - 1],
    });
  }
  return pages;
}
