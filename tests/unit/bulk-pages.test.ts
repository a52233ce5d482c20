import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writePageInstances } from "../../src/build/bulk-pages.ts";
import type { PageInstance } from "../../src/build/page-instances.ts";

const instance = (template: string, output: string, html: string): PageInstance => ({
  template,
  output,
  item: undefined,
  render: async () => html,
});

describe("writing pages outside Eleventy", () => {
  it("writes each page under the output folder and reports it", async () => {
    const out = mkdtempSync(path.join(tmpdir(), "archive-bulk-"));
    const seen: string[] = [];
    const count = await writePageInstances(
      [
        instance("article.11ty.tsx", "articles/1987/03/a/index.html", "<p>a</p>"),
        instance("article.11ty.tsx", "articles/1987/03/b/index.html", "<p>b</p>"),
        instance("feed-term.11ty.tsx", "topics/coffee/feed.xml", "<feed/>"),
      ],
      { outputDir: out, onPage: (output) => seen.push(output) },
    );
    expect(count).toBe(3);
    expect(readFileSync(path.join(out, "articles/1987/03/b/index.html"), "utf8")).toBe("<p>b</p>");
    expect(readFileSync(path.join(out, "topics/coffee/feed.xml"), "utf8")).toBe("<feed/>");
    expect(seen).toEqual([
      "articles/1987/03/a/index.html",
      "articles/1987/03/b/index.html",
      "topics/coffee/feed.xml",
    ]);
  });

  it("refuses two pages with one output path, naming both templates", async () => {
    const out = mkdtempSync(path.join(tmpdir(), "archive-bulk-"));
    await expect(
      writePageInstances(
        [
          instance("term.11ty.tsx", "topics/coffee/index.html", "first"),
          instance("pair.11ty.tsx", "topics/coffee/index.html", "second"),
        ],
        { outputDir: out },
      ),
    ).rejects.toThrow(
      "pair.11ty.tsx and term.11ty.tsx both write topics/coffee/index.html: give one of them another permalink.",
    );
    expect(readFileSync(path.join(out, "topics/coffee/index.html"), "utf8")).toBe("first");
  });
});
