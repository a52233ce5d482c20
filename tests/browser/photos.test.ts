import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { axeViolations, watchPage, type PageWatch, expectQuietPage } from "../helpers/browser.ts";
import { serveBuiltSite } from "../helpers/served-site.ts";

const ARTICLE = "articles/2024/11/summit/";

function photo(width: number, height: number) {
  const noise = { type: "gaussian" as const, mean: 128, sigma: 30 };
  return sharp({ create: { width, height, channels: 3, background: "#000", noise } })
    .jpeg()
    .toBuffer();
}

describe("photos in Chromium", () => {
  let page: Page;
  let watch: PageWatch;
  /** Photo responses are held back until this is called, so every photo arrives after the first layout. */
  let releasePhotos: () => void = () => undefined;

  const served = serveBuiltSite(async () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} of the story.`);
    const root = makeFixtureSite({
      articles: {
        "2024/11/summit.md": article(
          {
            title: '"Summit"',
            images: [
              "",
              "  - src: photos/lead.jpg",
              '    alt: "Ministers around a table"',
              '    caption: "Ministers meet in Brussels."',
              '    credit: "EPA"',
              '  - caption: "A caption without a photo."',
              "  - src: photos/second.jpg",
              '    alt: "The building from outside"',
              '    credit: "AP"',
            ].join("\n"),
          },
          paragraphs.join("\n\n"),
        ),
        // Newest, so its tall thumbnail heads the home page, above the other stories.
        "2024/11/portrait.md": article({
          title: '"Portrait"',
          date: "2024-11-14",
          images: '\n  - src: photos/second.jpg\n    alt: "The building from outside"',
        }),
        "2024/11/other.md": article({ title: '"Other"', date: "2024-11-12" }),
      },
      files: {
        "assets/photos/lead.jpg": await photo(2400, 1600),
        "assets/photos/second.jpg": await photo(1000, 1400),
      },
    });
    return { root };
  });

  /**
   * Opens a page with photos held back, recording layout shifts from the start (the observer is
   * installed before the page's own scripts).
   * @see https://developer.mozilla.org/en-US/docs/Web/API/LayoutShift
   */
  async function open(url: string) {
    page = await served.browser.newPage();
    watch = watchPage(page, new URL(served.url).origin);
    // Held until `loadEveryPhoto` lets them through: a fixed delay was shorter than a busy
    // machine's time to reach the first check.
    const held = new Promise<void>((resolve) => (releasePhotos = resolve));
    await page.route("**/img/**", async (route) => {
      await held;
      await route.continue().catch(() => undefined);
    });
    await page.addInitScript(() => {
      const w = window as unknown as { layoutShifts: number[] };
      w.layoutShifts = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number }[]) {
          w.layoutShifts.push(entry.value);
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    // Not waiting for `load`, which waits for the photos too.
    await page.goto(new URL(url, served.url).href, { waitUntil: "domcontentloaded" });
  }

  /**
   * Lets the photos through, then brings every photo into view in turn (lazy ones load only then)
   * and waits for it to load.
   */
  async function loadEveryPhoto(): Promise<void> {
    releasePhotos();
    for (const img of await page.locator("picture img").all()) {
      await img.scrollIntoViewIfNeeded();
      await img.evaluate((el: HTMLImageElement) =>
        el.complete ? undefined : new Promise((resolve) => (el.onload = resolve)),
      );
    }
  }

  const layoutShifts = () =>
    page.evaluate(() => (window as unknown as { layoutShifts: number[] }).layoutShifts);

  afterEach(async () => {
    expectQuietPage(watch);
    await page.close();
  });

  it("loads every photo of an article, choosing WebP", async () => {
    await open(ARTICLE);
    await loadEveryPhoto();
    const loaded = await page
      .locator("picture img")
      .evaluateAll((imgs: HTMLImageElement[]) =>
        imgs.map((img) => ({ width: img.naturalWidth, file: img.currentSrc.split("/").pop() })),
      );
    expect(loaded).toHaveLength(2);
    for (const { width, file } of loaded) {
      expect(width).toBeGreaterThan(0);
      expect(file).toMatch(/\.webp$/);
    }
  });

  it("keeps the article still while its photos load", async () => {
    await open(ARTICLE);
    const caption = page.locator("figure.lead figcaption");
    const before = await caption.boundingBox();
    const lead = page.locator("figure.lead img");
    expect(await lead.evaluate((img: HTMLImageElement) => img.complete), "lead loaded").toBe(false);
    await loadEveryPhoto();
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await caption.boundingBox()).toEqual(before);
    expect(await layoutShifts()).toEqual([]);
  });

  it("keeps the home page still while its thumbnails load", async () => {
    await open("");
    await loadEveryPhoto();
    expect(await page.locator(".article-summary .thumbnail img").count()).toBe(2);
    expect(await layoutShifts()).toEqual([]);
  });

  it("has no accessibility violations on an article with photos", async () => {
    await open(ARTICLE);
    await loadEveryPhoto();
    expect(await axeViolations(page)).toEqual([]);
  });
});
