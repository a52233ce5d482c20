import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  cacheStrategy,
  cutFragment,
  fillOfflinePage,
  fragmentPlace,
  indexKey,
  keyOfPath,
  OFFLINE_END,
  OFFLINE_START,
  pagesToSave,
  parseRange,
  planSave,
  precacheUrls,
  readingViewHtml,
  savedBundles,
  shellCacheName,
  staleCaches,
  WANTED_KEY,
} from "../../src/browser/offline-cache.ts";
import type { OfflineManifest } from "../../src/search/offline-manifest.ts";

const SCOPE = new URL("https://example.org/news/");
const get = (url: string, mode = "cors") => ({ method: "GET", mode, url });

const MANIFEST: OfflineManifest = {
  build: "b2",
  autoSave: false,
  bytes: 0,
  shell: [],
  runtime: [
    ["pagefind/pagefind.js", 100, "h1"],
    ["pagefind/wasm.en.pagefind", 200, "h2"],
  ],
  bundles: [
    {
      dir: "2024-03-01/",
      from: "2024-03-01",
      to: "2024-03-09",
      pages: 130,
      tag: "01",
      packs: ["p1", "p2"],
      files: [
        ["pagefind/2024-03-01/pagefind.en_1.pf_meta", 10, ""],
        ["pagefind/2024-03-01/fragment/p1.pf_pack", 1000, ""],
        ["pagefind/2024-03-01/fragment/p2.pf_pack", 20, ""],
      ],
      bytes: 1030,
    },
    {
      dir: "2024-01-01/",
      from: "2024-01-01",
      to: "2024-02-29",
      pages: 10,
      tag: "00",
      packs: ["p0"],
      files: [
        ["pagefind/2024-01-01/pagefind.en_0.pf_meta", 10, ""],
        ["pagefind/2024-01-01/fragment/p0.pf_pack", 500, ""],
      ],
      bytes: 510,
    },
  ],
  perPack: 128,
  site: { title: "Archive", language: "en" },
};

describe("the service worker's answers", () => {
  it("answers pages from the network first, the index and the site's files from what is saved", () => {
    expect(cacheStrategy(get("https://example.org/news/topics/oil/", "navigate"), SCOPE)).toBe(
      "page",
    );
    expect(
      cacheStrategy(get("https://example.org/news/pagefind/2024-01-01/x.pf_meta"), SCOPE),
    ).toBe("index");
    expect(cacheStrategy(get("https://example.org/news/assets/css/site.css"), SCOPE)).toBe("file");
    expect(cacheStrategy(get("https://example.org/news/sw.js"), SCOPE)).toBe("network");
    expect(cacheStrategy(get("https://example.org/news/offline.json"), SCOPE)).toBe("network");
  });

  it("leaves to the browser what is not a GET or not the site's", () => {
    const page = "https://example.org/news/search/";
    expect(cacheStrategy({ method: "POST", mode: "navigate", url: page }, SCOPE)).toBeUndefined();
    expect(cacheStrategy(get("https://other.example/news/a.js"), SCOPE)).toBeUndefined();
    expect(cacheStrategy(get("https://example.org/other/", "navigate"), SCOPE)).toBeUndefined();
  });

  it("cuts byte ranges as a server would, and refuses ranges outside the file", () => {
    expect(parseRange("bytes=0-3", 100)).toEqual([0, 4]);
    expect(parseRange("bytes=90-", 100)).toEqual([90, 100]);
    expect(parseRange("bytes=-10", 100)).toEqual([90, 100]);
    expect(parseRange("bytes=95-200", 100)).toEqual([95, 100]);
    expect(parseRange("bytes=100-120", 100)).toBeUndefined();
    expect(parseRange("items=0-3", 100)).toBeUndefined();
    expect(parseRange(null, 100)).toBeUndefined();
  });
});

describe("the service worker's caches", () => {
  it("names the shell by build and drops earlier shells, keeping the pages and the index", () => {
    const current = shellCacheName("b2");
    expect(
      staleCaches(
        ["archive-shell-b1", current, "archive-pages", "archive-index", "archive-old", "other"],
        current,
      ),
    ).toEqual(["archive-shell-b1", "archive-old"]);
  });

  it("stores the precache list under the worker's scope", () => {
    expect(precacheUrls(["", "search/"], SCOPE)).toEqual([
      "https://example.org/news/",
      "https://example.org/news/search/",
    ]);
  });

  it("saves the open tabs that show the site's pages", () => {
    expect(
      pagesToSave(
        ["https://example.org/news/a/", "https://example.org/elsewhere/", "https://x.org/news/"],
        SCOPE,
      ).map((url) => url.href),
    ).toEqual(["https://example.org/news/a/"]);
  });
});

