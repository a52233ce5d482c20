import type { ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { startServer } from "../helpers/start-server.ts";

const ARTICLE = "content/articles/2024/11/harbour.md";
const PAGE = "articles/2024/11/harbour/";

describe("npm start shows a content error over the page", () => {
  let root: string;
  let child: ChildProcess;
  let browser: Browser;
  const port = 19_000 + Math.floor(Math.random() * 1000);
  const url = `http://127.0.0.1:${port}/${PAGE}`;

  beforeAll(async () => {
    root = makeFixtureSite({
      articles: { "2024/11/harbour.md": article({ title: '"Harbour cranes return"' }) },
    });
    const out = path.join(mkdtempSync(path.join(tmpdir(), "archive-overlay-")), "_site");
    const server = startServer(root, out, port);
    child = server.child;
    await server.until(
      () => server.started.output.includes("[start] Watching for changes"),
      "npm start to start",
      120_000,
    );
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    child?.kill("SIGTERM");
  });

  it("names the file and line, quotes the line as text, and goes when the fix is saved", async () => {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(url);
    await expect.poll(() => page.locator("h1").first().textContent()).toContain("Harbour cranes");

    // An unclosed quote on line 2, in a title that is markup and longer than 80 characters.
    const title = `"<img src=x onerror='window.pwned=1'> Harbour cranes return ${"after a long wait ".repeat(5)}`;
    writeFileSync(path.join(root, ARTICLE), article({ title, dek: "Cranes" }));

    const overlay = page.locator("news-archive-error-overlay");
    await overlay.locator("section").waitFor({ timeout: 30_000 });
    await expect.poll(() => overlay.locator(".where").textContent()).toBe(`${ARTICLE}:2`);
    expect(await overlay.locator(".message").textContent()).toContain("not valid YAML");
    expect(await overlay.locator(".message").textContent()).toContain("needs quotes");
    const excerpt = (await overlay.locator(".excerpt").textContent())!;
    expect(excerpt).toContain(`2 | title: "<img src=x onerror='window.pwned=1'> Harbour`);
    expect([...excerpt.replace("2 | ", "")]).toHaveLength(80);
    // The quoted markup stayed text: no image was made and its handler never ran.
    expect(await overlay.locator("img").count()).toBe(0);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    // The last good page stays behind the overlay.
    expect(await page.locator("h1").first().textContent()).toContain("Harbour cranes return");

    // A page opened while the archive is broken shows the problem too.
    const second = await browser.newPage();
    await second.goto(`http://127.0.0.1:${port}/`);
    await second.locator("news-archive-error-overlay section").waitFor({ timeout: 10_000 });
    await second.close();

    writeFileSync(path.join(root, ARTICLE), article({ title: '"Harbour cranes are back"' }));
    await expect
      .poll(() => page.locator("h1").first().textContent(), { timeout: 30_000 })
      .toContain("Harbour cranes are back");
    expect(await overlay.count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
