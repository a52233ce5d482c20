import { afterEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { copyPublishingFixture } from "../fixtures/publishing-site.ts";
import { watchPage, type PageWatch, expectQuietPage } from "../helpers/browser.ts";
import { serveBuiltSite } from "../helpers/served-site.ts";

describe("the archive built for and served under /news/", () => {
  let page: Page;
  let watch: PageWatch;

  const served = serveBuiltSite(() => ({
    root: copyPublishingFixture(),
    env: { PATH_PREFIX: "/news/", SITE_URL: "" },
    pathPrefix: "/news/",
  }));

  async function open(url: string) {
    page = await served.browser.newPage();
    watch = watchPage(page, new URL(served.url).origin);
    const response = await page.goto(new URL(url, served.url).href);
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
    const response = await page.request.get(new URL(href!, served.url).href);
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain(
      "<id>https://news.example.org/news/topics/nato/feed.xml</id>",
    );
  });
});
