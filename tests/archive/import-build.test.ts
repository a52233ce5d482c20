import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { articlePagesDir } from "../../scripts/bench/article-pages.ts";
import { runImport, type ImportSummary } from "../../src/import/run-import.ts";
import { makeFixtureSite } from "../helpers/fixture-site.ts";
import { runBuild } from "../helpers/run-build.ts";
import { findBrokenLinks } from "../helpers/site-files.ts";

const WORDPRESS = process.env.WORDPRESS_DIR ?? path.resolve("../shared/corpora/wordpress");
const EXPORTS = ["themeunittestdata.wordpress.xml", "64-block-test-data.xml"];

function wordpressExports(): string[] {
  const files = EXPORTS.map((name) => path.join(WORDPRESS, name));
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length) {
    throw new Error(
      `The WordPress exports are not in ${WORDPRESS}: put ${EXPORTS.join(" and ")} there, or set WORDPRESS_DIR to the folder that holds them.`,
    );
  }
  return files;
}

function savedPages(): string {
  const dir = path.join(articlePagesDir(), "html");
  if (!existsSync(dir)) {
    throw new Error(
      `The article-pages corpus is not in ${articlePagesDir()}: set ARTICLE_PAGES_DIR to the folder that holds html/ and ground-truth.json.`,
    );
  }
  return dir;
}

const OPTIONS = { date: "2020-01-01", today: "2026-01-01" };

/** Every input accounted for: each outcome names its input and, unless imported, says why. */
function expectAccounted(summary: ImportSummary): void {
  for (const outcome of summary.outcomes) {
    expect(outcome.input).toMatch(/\S/);
    if (outcome.status !== "imported") expect(outcome.reason, outcome.input).toMatch(/\S/);
  }
  const total = Object.values(summary.counts).reduce((a, b) => a + b, 0);
  expect(total).toBe(summary.outcomes.length);
}

describe("imported saved pages and WordPress exports build into a site", () => {
  it("imports both, builds without error or broken link, and a second import changes nothing", () => {
    const root = makeFixtureSite({ site: { title: "Imported", url: "https://imported.example" } });
    const inputs = [savedPages(), ...wordpressExports()];
    const first = runImport({ root, inputs, ...OPTIONS });
    expectAccounted(first);
    // 94 pages, 52 + 60 published posts; the theme test's untitled post fails by design.
    expect(first.counts.imported).toBe(94 + 52 + 60);
    expect(first.outcomes.filter((o) => o.status === "failed").map((o) => o.reason)).toEqual([
      expect.stringMatching(/^post 1169 has no title/),
    ]);

    const site = path.join(mkdtempSync(path.join(tmpdir(), "imported-site-")), "_site");
    const run = runBuild(root, site);
    expect(run.status, run.stderr).toBe(0);
    expect(findBrokenLinks(site)).toEqual([]);
    const articles = readdirSync(path.join(site, "articles"), { recursive: true }).filter((f) =>
      String(f).endsWith("index.html"),
    );
    expect(articles).toHaveLength(94 + 52 + 60);
    for (const file of articles) {
      const html = readFileSync(path.join(site, "articles", String(file)), "utf8");
      const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
      expect(main, String(file)).not.toMatch(/<(script|iframe|object|embed)\b/i);
    }

    const second = runImport({ root, inputs, ...OPTIONS });
    expect(second.counts).toMatchObject({ imported: 0, updated: 0, unchanged: 94 + 52 + 60 });
  });
});
