import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { runBuild } from "../helpers/run-build.ts";
import { copyPublishingFixture } from "../fixtures/publishing-site.ts";
import { launchBrowser, watchPage, type PageWatch, expectQuietPage } from "../helpers/browser.ts";
import { startStaticServer } from "../../src/serve/static-server.ts";

describe("the archive built for and served under /news/", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startStaticServer>>;
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    const site = path.join(mkdtempSync(path.join(tmpdir(), "archive-sub-path-")), "_site");
    const run = runBuild(copyPublishingFixture(), site, { PATH_PREFIX: "/news/", SITE_URL: "" });
    expect(run.status, run.stderr).toBe(0);
    server = await startStaticServer({ dir: site, pathPrefix: "/news/" });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(url: string) {
    page = await browser.newPage();
    watch = watchPage(page, new URL(server.url).origin);
    const response = await page.goto(new URL(url, server.url).href);
    expect(response?.status()).toBe(200);
    return page;
  }

  afterEach(async () => {
    expectQuietPage(watch);
    await page.close();
  });

  it("finds an article by its photo caption and leads to it under /news/", async () => {
    await open("search/?q=headquarters");
    await page.locator("#search-status", { hasText: /result/ }).waitFor();
    const link = page.locator("#search-results h2 a").first();
    expect(await link.textContent()).toBe("Allies meet in Brussels");
    expect(await link.getAttribute("href")).toMatch(/^\/news\/articles\/2024\/11\/summit\/(\?|$)/);
    await link.click();
    await page.waitForURL(/\/news\/articles\/2024\/11\/summit\//);
    expect(await page.locator("h1").textContent()).toBe("Allies meet in Brussels");
  });

  it("shows an article's photo and leads from its date to the month's archive under /news/", async () => {
    await open("articles/2024/11/summit/");
    const photo = page.locator("figure.lead img");
    await photo.evaluate((img: HTMLImageElement) => img.decode());
    expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await page.locator("article header .date a").click();
    await page.waitForURL(/\/news\/archive\/2024\/11\/$/);
    expect(await page.locator("h1").textContent()).toBe("November 2024");
  });

  it("serves a topic's feed from the link on the topic's page", async () => {
    await open("topics/nato/");
    const href = await page.locator(".feed a").getAttribute("href");
    expect(href).toBe("/news/topics/nato/feed.xml");
    const response = await page.request.get(new URL(href!, server.url).href);
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain(
      "<id>https://news.example.org/news/topics/nato/feed.xml</id>",
    );
  });
});
