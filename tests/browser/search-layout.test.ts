import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { watchPage, type PageWatch, expectQuietPage } from "../helpers/browser.ts";
import { serveBuiltSite } from "../helpers/served-site.ts";

/** Lighthouse's phone, and a desktop screen. */
const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true };
const DESKTOP = { viewport: { width: 1350, height: 940 } };

/** Held back this long, as a slow network would: each part arrives after the page was drawn. */
const SCRIPT_DELAY_MS = 300;
const FILTER_DELAY_MS = 500;
const PHOTO_DELAY_MS = 400;

/** The most layout shift a search may cause: Core Web Vitals' "good" is 0.1, the target 0.05. */
const MAX_SHIFT = 0.05;

const QUERY = "search/?q=coffee+brazil";

function photo(width: number, height: number) {
  const noise = { type: "gaussian" as const, mean: 128, sigma: 30 };
  return sharp({ create: { width, height, channels: 3, background: "#000", noise } })
    .jpeg()
    .toBuffer();
}

/**
 * Fourteen coffee stories, more than a page of results, some with a photo; facets in every kind,
 * and a place and a topic that share a name.
 */
async function coffeeArchive(): Promise<string> {
  const articles: Record<string, string> = {};
  for (let i = 1; i <= 14; i++) {
    const day = String(i).padStart(2, "0");
    const paragraphs = [
      `Coffee growers in Brazil expect story ${i} of the harvest to set the price of beans in New York and London, traders said, as exporters weigh quotas against a strong dollar and the weather in Minas Gerais.`,
      "The International Coffee Organization meets next month to discuss export quotas.",
    ];
    articles[`1987/03/coffee-${day}.md`] = article(
      {
        title: `"Brazil coffee report number ${i} on exports, quotas and prices"`,
        date: `1987-03-${day}`,
        source: i % 2 ? "Reuters" : "Wire",
        topics: i % 3 ? "[Coffee, United States]" : "[Coffee]",
        places: i % 4 ? "[Brazil, United States]" : "[Brazil, Colombia]",
        people: i % 5 ? "[Jorio Dauster]" : "[Jorio Dauster, Ronald Reagan]",
        ...(i % 3 === 1
          ? { images: '\n  - src: photos/beans.jpg\n    alt: "Coffee beans drying"' }
          : {}),
      },
      paragraphs.join("\n\n"),
    );
  }
  return makeFixtureSite({
    articles,
    topics: [{ id: "united-states", name: "United States" }],
    places: [{ id: "usa", name: "United States" }],
    files: { "assets/photos/beans.jpg": await photo(1200, 800) },
  });
}

interface Shift {
  value: number;
  sources: string[];
}

