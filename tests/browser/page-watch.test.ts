import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectQuietPage, failedRequests, launchBrowser, watchPage } from "../helpers/browser.ts";
import { startStaticServer } from "../../src/serve/static-server.ts";

/** The watch every browser test ends with: it must excuse only what leaving a page cuts short. */
describe("the browser tests' page watch", () => {
  let browser: Browser;
  let url: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "page-watch-"));
    const page = (title: string) =>
      `<!doctype html><html lang="en"><head><title>${title}</title>` +
      `<link rel="icon" href="/icon.svg"></head><body><a href="/b.html">next</a></body></html>`;
    writeFileSync(path.join(dir, "a.html"), page("a"));
    writeFileSync(path.join(dir, "b.html"), page("b"));
    writeFileSync(path.join(dir, "icon.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const server = await startStaticServer({ dir });
    url = server.url;
    close = server.close;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  it("excuses a request the page's own navigation aborted", async () => {
    const page = await browser.newPage();
    const watch = watchPage(page, new URL(url).origin);
    // Hold the icon until the reader has left, so leaving aborts it.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/icon.svg", async (route) => {
      await held;
      await route.continue().catch(() => {});
    });
    await page.goto(new URL("a.html", url).href);
    await page.click("a");
    await page.waitForURL(/b\.html$/);
    release();
    await page.waitForLoadState("load");
    await page.unroute("**/icon.svg");
    const icon = new URL("icon.svg", url).href;
    expect(watch.abortedRequests.map((aborted) => aborted.request)).toContain(
      `${icon} (net::ERR_ABORTED)`,
    );
    expectQuietPage(watch);
    await page.close();
  });

  it("still fails on a request aborted while the page stayed", async () => {
    const page = await browser.newPage();
    const watch = watchPage(page, new URL(url).origin);
    await page.goto(new URL("a.html", url).href);
    await page.route("**/slow", () => {}); // never answered
    await page.evaluate(() => {
      const controller = new AbortController();
      fetch("/slow", { signal: controller.signal }).catch(() => {});
      setTimeout(() => controller.abort(), 100);
    });
    await expect.poll(() => watch.abortedRequests.length).toBe(1);
    expect(failedRequests(watch)).toEqual([new URL("slow", url).href + " (net::ERR_ABORTED)"]);
    expect(() => expectQuietPage(watch)).toThrow(/failed requests/);
    await page.close();
  });
});
