import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startStaticServer } from "../../src/serve/static-server.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { searchTitles } from "../helpers/portable-search.ts";
import { buildReutersSite, type ReutersSite } from "../helpers/reuters.ts";
import { measureFirstSearchFromFile } from "../../scripts/bench/first-search-file.ts";

describe("a 1,000-story Reuters slice opened from the file system", () => {
  let built: ReutersSite;
  let browser: Browser;

  beforeAll(async () => {
    built = buildReutersSite(1000, { BUILD_PORTABLE: "1" });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("finds the same top results from disk as over HTTP", async () => {
    const server = await startStaticServer({ dir: built.site });
    try {
      for (const query of [
        "cocoa",
        "Bahia cocoa review",
        "dividend",
        "oil prices",
        "Volcker",
        "Tokyo",
        "coffee quota",
      ]) {
        const overHttp = await searchTitles(browser, `${server.url}search/`, query);
        const fromDisk = await searchTitles(
          browser,
          pathToFileURL(path.join(built.site, "search/index.html")).href,
          query,
        );
        expect(fromDisk, query).toEqual(overHttp);
        expect(overHttp.length, query).toBeGreaterThan(0);
      }
    } finally {
      await server.close();
    }
  });

  it("downloads under 1 MB for a first search, a small part of the whole index", async () => {
    const search = await measureFirstSearchFromFile(browser, built.site, "coffee");
    const scripts = path.join(built.site, "pagefind", "file");
    const whole = readdirSync(scripts, { recursive: true, encoding: "utf8" })
      .map((file) => statSync(path.join(scripts, file)))
      .filter((stat) => stat.isFile())
      .reduce((sum, stat) => sum + stat.size, 0);
    expect(search.results).toMatch(/results? for/);
    expect(search.bytes).toBeLessThan(1024 * 1024);
    expect(search.bytes).toBeLessThan(whole / 4);
  });
});
