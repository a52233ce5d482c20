import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { runBuild } from "../helpers/run-build.ts";
import { copyPublishingFixture } from "../fixtures/publishing-site.ts";
import { launchBrowser, watchPage, type PageWatch, expectQuietPage } from "../helpers/browser.ts";
import { readHeadersFile } from "../../src/serve/headers.ts";
import { startStaticServer } from "../../src/serve/static-server.ts";

describe("the site under the headers of its own _headers file", () => {
  let site: string;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startStaticServer>>;
  let page: Page;
  let watch: PageWatch;
  let violations: string[];

  beforeAll(async () => {
    site = path.join(mkdtempSync(path.join(tmpdir(), "archive-csp-")), "_site");
    const run = runBuild(copyPublishingFixture(), site, { PATH_PREFIX: "", SITE_URL: "" });
    expect(run.status, run.stderr).toBe(0);
    server = await startStaticServer({
      dir: site,
      headers: readHeadersFile(path.join(site, "_headers")),
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens a page, recording console output, failed requests and every CSP violation it reports. */
  async function open(url: string) {
    page = await browser.newPage();
    watch = watchPage(page, new URL(server.url).origin);
    violations = [];
    await page.exposeFunction("reportViolation", (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        const report = (window as unknown as { reportViolation(text: string): void })
          .reportViolation;
        report(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`);
      });
    });
    const response = await page.goto(new URL(url, server.url).href);
    expect(response?.headers()["content-security-policy"]).toContain("'wasm-unsafe-eval'");
    return page;
  }

  afterEach(async () => {
    expect(violations, "CSP violations").toEqual([]);
    expectQuietPage(watch);
    await page.close();
  });

  it("searches with Pagefind's WebAssembly in its worker, blocked by nothing", async () => {
    await open("search/?q=headquarters");
    await page.locator("#search-status", { hasText: /result/ }).waitFor();
    expect(await page.locator("#search-results h2").allTextContents()).toEqual([
      "Allies meet in Brussels",
    ]);
    expect(page.workers().map((worker) => new URL(worker.url()).pathname)).toContain(
      "/pagefind/pagefind-worker.js",
    );
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

  it("lets browsers keep Pagefind's hashed index chunks for a year, and revalidate pagefind.js", async () => {
    await open("");
    const chunk = readdirSync(path.join(site, "pagefind", "index"))[0]!;
    const cacheControl = async (file: string) =>
      (await page.request.get(new URL(file, server.url).href)).headers()["cache-control"];
    expect(await cacheControl(`pagefind/index/${chunk}`)).toBe(
      "public, max-age=31536000, immutable",
    );
    expect(await cacheControl("pagefind/pagefind.js")).not.toContain("immutable");
  });
});
