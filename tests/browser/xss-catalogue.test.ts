import { afterEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { copyXssFixture } from "../fixtures/xss/vectors.ts";
import { expectQuietPage, watchPage, type PageWatch } from "../helpers/browser.ts";
import { serveBuiltSite } from "../helpers/served-site.ts";

const PAGES = [
  ["the article", "articles/2024/11/hostile/"],
  ["the home page", ""],
  ["the person's page", "people/eve/"],
  ["the people index", "people/"],
  ["the topics index", "topics/"],
  ["the month's archive", "archive/2024/11/"],
  ["the search results", "search/?q=zeppelins"],
] as const;

for (const headers of [false, true]) {
  describe(`an article carrying 37 XSS vectors, served ${headers ? "with" : "without"} _headers`, () => {
    let page: Page;
    let watch: PageWatch;
    let dialogs: string[];
    const served = serveBuiltSite(() => ({
      root: copyXssFixture(),
      env: { PATH_PREFIX: "", SITE_URL: "" },
      headers,
    }));

    afterEach(async () => {
      expect(dialogs, "script dialogs").toEqual([]);
      expectQuietPage(watch);
      await page.close();
    });

    for (const [name, url] of PAGES) {
      it(`opens ${name} with no dialog, no foreign request and no console error`, async () => {
        page = await served.browser.newPage();
        watch = watchPage(page, new URL(served.url).origin);
        dialogs = [];
        page.on("dialog", (dialog) => {
          dialogs.push(dialog.message());
          void dialog.dismiss();
        });
        await page.goto(new URL(url, served.url).href);
        if (url.startsWith("search/")) {
          await page.locator("#search-status", { hasText: /result/ }).waitFor();
          expect(await page.locator("#search-results h2").allTextContents()).toContain(
            "Hostile story </title><script>alert(28)</script>",
          );
        }
        await page.waitForLoadState("networkidle");
        // Hover and focus everything, so that event-handler vectors would fire.
        for (const element of await page.locator("main *").all()) {
          await element.hover({ timeout: 200, force: true }).catch(() => {});
        }
        await page.waitForTimeout(200);
        expect(
          await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content"),
        ).toContain("script-src 'self'");
        expect(
          await page.locator("main script, main iframe, main object, main embed").count(),
        ).toBe(0);
      });
    }
  });
}
