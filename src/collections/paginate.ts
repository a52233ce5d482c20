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
  return pageNumber === 1 ? baseUrl : `${baseUrl}page/${pageNumber}/`;
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
