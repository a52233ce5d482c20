import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import * as pagefind from "pagefind";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchDocument } from "../../src/search/search-document.ts";
import { SearchIndexSession } from "../../src/search/build-search-index.ts";
import { planBundles } from "../../src/search/bundles.ts";
import { listFiles } from "../helpers/site-files.ts";
import { PROJECT_DIR, runBuild } from "../helpers/run-build.ts";

/** Pagefind's record of each page (its fragment: URL, title, metadata, filters, text), by URL. */
async function fragmentsOf(pages: Array<{ sourcePath: string; content: string }>) {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "en" });
  if (!index) throw new Error(errors.join("\n"));
  for (const page of pages) {
    const added = await index.addHTMLFile(page);
    expect(added.errors).toEqual([]);
  }
  const { files } = await index.getFiles();
  const fragments = new Map<string, unknown>();
  for (const file of files.filter((f) => f.path.startsWith("fragment/"))) {
    const text = gunzipSync(file.content).toString("utf8");
    const record = JSON.parse(text.slice(text.indexOf("{"))) as { url: string };
    fragments.set(record.url, record);
  }
  await index.deleteIndex();
  return fragments;
}

describe("what the build gives Pagefind", () => {
  let site: string;
  let articles: string[];

  beforeAll(() => {
    site = path.join(mkdtempSync(path.join(tmpdir(), "archive-search-doc-")), "_site");
    const run = runBuild(PROJECT_DIR, site);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    articles = listFiles(site).filter((f) => f.startsWith("articles/") && f.endsWith(".html"));
  });

  afterAll(async () => {
    await pagefind.close();
  });

  it("is recorded exactly as the whole article page would be", async () => {
    const pages = articles.map((file) => ({
      sourcePath: file,
      html: readFileSync(path.join(site, file), "utf8"),
    }));
    const whole = await fragmentsOf(
      pages.map((p) => ({ sourcePath: p.sourcePath, content: p.html })),
    );
    const trimmed = await fragmentsOf(
      pages.map((p) => ({ sourcePath: p.sourcePath, content: searchDocument(p.html) })),
    );
    expect(whole.size).toBe(articles.length);
    expect(trimmed).toEqual(whole);
    for (const page of pages) {
      expect(searchDocument(page.html).length).toBeLessThan(page.html.length * 0.7);
    }
  });

  it("writes the index once every page handed over is indexed, and refuses pages after that", async () => {
    const out = mkdtempSync(path.join(tmpdir(), "archive-session-"));
    const url = `/${articles[0]!.replace(/index\.html$/, "")}`;
    const session = new SearchIndexSession(out, planBundles([{ day: "2024-11-12", url }]), {
      language: "en",
    });
    const html = readFileSync(path.join(site, articles[0]!), "utf8");
    void session.add(articles[0]!, { document: searchDocument(html) });
    const writing = session.finish();
    expect(() => session.add(articles[1]!, { document: html })).toThrow(
      `${articles[1]} was rendered after the search index was written`,
    );
    const result = await writing;
    expect(result.pages).toBe(1);
    expect(await session.finish()).toBe(result);
    expect(existsSync(path.join(out, "pagefind", "pagefind.js"))).toBe(true);
    expect(result.info.bundles.map((b) => b.dir)).toEqual(["2024-11-12/"]);
  });

  it("leaves the search index out of a --no-search build, and nothing else", () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "archive-no-search-")), "_site");
    const run = runBuild(PROJECT_DIR, out, {}, ["--no-search"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    // The index, and the service worker and offline copy's manifest written with it.
    const index = new Set(["sw.js", "offline.json"]);
    const withSearch = listFiles(site).filter((f) => !f.startsWith("pagefind/") && !index.has(f));
    expect(listFiles(out)).toEqual(withSearch);
    expect(existsSync(path.join(out, "pagefind"))).toBe(false);
    for (const file of articles) {
      expect(readFileSync(path.join(out, file), "utf8")).toBe(
        readFileSync(path.join(site, file), "utf8"),
      );
    }
  });

  it("refuses a portable build without search, which could not search from disk", () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "archive-no-search-")), "_site");
    const run = runBuild(PROJECT_DIR, out, {}, ["--no-search", "--portable"]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("A portable build needs the search index");
    expect(existsSync(out)).toBe(false);
  });
});
