import { describe, expect, it } from "vitest";
import {
  listLayout,
  listPageUrl,
  paginateFromOldest,
  type ListPage,
} from "../../src/collections/paginate.ts";

/** Items newest first: `count` is the newest, 1 the oldest. */
const newestFirst = (count: number) => Array.from({ length: count }, (_, i) => count - i);

const byUrl = (pages: ListPage<number>[]) => new Map(pages.map((page) => [page.url, page]));

describe("paginateFromOldest", () => {
  it("puts every item on exactly one page, newest first, pages linked newer to older", () => {
    for (let size = 1; size <= 6; size++) {
      for (let count = 0; count <= 40; count++) {
        const items = newestFirst(count);
        const pages = paginateFromOldest(items, size, "/t/");
        expect(pages.flatMap((page) => page.items)).toEqual(items);
        const [front, ...numbered] = pages;
        expect(front!.url).toBe("/t/");
        expect(front!.pageNumber).toBe(0);
        expect(front!.items.length).toBe(listLayout(count, size).front);
        if (count < 2 * size) expect(numbered).toEqual([]);
        else expect(front!.items.length).toBeGreaterThanOrEqual(size);
        expect(front!.items.length).toBeLessThan(Math.max(2 * size, 1));
        // Numbered pages are full, counted from the oldest: page 1 ends with item 1.
        numbered.forEach((page, i) => {
          expect(page.items).toHaveLength(size);
          expect(page.pageNumber).toBe(numbered.length - i);
          expect(page.url).toBe(`/t/page/${page.pageNumber}/`);
        });
        if (numbered.length) expect(numbered.at(-1)!.items.at(-1)).toBe(1);
        // Following the older links from the front visits every page once, and back again.
        pages.forEach((page, i) => {
          expect(page.olderUrl).toBe(pages[i + 1]?.url);
          expect(page.newerUrl).toBe(pages[i - 1]?.url);
          expect(page.newerItem).toBe(pages[i - 1]?.items.at(-1));
        });
        // Each item's page, as timeline bars link to it.
        const urls = byUrl(pages);
        items.forEach((item, index) => {
          expect(urls.get(listPageUrl("/t/", index, count, size))!.items).toContain(item);
        });
      }
    }
  });

  it("leaves every numbered page as it was when a newer item arrives, but for one link once a page", () => {
    for (const size of [1, 2, 3, 10]) {
      for (let count = 0; count <= 45; count++) {
        const before = byUrl(paginateFromOldest(newestFirst(count), size, "/t/"));
        const after = byUrl(paginateFromOldest(newestFirst(count + 1), size, "/t/"));
        let changed = 0;
        for (const [url, page] of before) {
          if (page.pageNumber === 0) continue;
          const now = after.get(url)!;
          expect(now.items).toEqual(page.items);
          expect(now.olderUrl).toBe(page.olderUrl);
          if (now.newerUrl !== page.newerUrl) {
            // The page below the front page's oldest full page, which now has a page of its own.
            expect(page.newerUrl).toBe("/t/");
            changed += 1;
          }
        }
        expect(changed).toBeLessThanOrEqual(1);
        expect(after.size - before.size).toBeLessThanOrEqual(1);
      }
    }
  });

  it("keeps a short list on its front page", () => {
    expect(paginateFromOldest([], 10, "/")).toEqual([{ items: [], pageNumber: 0, url: "/" }]);
    const pages = paginateFromOldest(newestFirst(19), 10, "/");
    expect(pages).toHaveLength(1);
    expect(pages[0]!.olderUrl).toBeUndefined();
    expect(paginateFromOldest(newestFirst(20), 10, "/").map((page) => page.url)).toEqual([
      "/",
      "/page/1/",
    ]);
  });
});
