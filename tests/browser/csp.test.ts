import { readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { copyPublishingFixture } from "../fixtures/publishing-site.ts";
import { watchPage, type PageWatch, expectQuietPage } from "../helpers/browser.ts";
import { serveBuiltSite } from "../helpers/served-site.ts";

describe("the site under the headers of its own _headers file", () => {
  let page: Page;
  let watch: PageWatch;
  let violations: string[];

  const served = serveBuiltSite(() => ({
    root: copyPublishingFixture(),
    env: { PATH_PREFIX: "", SITE_URL: "" },
    headers: true,
  }));

  /** Opens a page, recording console output, failed requests and every CSP violation it reports. */
  async function open(url: string) {
    page = await served.browser.newPage();
    watch = watchPage(page, new URL(served.url).origin);
    violations = [];
    await page.exposeFunction("reportViolation", (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        const report = (window as unknown as { reportViolation(text: string): void })
          .reportViolation;
        report(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`);
      });
    });
    const response = await page.goto(new URL(url, served.url).href);
    expect(response?.headers()["content-security-policy"]).toContain("'wasm-unsafe-eval'");
    return page;
  }

  afterEach(async () => {
    expect(violations, "CSP violations").toEqual([]);
    expectQuietPage(watch);
    await page.close();
  });

  it("searches with Pagefind's WebAssembly on the page, blocked by nothing", async () => {
    await open("search/?q=headquarters");
    await page.locator("#search-status", { hasText: /result/ }).waitFor();
    expect(await page.locator("#search-results h2").allTextContents()).toEqual([
      "Allies meet in Brussels",
    ]);
    // Pagefind runs on the page (`noWorker`), so its WebAssembly is compiled under the page's
    // own policy, which must allow it.
    expect(page.workers().map((worker) => new URL(worker.url()).pathname)).not.toContain(
      "/pagefind/pagefind-worker.js",
    );
    expect(
      await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name)),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/\/pagefind\/wasm\.en\.pagefind$/)]));
  });

  for (const [name, url] of [
    ["an article with its photo and JSON-LD", "articles/2024/11/summit/"],
    ["the home page", ""],
    ["a topic page", "topics/nato/"],
    ["the archive", "archive/"],
  ] as const) {
    it(`shows ${name} without a policy violation`, async () => {
      await open(url);
      await page.waitForLoadState("networkidle");
      expect(await page.locator("h1").count()).toBe(1);
    });
  }

  it("lets browsers keep the search index's hashed files for a year, and revalidate pagefind.js", async () => {
    await open("");
    const bundle = readdirSync(path.join(served.site, "pagefind")).find((f) => /^\d{4}-/.test(f))!;
    const cacheControl = async (file: string) =>
      (await page.request.get(new URL(file, served.url).href)).headers()["cache-control"];
    for (const folder of ["index", "fragment"]) {
      const file = readdirSync(path.join(served.site, "pagefind", bundle, folder))[0]!;
      expect(await cacheControl(`pagefind/${bundle}/${folder}/${file}`)).toBe(
        "public, max-age=31536000, immutable",
      );
    }
    expect(await cacheControl("pagefind/pagefind.js")).not.toContain("immutable");
  });
});
