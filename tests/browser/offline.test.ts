import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { runBuild } from "../helpers/run-build.ts";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { launchBrowser, watchPage } from "../helpers/browser.ts";
import { startStaticServer } from "../../src/serve/static-server.ts";

describe("the site offline", () => {
  let browser: Browser;
  let root: string;
  let site: string;

  beforeAll(async () => {
    root = makeFixtureSite({
      articles: {
        "2024/11/harbour.md": article(
          { title: '"Harbour cranes return"', people: "[Ada Lovelace]" },
          "The harbour cranes came back to the quay on Tuesday.",
        ),
      },
    });
    site = path.join(mkdtempSync(path.join(tmpdir(), "archive-offline-")), "_site");
    expect(runBuild(root, site).status).toBe(0);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("answers searches and reopens the pages of one visit with the server gone, and picks up a new build on the next online visit", async () => {
    let server = await startStaticServer({ dir: site });
    const port = new URL(server.url).port;
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page, new URL(server.url).origin);

    // The first page of a first visit loads before the service worker exists: it is saved when
    // the worker starts, so it opens offline too.
    await page.goto(`${server.url}people/ada-lovelace/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      polling: 100,
      timeout: 20_000,
    });
    await page.goto(`${server.url}search/?q=cranes`);
    await page.locator("#search-status", { hasText: "1 result" }).waitFor();
    const firstBuild = await page.evaluate(async () =>
      (await caches.keys()).filter((key) => key.startsWith("archive-")),
    );
    expect(firstBuild).toHaveLength(1);

    // Offline for real: nothing answers on the port any more.
    server.server.closeAllConnections();
    await server.close();
    await page.goto(`${server.url}search/?q=quay`);
    await page.locator("#search-status", { hasText: "1 result" }).waitFor();
    expect(await page.locator("#search-results h2").allTextContents()).toEqual([
      "Harbour cranes return",
    ]);
    await page.goto(`${server.url}people/ada-lovelace/`);
    expect(await page.locator("h1").textContent()).toBe("Ada Lovelace");
    await page.goto(`${server.url}topics/`);
    expect(await page.locator("h1").textContent()).toBe("You are offline");

    // A new build, served again: the next visit installs it and drops the old cache.
    writeFileSync(
      path.join(root, "content/articles/2024/11/lighthouse.md"),
      article({ title: '"Lighthouse relit"', date: "2024-11-14" }, "The lighthouse shone again."),
    );
    expect(runBuild(root, site).status).toBe(0);
    server = await startStaticServer({ dir: site, port: Number(port) });
    await page.goto(`${server.url}search/?q=lighthouse`);
    await page.locator("#search-status", { hasText: "1 result" }).waitFor();
    await page.waitForFunction(
      async (old) => {
        const keys = (await caches.keys()).filter((key) => key.startsWith("archive-"));
        return keys.length === 1 && keys[0] !== old;
      },
      firstBuild[0],
      { polling: 200, timeout: 20_000 },
    );
    await server.close();
    await context.close();
    // Requests that failed while the server was gone are the point of the test; nothing else may fail.
    expect(
      watch.consoleMessages.filter((m) => !/ERR_CONNECTION_REFUSED|status of 503/.test(m)),
    ).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });
});
