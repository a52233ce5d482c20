import { afterEach, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { PROJECT_DIR } from "../helpers/run-build.ts";
import { watchPage, type PageWatch, expectQuietPage } from "../helpers/browser.ts";
import { serveBuiltSite } from "../helpers/served-site.ts";

const IRAN_TITLE =
  "Iranian President: We Must Manage Relationship and Confrontation with the US Ourselves";
const BLINKEN_TITLE =
  "Blinken, in Brussels, Pledges to Shore up Ukraine Support Ahead of Trump Transition";

describe("the search page", () => {
  let context: BrowserContext;
  let page: Page;
  let watch: PageWatch;

  const served = serveBuiltSite(() => ({ root: PROJECT_DIR }));

  async function open(
    url: string,
    options: { javaScriptEnabled?: boolean; serviceWorkers?: "allow" | "block" } = {},
  ) {
    context = await served.browser.newContext(options);
    page = await context.newPage();
    watch = watchPage(page, new URL(served.url).origin);
    await page.goto(new URL(url, served.url).href);
    return page;
  }

  afterEach(async () => {
    expectQuietPage(watch);
    await context.close();
  });

  const status = () => page.locator("#search-status");
  /** Waits for the results' status line, then for the facet counts that follow it. */
  async function waitForStatus(text: string | RegExp) {
    await status().filter({ hasText: text }).waitFor();
    await page.locator('#search-facets[aria-busy="false"]').waitFor({ state: "attached" });
  }
  const titles = () => page.locator("#search-results h2").allTextContents();

  it("opens with the search in the URL run, filters included", async () => {
    await open("search/?q=Trump&person=Mark+Rutte");
    await waitForStatus("1 result");
    expect(await titles()).toEqual([BLINKEN_TITLE]);
    expect(await page.locator("#search-query").inputValue()).toBe("Trump");
    expect(
      await page
        .getByRole("group", { name: "Person" })
        .getByLabel(/Mark Rutte/)
        .isChecked(),
    ).toBe(true);
  });

  it("widens the search with a second value of one facet (OR)", async () => {
    await open("search/?q=Trump&person=Mark+Rutte&person=Masoud+Pezeshkian");
    await waitForStatus("2 results");
    expect((await titles()).sort()).toEqual([BLINKEN_TITLE, IRAN_TITLE].sort());
  });

  it("narrows the search when facets are combined (AND) and says what to do when nothing matches", async () => {
    await open("search/?q=Trump&person=Mark+Rutte&topic=Iran");
    await waitForStatus("No results");
    expect(await status().textContent()).toContain("remove a filter");
    expect(await titles()).toEqual([]);
  });

  it("counts facet values for the current query", async () => {
    await open("search/?q=Velayati");
    await waitForStatus("1 result");
    const people = page.getByRole("group", { name: "Person" });
    expect(
      await people
        .getByLabel(/Kamal Kharazi/)
        .locator("..")
        .textContent(),
    ).toContain("(1)");
    expect(await people.getByText(/Mark Rutte/).count()).toBe(0);
  });

  it("shows the results before the facet counts, which wait for Pagefind's filter index", async () => {
    // Without the service worker, which would answer from its cache where routes cannot see.
    await open("search/", { serviceWorkers: "block" });
    // Holds back Pagefind's filter index until the results are on the page.
    const held: Array<() => Promise<void>> = [];
    await page.route("**/pagefind/*/filter/**", (route) => {
      held.push(() => route.continue());
    });
    await page.locator("#search-query").fill("Trump");
    await page.keyboard.press("Enter");
    await status().filter({ hasText: "2 results" }).waitFor();
    expect(await titles()).toHaveLength(2);
    expect(await page.locator("#search-facets").getAttribute("aria-busy")).toBe("true");
    expect(await page.locator("#search-facets input").count()).toBe(0);
    await expect.poll(() => held.length).toBeGreaterThan(0);
    await Promise.all(held.map((release) => release()));
    await page.unroute("**/pagefind/*/filter/**");
    await page.locator('#search-facets[aria-busy="false"]').waitFor({ state: "attached" });
    expect(
      await page
        .getByRole("group", { name: "Person" })
        .getByLabel(/Mark Rutte/)
        .locator("..")
        .textContent(),
    ).toContain("(1)");
    // Playwright's own notice that it kept the service worker out.
    watch.consoleMessages = watch.consoleMessages.filter(
      (message) => !message.includes("Service Worker registration blocked by Playwright"),
    );
  });

  it("orders by newest first when asked", async () => {
    await open("search/?q=Trump&sort=newest");
    await waitForStatus("2 results");
    expect(await titles()).toEqual([BLINKEN_TITLE, IRAN_TITLE]);
    expect(await page.locator("#search-sort").inputValue()).toBe("newest");
  });

  it("shows each result's date and a highlighted excerpt", async () => {
    await open("search/?q=Pezeshkian");
    await waitForStatus("1 result");
    expect(await page.locator("#search-results time").first().getAttribute("datetime")).toBe(
      "2024-11-12",
    );
    expect(await page.locator("#search-results .excerpt mark").first().textContent()).toMatch(
      /Pezeshkian/i,
    );
  });

  it("keeps every change in the URL, and the back button restores the previous search", async () => {
    await open("search/");
    await page.locator("#search-query").fill("Trump");
    await page.keyboard.press("Enter");
    await waitForStatus("2 results");
    await page
      .getByRole("group", { name: "Person" })
      .getByLabel(/Mark Rutte/)
      .check();
    await waitForStatus("1 result");
    expect(new URL(page.url()).search).toBe("?q=Trump&person=Mark+Rutte");
    await page.goBack();
    await waitForStatus("2 results");
    expect(new URL(page.url()).search).toBe("?q=Trump");
    expect(
      await page
        .getByRole("group", { name: "Person" })
        .getByLabel(/Mark Rutte/)
        .isChecked(),
    ).toBe(false);
  });

  it("works by keyboard alone: type, search, tick a facet, open a result", async () => {
    await open("search/");
    await page.keyboard.type("Trump");
    await page.keyboard.press("Enter");
    await waitForStatus("2 results");
    const box = page.getByRole("group", { name: "Person" }).getByLabel(/Joe Biden/);
    await box.focus();
    await page.keyboard.press("Space");
    await waitForStatus("1 result");
    await page.locator("#search-results a").first().focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/articles\/2024\/11\/blinken/);
  });

  it("highlights the searched words on the article it opens", async () => {
    await open("search/?q=Cavoli");
    await waitForStatus("1 result");
    await page.locator("#search-results a").first().click();
    await page.waitForURL(/highlight=cavoli/i);
    await page.locator("[data-pagefind-body] mark").first().waitFor();
    expect(await page.locator("[data-pagefind-body] mark").first().textContent()).toBe("Cavoli");
  });

  it("announces the number of results to screen readers", async () => {
    await open("search/?q=NATO");
    await waitForStatus(/result/);
    expect(await status().getAttribute("role")).toBe("status");
    expect(await status().textContent()).toBe("1 result for “NATO”.");
  });

  it("says plainly that search needs JavaScript when it is off", async () => {
    await open("search/?q=NATO", { javaScriptEnabled: false });
    const notice = page.locator("noscript .notice, .notice").first();
    expect(await notice.innerText()).toContain("Search runs in your browser and needs JavaScript");
    expect(await notice.isVisible()).toBe(true);
  });
});