describe("the offline copy of the index", () => {
  it("keeps the scripts under their hash and bundle files under their own names", () => {
    expect(indexKey(["pagefind/pagefind.js", 1, "h1"])).toBe("pagefind/pagefind.js?v=h1");
    expect(keyOfPath(MANIFEST, "pagefind/pagefind.js")).toBe("pagefind/pagefind.js?v=h1");
    expect(keyOfPath(MANIFEST, "pagefind/2024-01-01/fragment/p0.pf_pack")).toBe(
      "pagefind/2024-01-01/fragment/p0.pf_pack",
    );
    expect(keyOfPath(MANIFEST, "pagefind/1999-01-01/x.pf_meta")).toBeUndefined();
  });

  it("plans a save as what the device lacks, and an update as what changed and what is gone", () => {
    const empty = planSave(MANIFEST, new Set());
    expect(empty.bytes).toBe(100 + 200 + 1030 + 510);
    expect(empty.savedBytes).toBe(0);
    expect(empty.missing).toHaveLength(7);

    const saved = new Set([
      "pagefind/pagefind.js?v=h0",
      "pagefind/wasm.en.pagefind?v=h2",
      "pagefind/2024-01-01/pagefind.en_0.pf_meta",
      "pagefind/2024-01-01/fragment/p0.pf_pack",
      "pagefind/2023-12-01/fragment/gone.pf_pack",
      WANTED_KEY,
    ]);
    const update = planSave(MANIFEST, saved);
    expect(update.missing.map(([key]) => key)).toEqual([
      "pagefind/pagefind.js?v=h1",
      "pagefind/2024-03-01/pagefind.en_1.pf_meta",
      "pagefind/2024-03-01/fragment/p1.pf_pack",
      "pagefind/2024-03-01/fragment/p2.pf_pack",
    ]);
    expect(update.stale).toEqual([
      "pagefind/pagefind.js?v=h0",
      "pagefind/2023-12-01/fragment/gone.pf_pack",
    ]);
    expect(update.savedBytes).toBe(200 + 510);
    expect(savedBundles(MANIFEST, saved)).toEqual(["00"]);
  });
});

describe("a story's offline reading view", () => {
  it("finds a story's fragment by its bundle's tag and number, and cuts it from the pack", () => {
    expect(fragmentPlace(MANIFEST, "01" + (129).toString(36))).toEqual({
      key: "pagefind/2024-03-01/fragment/p2.pf_pack",
      at: 1,
      count: 2,
    });
    expect(fragmentPlace(MANIFEST, "0009")).toEqual({
      key: "pagefind/2024-01-01/fragment/p0.pf_pack",
      at: 9,
      count: 10,
    });
    expect(fragmentPlace(MANIFEST, "00a0")).toBeUndefined();
    expect(fragmentPlace(MANIFEST, "zz1")).toBeUndefined();
    expect(fragmentPlace(MANIFEST, "../x")).toBeUndefined();

    const parts = [gzipSync("first"), gzipSync("second")];
    const table = new Uint32Array([
      12,
      12 + parts[0]!.length,
      12 + parts[0]!.length + parts[1]!.length,
    ]);
    const pack = Buffer.concat([Buffer.from(table.buffer), ...parts]);
    const buffer = pack.buffer.slice(pack.byteOffset, pack.byteOffset + pack.length);
    expect(Buffer.from(cutFragment(buffer, 1, 2))).toEqual(parts[1]);
    expect(() => cutFragment(buffer.slice(0, 8), 1, 2)).toThrow(/shorter/);
  });

  it("shows the story's words as text, marked as an offline copy, in the offline page", () => {
    const view = readingViewHtml(
      {
        url: "/articles/2024/03/a/",
        content: 'Cranes <b>returned</b>.  "Quiet," she said.',
        meta: {
          title: "Cranes <script>alert(1)</script>",
          date: "2024-03-05",
          byline: "Ada",
          dateline: "LONDON",
        },
      },
      "/news/articles/2024/03/a/",
      "en",
    );
    expect(view).toContain("Offline copy");
    expect(view).toContain("Cranes &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(view).not.toContain("<script>");
    expect(view).toContain("&lt;b&gt;returned&lt;/b&gt;");
    expect(view).toMatch(/5 March 2024|March 5, 2024/);
    expect(view).toContain("Ada");
    expect(view).toContain("LONDON");
    const page = `<html><head><title>Offline</title></head><main>${OFFLINE_START}<h1>You are offline</h1>${OFFLINE_END}</main></html>`;
    const filled = fillOfflinePage(page, view, "Cranes (offline copy)");
    expect(filled).not.toContain("You are offline");
    expect(filled).toContain("<title>Cranes (offline copy)</title>");
  });
});
