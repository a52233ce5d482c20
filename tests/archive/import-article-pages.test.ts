import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { benchArticlePages, articlePagesDir } from "../../scripts/bench/article-pages.ts";

/**
 * The article-extraction benchmark's saved pages (ARTICLE_PAGES_DIR, default
 * ../shared/corpora/article-pages), imported the way a user imports them and scored by the
 * benchmark's own scorer against the bodies a person marked.
 */
describe("importing the article-extraction benchmark's pages", () => {
  it("keeps the article's text and little else: F1 of at least 0.96", async () => {
    const dir = articlePagesDir();
    if (!existsSync(path.join(dir, "ground-truth.json"))) {
      throw new Error(
        `The article-pages corpus is not in ${dir}: set ARTICLE_PAGES_DIR to the folder that holds html/, ground-truth.json and evaluate.py.`,
      );
    }
    const result = await benchArticlePages(dir);
    expect(result.pages).toBe(94);
    expect(result.f1).toBeGreaterThanOrEqual(0.96);
    expect(result.precision).toBeGreaterThanOrEqual(0.94);
    expect(result.recall).toBeGreaterThanOrEqual(0.97);
  });
});
