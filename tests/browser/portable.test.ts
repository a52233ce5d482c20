import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { PROJECT_DIR, runBuild } from "../helpers/run-build.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { searchTitles } from "../helpers/portable-search.ts";
import { startStaticServer } from "../../src/serve/static-server.ts";

const IRAN_TITLE =
  "Iranian President: We Must Manage Relationship and Confrontation with the US Ourselves";

describe("the portable build opened from the file system", () => {
  let browser: Browser;
  let site: string;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    site = path.join(mkdtempSync(path.join(tmpdir(), "archive-portable-")), "_site");
    // The same script `npm run build:portable` runs.
    const run = runBuild(PROJECT_DIR, site, { BUILD_PORTABLE: "1" });
    expect(run.status, run.stderr).toBe(0);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  const fileUrl = (relative: string) => {
    const [file, query] = relative.split("?");
    return `${pathToFileURL(path.join(site, file!)).href}${query ? `?${query}` : ""}`;
  };

  async function open(relative: string) {
    page = await browser.newPage();
    problems = [];
    page.on("console", (m) => {
      if (["error", "warning"].includes(m.type())) problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`failed: ${r.url()}`));
    page.on("request", (r) => {
      if (!r.url().startsWith("file:") && !r.url().startsWith("data:"))
        problems.push(`left the disk: ${r.url()}`);
    });
    await page.goto(fileUrl(relative));
  }

  afterEach(async () => {
    expect(problems).toEqual([]);
    await page.close();
  });

  it("styles every page and opens folders through their index.html", async () => {
    await open("index.html");
    expect(
      await page.locator(".site-title").evaluate((el) => getComputedStyle(el).fontWeight),
    ).toBe("700");
    await page.getByRole("link", { name: "Topics", exact: true }).first().click();
    await page.waitForURL(/\/topics\/index\.html$/);
    await page.getByRole("link", { name: "NATO" }).click();
    await page.waitForURL(/\/topics\/nato\/index\.html$/);
    await page.locator(".article-list h2 a").first().click();
    await page.waitForURL(
      /\/articles\/2024\/11\/blinken-in-brussels-pledges-to-shore-up-ukraine\/index\.html$/,
    );
    expect(await page.locator("h1").textContent()).toMatch(/^Blinken/);
  });

  it("searches from the search box, with Pagefind loaded as scripts", async () => {
    await open("people/mark-rutte/index.html");
    await page.locator("#site-search").fill("Pezeshkian");
    await page.keyboard.press("Enter");
    await page.locator("#search-status", { hasText: "1 result" }).waitFor();
    expect(await page.locator("#search-results h2").allTextContents()).toEqual([IRAN_TITLE]);
    await page.locator("#search-results a").first().click();
    await page.waitForURL(/iranian-president-we-must-manage-relationship-and\/index\.html/);
  });

  it("narrows results with a filter", async () => {
    await open("search/index.html?q=Trump");
    await page.locator("#search-status", { hasText: "2 results" }).waitFor();
    await page
      .getByRole("group", { name: "Person" })
      .getByLabel(/Mark Rutte/)
      .check();
    await page.locator("#search-status", { hasText: "1 result" }).waitFor();
    expect(await page.locator("#search-results h2").allTextContents()).toEqual([
      "Blinken, in Brussels, Pledges to Shore up Ukraine Support Ahead of Trump Transition",
    ]);
  });

  it("finds the same results from disk as over HTTP", async () => {
    problems = [];
    page = await browser.newPage();
    const server = await startStaticServer({ dir: site });
    try {
      for (const query of ["Pezeshkian", "shake hands", "NATO", "Trump", "Supreme Leader", "EPA"]) {
        const overHttp = await searchTitles(browser, `${server.url}search/`, query);
        const fromDisk = await searchTitles(browser, fileUrl("search/index.html"), query);
        expect(fromDisk, query).toEqual(overHttp);
        expect(overHttp.length, query).toBeGreaterThan(0);
      }
    } finally {
      await server.close();
    }
  });

  it("keeps using Pagefind's own files when served over HTTP", async () => {
    problems = [];
    page = await browser.newPage();
    const server = await startStaticServer({ dir: site });
    const requested: string[] = [];
    page.on("request", (r) => requested.push(new URL(r.url()).pathname));
    try {
      await page.goto(`${server.url}search/?q=Pezeshkian`);
      await page.locator("#search-status", { hasText: "1 result" }).waitFor();
      expect(requested).toContain("/pagefind/pagefind.js");
      expect(requested.filter((p) => p.startsWith("/pagefind/file/"))).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
