import { afterEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { PROJECT_DIR } from "../helpers/run-build.ts";
import { axeViolations, watchPage, type PageWatch, expectQuietPage } from "../helpers/browser.ts";
import { serveBuiltSite } from "../helpers/served-site.ts";

const IRAN = "articles/2024/11/iranian-president-we-must-manage-relationship-and/";
const BLINKEN = "articles/2024/11/blinken-in-brussels-pledges-to-shore-up-ukraine/";

describe("the sample archive in Chromium", () => {
  let page: Page;
  let watch: PageWatch;

  const served = serveBuiltSite(() => ({ root: PROJECT_DIR }));

  async function open(url: string) {
    page = await served.browser.newPage();
    watch = watchPage(page, new URL(served.url).origin);
    await page.goto(new URL(url, served.url).href);
    return page;
  }

  afterEach(async () => {
    expectQuietPage(watch);
    await page.close();
  });

  /** Waits for the search to finish (the status says how many results) and returns the titles. */
  async function resultTitles(): Promise<string[]> {
    await page.locator("#search-status", { hasText: /result/ }).waitFor();
    return await page.locator("#search-results h2").allTextContents();
  }

  it("finds the Iran article when searching Pezeshkian", async () => {
    await open("search/?q=Pezeshkian");
    const titles = await resultTitles();
    expect(titles).toEqual([
      "Iranian President: We Must Manage Relationship and Confrontation with the US Ourselves",
    ]);
  });

  it("finds the Blinken article by a phrase that is only in its photo caption", async () => {
    await open("search/?q=shake%20hands");
    const titles = await resultTitles();
    expect(titles).toEqual([
      "Blinken, in Brussels, Pledges to Shore up Ukraine Support Ahead of Trump Transition",
    ]);
  });

  it("finds an article by another name of a topic it is tagged with", async () => {
    // "DPRK" is an alias of North Korea in the registry; the article never writes it.
    await open("search/?q=DPRK");
    expect(await resultTitles()).toEqual([
      "Blinken, in Brussels, Pledges to Shore up Ukraine Support Ahead of Trump Transition",
    ]);
  });

  it("narrows results with the person filter", async () => {
    await open("search/?q=Trump");
    expect(await resultTitles()).toHaveLength(2);
    await page
      .getByRole("group", { name: "Person" })
      .getByLabel(/Mark Rutte/)
      .check();
    await page.locator("#search-status", { hasText: "narrowed to Mark Rutte" }).waitFor();
    expect(page.url()).toContain("person=Mark+Rutte");
    expect(await resultTitles()).toEqual([
      "Blinken, in Brussels, Pledges to Shore up Ukraine Support Ahead of Trump Transition",
    ]);
  });

  it("leads from the search box on an article to the search page", async () => {
    await open(BLINKEN);
    await page.keyboard.press("/");
    await page.keyboard.type("Velayati");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/search\/\?q=Velayati/);
    expect(await resultTitles()).toEqual([
      "Iranian President: We Must Manage Relationship and Confrontation with the US Ourselves",
    ]);
  });

  for (const [name, url] of [
    ["home", ""],
    ["article", IRAN],
    ["topics index", "topics/"],
    ["topic", "topics/nato/"],
    ["people index", "people/"],
    ["person", "people/mark-rutte/"],
    ["search with results", "search/?q=NATO"],
    ["not found", "404.html"],
  ] as const) {
    it(`has no accessibility violations on the ${name} page`, async () => {
      await open(url);
      if (url.startsWith("search")) await resultTitles();
      expect(await axeViolations(page)).toEqual([]);
    });
  }

  it("makes the index's letters tap targets of at least 24 by 24 pixels", async () => {
    await open("topics/");
    const boxes = await page
      .locator(".az a")
      .evaluateAll((links) => links.map((a) => a.getBoundingClientRect()));
    expect(boxes.length).toBeGreaterThan(0);
    for (const box of boxes) {
      expect(box.width).toBeGreaterThanOrEqual(24);
      expect(box.height).toBeGreaterThanOrEqual(24);
    }
  });

  it("answers a missing page with the 404 page", async () => {
    page = await served.browser.newPage();
    watch = watchPage(page, new URL(served.url).origin);
    const response = await page.goto(new URL("no/such/page/", served.url).href);
    expect(response?.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toBe("Page not found");
    // The 404 response itself is the point of this test, not a failed request.
    const missing = new URL("no/such/page/", served.url).href;
    watch.failedRequests = watch.failedRequests.filter((r) => !r.startsWith(missing));
    watch.consoleMessages = watch.consoleMessages.filter((m) => !m.includes("status of 404"));
  });
});
