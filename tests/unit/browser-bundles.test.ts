import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  PAGE_SCRIPTS,
  serviceWorkerTemplate,
  writePageScripts,
} from "../../src/eleventy/browser-bundles.ts";

const PROJECT_DIR = path.resolve(import.meta.dirname, "../..");

describe("the site's scripts, bundled from src/browser", () => {
  it("writes each page script as one minified classic script at its URL", async () => {
    const site = mkdtempSync(path.join(tmpdir(), "bundles-"));
    const written = await writePageScripts(site, PROJECT_DIR);
    expect(written.sort()).toEqual(
      ["assets/js/highlight.js", "assets/js/search-page.js", "assets/js/site.js"].sort(),
    );
    expect(Object.keys(PAGE_SCRIPTS).sort()).toEqual(written);
    for (const file of written) {
      const source = readFileSync(path.join(site, file), "utf8");
      // Loaded with <script defer>: no static import or export, and no module left unbundled.
      expect(source).not.toMatch(/^\s*(import|export)\s/m);
      expect(source).not.toContain("search-state");
      expect(source.split("\n").filter(Boolean)).toHaveLength(1);
    }
  });

  it("keeps the service worker's placeholders for the build to fill in", async () => {
    const source = await serviceWorkerTemplate(PROJECT_DIR);
    expect(source.split('"__BUILD__"')).toHaveLength(2);
    expect(source.split('["__PRECACHE__"]')).toHaveLength(2);
    expect(source).not.toMatch(/^\s*(import|export)\s/m);
  });
});
