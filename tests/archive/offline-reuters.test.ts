import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { buildReutersSite, type ReutersSite } from "../helpers/reuters.ts";
import { article } from "../helpers/fixture-site.ts";
import { runBuild } from "../helpers/run-build.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { controlled, savedKeys, searchFor } from "../helpers/offline.ts";
import { startStaticServer } from "../../src/serve/static-server.ts";
import type { OfflineManifest } from "../../src/search/offline-manifest.ts";

/** Common words, names, several words, a rare word, a word in no story. */
const QUERIES = [
  "oil",
  "coffee prices brazil",
  "james baker",
  "bundesbank",
  "trade deficit japan",
  "grain",
  "dollar yen",
  "merger",
  "opec",
  "zzzqxv",
];

/** Sealed bundles of 1,000 and shards of 250: bundles of every level. */
const BUNDLES = { SEARCH_BUNDLE_SIZE: "1000", SEARCH_NEWEST_BUNDLE_SIZE: "250" };

function readManifest(site: string): OfflineManifest {
  return JSON.parse(readFileSync(path.join(site, "offline.json"), "utf8")) as OfflineManifest;
}

describe("3,000 Reuters stories offline, in several bundles", () => {
  let built: ReutersSite;
  let browser: Browser;

  beforeAll(async () => {
    // Saved on the reader's word.
    built = buildReutersSite(3000, BUNDLES, { offline: { autoSaveBytes: 0 } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("saves the index, searches ten queries in both orders and opens three results with the network off, and finds a new story after a publish", async () => {
    const { root, site } = built;
    const manifest = readManifest(site);
    expect(manifest.bundles.length).toBeGreaterThanOrEqual(4);
    let server = await startStaticServer({ dir: site });
    const port = Number(new URL(server.url).port);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}search/`);
    await controlled(page);

    const online = new Map<string, Awaited<ReturnType<typeof searchFor>>>();
    for (const query of QUERIES) {
      for (const newest of [false, true]) {
        online.set(`${query}|${newest}`, await searchFor(page, server.url, query, newest, true));
      }
    }
    expect(online.get("oil|true")!.titles).toHaveLength(10);

    await page.goto(`${server.url}search/`);
    await page.locator("#offline-save").click();
    await page
      .locator("#offline-text", { hasText: "is saved on this device" })
      .waitFor({ timeout: 300_000 });
    // One result opened online: saved as a page.
    await searchFor(page, server.url, "bundesbank", false, true);
    const visitedTitle = (await page.locator("#search-results h2").first().textContent())!;
    await page.locator("#search-results a").first().click();
    await page.locator("h1", { hasText: visitedTitle }).waitFor();

    server.server.closeAllConnections();
    await server.close();
    await context.setOffline(true);
    for (const query of QUERIES) {
      for (const newest of [false, true]) {
        const found = await searchFor(page, server.url, query, newest, true);
        expect(found, `${query}${newest ? ", newest first" : ""}`).toEqual(
          online.get(`${query}|${newest}`),
        );
      }
    }
    // Three results with the network off: the one visited, and two never opened.
    await searchFor(page, server.url, "bundesbank", false, true);
    await page.locator("#search-results a").first().click();
    await page.locator("h1", { hasText: visitedTitle }).waitFor();
    expect(await page.locator("[data-offline-copy]").count()).toBe(0);
    for (const query of ["coffee prices brazil", "james baker"]) {
      const found = await searchFor(page, server.url, query, true, true);
      await page.locator("#search-results a").first().click();
      await page.locator("[data-offline-copy] h1", { hasText: found.titles[0]! }).waitFor();
      expect((await page.locator("[data-offline-copy]").textContent())!.length).toBeGreaterThan(
        200,
      );
    }

    // A day's publish, online: the copy is updated by what changed, and the new story is found.
    await context.setOffline(false);
    mkdirSync(path.join(root, "content/articles/1990/01"), { recursive: true });
    writeFileSync(
      path.join(root, "content/articles/1990/01/wombat.md"),
      article(
        { title: '"Wombat exports to Japan double"', date: "1990-01-02T09:00:00Z" },
        "Wombat exports rose sharply, traders said.",
      ),
    );
    const rebuilt = runBuild(root, site, BUNDLES);
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    const updated = readManifest(site);
    server = await startStaticServer({ dir: site, port });
    const before = new Set(await savedKeys(page));
    await page.goto(`${server.url}search/`);
    await page.waitForFunction(
      async ([build, old]) => {
        const keys = await caches.keys();
        return keys.includes(`archive-shell-${build}`) && !keys.includes(`archive-shell-${old}`);
      },
      [updated.build, manifest.build],
      { timeout: 60_000 },
    );
    await page
      .locator("#offline-text", { hasText: "is saved on this device" })
      .waitFor({ timeout: 120_000 });
    const sizes = new Map(
      [...updated.runtime, ...updated.bundles.flatMap((b) => b.files)].map(
        ([file, bytes, hash]) => [hash ? `${file}?v=${hash}` : file, bytes],
      ),
    );
    const downloaded = [...(await savedKeys(page))].filter((key) => !before.has(key));
    const downloadedBytes = downloaded.reduce((sum, key) => sum + (sizes.get(key) ?? 0), 0);
    // Exactly the files the publish changed: those the new build lists and the old one did not.
    const listed = (m: OfflineManifest) =>
      new Set(
        [...m.runtime, ...m.bundles.flatMap((b) => b.files)].map(([file, , hash]) =>
          hash ? `${file}?v=${hash}` : file,
        ),
      );
    const old = listed(manifest);
    expect(downloaded.sort()).toEqual([...listed(updated)].filter((key) => !old.has(key)).sort());
    // A bundle the publish left as it was costs nothing; the update is not the whole index.
    const describe = (m: OfflineManifest) => m.bundles.map((b) => `${b.dir}${b.tag}:${b.pages}`);
    const kept = updated.bundles.filter((bundle) =>
      manifest.bundles.some(
        (b) => b.dir === bundle.dir && b.tag === bundle.tag && b.pages === bundle.pages,
      ),
    );
    expect(kept.length, `${describe(manifest)} → ${describe(updated)}`).toBeGreaterThan(0);
    for (const bundle of kept) {
      for (const [file] of bundle.files) expect(downloaded).not.toContain(file);
    }
    expect(downloadedBytes).toBeGreaterThan(0);
    expect(downloadedBytes).toBeLessThan(updated.bytes);
    console.log(
      `offline update after a publish: ${downloaded.length} files, ${downloadedBytes} of ${updated.bytes} bytes; bundles ${describe(manifest).join(" ")} → ${describe(updated).join(" ")}`,
    );

    server.server.closeAllConnections();
    await server.close();
    await context.setOffline(true);
    const found = await searchFor(page, server.url, "wombat", true, true);
    expect(found.titles).toEqual(["Wombat exports to Japan double"]);
    await context.close();
  });
});
