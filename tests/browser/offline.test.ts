import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { runBuild } from "../helpers/run-build.ts";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { startStaticServer } from "../../src/serve/static-server.ts";
import { controlled, savedKeys, searchFor } from "../helpers/offline.ts";
import type { OfflineManifest } from "../../src/search/offline-manifest.ts";

/**
 * 60 stories on 60 days, in sealed bundles of 8 and shards of 4: several bundles of each level.
 * Every story mentions the harbour; every third the cranes; every fifth the lighthouse; each has a
 * word of its own (`quoll<n>`), so that a rare word's story sits in one bundle.
 */
const STORIES = Array.from({ length: 60 }, (_, n) => {
  const day = new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
  const words = [
    "The harbour was busy today.",
    n % 3 === 0 ? "The cranes came back to the quay." : "",
    n % 5 === 0 ? "The lighthouse keeper counted the ships." : "",
    `A quoll${n} was seen near pier ${n}.`,
  ];
  return {
    n,
    file: `${day.slice(0, 4)}/${day.slice(5, 7)}/story-${String(n).padStart(2, "0")}.md`,
    title: `Harbour story ${String(n).padStart(2, "0")}`,
    date: `${day}T09:00:00Z`,
    body: words.filter(Boolean).join(" "),
  };
});

const QUERIES = [
  "harbour",
  "cranes",
  "lighthouse",
  "cranes quay",
  "lighthouse keeper ships",
  "quoll3",
  "quoll42",
  "quoll59",
  "pier",
  "harbour cranes lighthouse",
];