describe("the search page holds still", () => {
  let context: BrowserContext;
  let page: Page;
  let watch: PageWatch;

  const served = serveBuiltSite(async () => ({ root: await coffeeArchive() }));

  /**
   * Opens `url` with a layout-shift observer installed before the page's first byte, and with
   * Pagefind's script, its filter index and the photos held back, so that the page is drawn
   * before the results come in and the results before the facet counts and the photos.
   */
  async function open(url: string, device: typeof PHONE | typeof DESKTOP) {
    // Without the service worker, which would answer from its cache where routes cannot see.
    context = await served.browser.newContext({ ...device, serviceWorkers: "block" });
    page = await context.newPage();
    watch = watchPage(page, new URL(served.url).origin);
    const delay = (ms: number) => async (route: import("playwright-core").Route) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      await route.continue();
    };
    await page.route("**/pagefind/pagefind.js", delay(SCRIPT_DELAY_MS));
    await page.route("**/pagefind/*/filter/**", delay(FILTER_DELAY_MS));
    await page.route("**/img/**", delay(PHOTO_DELAY_MS));
    await page.addInitScript(() => {
      const shifts: Shift[] = [];
      (window as unknown as { layoutShifts: Shift[] }).layoutShifts = shifts;
      const name = (node: Node | null) =>
        node instanceof Element
          ? `${node.localName}${node.id ? `#${node.id}` : ""}${node.className ? `.${String(node.className).trim().replace(/\s+/g, ".")}` : ""}`
          : String(node?.nodeName);
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Array<
          PerformanceEntry & {
            value: number;
            hadRecentInput: boolean;
            sources: Array<{ node: Node | null }>;
          }
        >) {
          // Shifts right after a reader's own input are expected, and not counted (as in CLS).
          if (entry.hadRecentInput) continue;
          shifts.push({ value: entry.value, sources: entry.sources.map((s) => name(s.node)) });
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    await page.goto(new URL(url, served.url).href);
    return page;
  }

  afterEach(async () => {
    // Playwright's own notice that it kept the service worker out.
    watch.consoleMessages = watch.consoleMessages.filter(
      (message) => !message.includes("Service Worker registration blocked by Playwright"),
    );
    expectQuietPage(watch);
    await context.close();
  });

  /** Waits for results, facet counts and photos, then for the shifts they caused to be reported. */
  async function settle(): Promise<Shift[]> {
    await page.locator("#search-status", { hasText: /results? for/ }).waitFor();
    await page.locator('#search-facets[aria-busy="false"]').waitFor({ state: "attached" });
    await page.waitForLoadState("networkidle");
    await page.locator("#search-results img").first().waitFor();
    await page.evaluate(async () => {
      const images = [...document.querySelectorAll<HTMLImageElement>("#search-results img")];
      // Photos out of sight may never load (they are lazy): each gets a second at most.
      const loaded = (img: HTMLImageElement) =>
        Promise.race([
          img.decode().catch(() => undefined),
          new Promise((resolve) => setTimeout(resolve, 1000)),
        ]);
      await Promise.all(images.map(loaded));
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    return page.evaluate(() => (window as unknown as { layoutShifts: Shift[] }).layoutShifts);
  }

  const total = (shifts: Shift[]) => shifts.reduce((sum, shift) => sum + shift.value, 0);

  for (const [name, device] of [
    ["a phone", PHONE],
    ["a desktop screen", DESKTOP],
  ] as const) {
    it(`does not move as results, facet counts and photos arrive, on ${name}`, async () => {
      await open(QUERY, device);
      const shifts = await settle();
      // The search measured is one with a page of results, photos and facets in every kind.
      expect(await page.locator("#search-results > li").count()).toBe(10);
      expect(await page.locator("#search-more").isVisible()).toBe(true);
      for (const facet of ["Topic", "Person", "Place", "Year", "Source"]) {
        expect(await page.getByRole("group", { name: facet }).isVisible()).toBe(true);
      }
      expect(total(shifts), JSON.stringify(shifts, null, 1)).toBeLessThan(MAX_SHIFT);
    });

    it(`keeps the site's width and type, on ${name}`, async () => {
      await open("", device);
      const columns = async () => {
        const box = (await page.locator("main").boundingBox())!;
        return { x: box.x, width: box.width };
      };
      const home = await columns();
      const font = (selector: string) =>
        page.locator(selector).evaluate((element) => getComputedStyle(element).fontFamily);
      const headerFont = await font("#site-search");
      await page.goto(new URL(QUERY, served.url).href);
      await settle();
      expect(await columns()).toEqual(home);
      for (const control of ["#search-query", "#search-sort", "#search-form button"]) {
        expect(await font(control), control).toBe(headerFont);
      }
    });
  }

  it("does not move what is on screen when a facet is ticked and the results change", async () => {
    await open(QUERY, DESKTOP);
    await settle();
    await page
      .getByRole("group", { name: "Place" })
      .getByLabel(/Colombia/)
      .check();
    await page.locator("#search-status", { hasText: "narrowed to Colombia" }).waitFor();
    await page.locator('#search-facets[aria-busy="false"]').waitFor({ state: "attached" });
    await page.waitForTimeout(600);
    const shifts = await page.evaluate(
      () => (window as unknown as { layoutShifts: Shift[] }).layoutShifts,
    );
    expect(total(shifts), JSON.stringify(shifts, null, 1)).toBeLessThan(MAX_SHIFT);
  });

  it("names a facet's kind in the status line when two ticked values share a name", async () => {
    await open(`${QUERY}&topic=United+States&place=United+States`, DESKTOP);
    await page.locator("#search-status", { hasText: /results? for/ }).waitFor();
    expect(await page.locator("#search-status").textContent()).toBe(
      "8 results for “coffee brazil”, narrowed to United States · topic, United States · place.",
    );
    await page.locator('#search-facets[aria-busy="false"]').waitFor({ state: "attached" });
  });
});