describe("the site offline", () => {
  let browser: Browser;
  let root: string;
  let site: string;

  beforeAll(async () => {
    root = makeFixtureSite({
      // The index is saved only when the reader asks (no automatic budget).
      site: { search: { bundleSize: 8, newestBundleSize: 4 }, offline: { autoSaveBytes: 0 } },
      articles: Object.fromEntries(
        STORIES.map((s) => [s.file, article({ title: `"${s.title}"`, date: s.date }, s.body)]),
      ),
    });
    site = path.join(mkdtempSync(path.join(tmpdir(), "archive-offline-")), "_site");
    const run = runBuild(root, site);
    expect(run.status, run.stderr).toBe(0);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("saves a small archive's search by itself on a first visit, within the site's budget", async () => {
    const small = makeFixtureSite({
      articles: {
        "2024/11/harbour.md": article(
          { title: '"Harbour cranes return"', people: "[Ada Lovelace]" },
          "The harbour cranes came back to the quay on Tuesday.",
        ),
      },
    });
    const smallSite = path.join(mkdtempSync(path.join(tmpdir(), "archive-offline-")), "_site");
    expect(runBuild(small, smallSite).status).toBe(0);
    const server = await startStaticServer({ dir: smallSite });
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      // The first page of a first visit loads before the worker exists: saved when it starts.
      await page.goto(`${server.url}people/ada-lovelace/`);
      await controlled(page);
      await page.goto(`${server.url}search/`);
      await page.locator("#offline-text", { hasText: "is saved on this device" }).waitFor();
      server.server.closeAllConnections();
      await server.close();
      await context.setOffline(true);
      const found = await searchFor(page, server.url, "quay", false);
      expect(found.titles).toEqual(["Harbour cranes return"]);
      await page.goto(`${server.url}people/ada-lovelace/`);
      expect(await page.locator("h1").textContent()).toBe("Ada Lovelace");
    } finally {
      await context.close();
      await server.close().catch(() => undefined);
    }
  });

  it("says at once that search is not saved, when offline with nothing saved", async () => {
    const server = await startStaticServer({ dir: site });
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}`);
      await controlled(page);
      await context.setOffline(true);
      const found = await searchFor(page, server.url, "harbour", false);
      expect(found.status).toContain("not saved on this device");
      expect(found.titles).toEqual([]);
      // From the page's start to the status line saying so: well within the 2 s a reader waits.
      const shownAt = await page.evaluate(() => performance.now());
      expect(shownAt).toBeLessThan(2_000);
    } finally {
      await context.close();
      await server.close();
    }
  });

  it(
    "saves search on the reader's word, then searches and reads every story offline, and a publish updates the copy by what changed",
    { timeout: 400_000 },
    async () => {
      let server = await startStaticServer({ dir: site });
      const port = Number(new URL(server.url).port);
      const context: BrowserContext = await browser.newContext();
      const page = await context.newPage();
      const manifest = JSON.parse(
        readFileSync(path.join(site, "offline.json"), "utf8"),
      ) as OfflineManifest;
      expect(manifest.bundles.length).toBeGreaterThanOrEqual(4);

      // Online: the answers offline must equal, in both orders.
      const online = new Map<string, Awaited<ReturnType<typeof searchFor>>>();
      await page.goto(`${server.url}search/`);
      await controlled(page);
      for (const query of QUERIES) {
        for (const newest of [false, true]) {
          online.set(`${query}|${newest}`, await searchFor(page, server.url, query, newest));
        }
      }
      expect(online.get("harbour|true")!.titles).toHaveLength(60);
      expect(online.get("harbour|true")!.titles[0]).toBe("Harbour story 59");

      // The offer states the size; saving shows progress and ends saved.
      await page.goto(`${server.url}search/`);
      const offer = page.locator("#offline-offer");
      await offer.locator("#offline-save").waitFor();
      expect(await page.locator("#offline-text").textContent()).toMatch(/\d+(\.\d)? MB/);
      await page.locator("#offline-save").click();
      await page.locator("#offline-text", { hasText: "is saved on this device" }).waitFor();
      const keys = new Set(await savedKeys(page));
      for (const bundle of manifest.bundles) {
        for (const [file] of bundle.files) expect(keys.has(file), file).toBe(true);
      }

      // One story visited online; then the server goes away and the browser is offline.
      const visited = await searchFor(page, server.url, "quoll10", false);
      await page.locator("#search-results a").first().click();
      await page.locator("h1", { hasText: "Harbour story 10" }).waitFor();
      server.server.closeAllConnections();
      await server.close();
      await context.setOffline(true);

      for (const query of QUERIES) {
        for (const newest of [false, true]) {
          const found = await searchFor(page, server.url, query, newest);
          expect(found, `${query}${newest ? ", newest first" : ""}`).toEqual(
            online.get(`${query}|${newest}`),
          );
        }
      }
      expect(visited.titles).toEqual(["Harbour story 10"]);

      // Three results opened with the network off: the visited one as it was saved, two never
      // visited as offline copies from their search data.
      await searchFor(page, server.url, "quoll10", false);
      await page.locator("#search-results a").first().click();
      await page.locator("h1", { hasText: "Harbour story 10" }).waitFor();
      expect(await page.locator("[data-offline-copy]").count()).toBe(0);
      for (const [query, title, text] of [
        ["quoll42", "Harbour story 42", "A quoll42 was seen near pier 42."],
        ["quoll3", "Harbour story 03", "The cranes came back to the quay."],
      ]) {
        await searchFor(page, server.url, query!, false);
        await page.locator("#search-results a").first().click();
        await page.locator("[data-offline-copy] h1", { hasText: title! }).waitFor();
        expect(await page.locator("[data-offline-copy]").textContent()).toContain(text);
        expect(await page.locator(".offline-note").textContent()).toContain("Offline copy");
        expect(await page.locator("header").count()).toBeGreaterThan(0);
      }
      // Any other page not saved: the offline page, in the site's design, linking to search.
      await page.goto(`${server.url}topics/`);
      expect(await page.locator("h1").textContent()).toBe("You are offline");
      expect(await page.locator('main a[href$="/search/"]').count()).toBe(1);

      // A day's publish: one new story, online again; the copy is brought up to date.
      await context.setOffline(false);
      mkdirSync(path.join(root, "content/articles/2024/03"), { recursive: true });
      writeFileSync(
        path.join(root, "content/articles/2024/03/new-day.md"),
        article(
          { title: '"Wombat sighted at the pier"', date: "2024-03-02T09:00:00Z" },
          "A wombat was seen at the harbour.",
        ),
      );
      const rebuilt = runBuild(root, site);
      expect(rebuilt.status, rebuilt.stderr).toBe(0);
      const updated = JSON.parse(
        readFileSync(path.join(site, "offline.json"), "utf8"),
      ) as OfflineManifest;
      server = await startStaticServer({ dir: site, port });
      const before = new Set(await savedKeys(page));
      await page.goto(`${server.url}search/`);
      await page.waitForFunction(
        // The new build's worker has taken over once the old build's shell is gone.
        async ([build, old]) => {
          const keys = await caches.keys();
          return keys.includes(`archive-shell-${build}`) && !keys.includes(`archive-shell-${old}`);
        },
        [updated.build, manifest.build],
        { timeout: 20_000 },
      );
      await page.locator("#offline-text", { hasText: "is saved on this device" }).waitFor({
        timeout: 20_000,
      });
      const after = new Set(await savedKeys(page));
      const sizes = new Map(
        [...updated.runtime, ...updated.bundles.flatMap((b) => b.files)].map(
          ([file, bytes, hash]) => [hash ? `${file}?v=${hash}` : file, bytes],
        ),
      );
      const downloaded = [...after].filter((key) => !before.has(key));
      const downloadedBytes = downloaded.reduce((sum, key) => sum + (sizes.get(key) ?? 0), 0);
      // What the publish changed: the newest bundle's files, not the whole index.
      expect(downloaded.length).toBeGreaterThan(0);
      expect(downloadedBytes).toBeLessThan(updated.bytes / 2);
      // What the publish dropped is gone from the device.
      for (const key of after) expect(sizes.has(key) || key === "offline-wanted", key).toBe(true);

      server.server.closeAllConnections();
      await server.close();
      await context.setOffline(true);
      const found = await searchFor(page, server.url, "wombat", false);
      expect(found.titles, found.status).toEqual(["Wombat sighted at the pier"]);
      await context.close();
    },
  );
});
