import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writePageInstances } from "../../src/render/bulk-pages.ts";
import type { PageInstance } from "../../src/render/page-instances.ts";

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
      {
        outputDir: out,
        onPage: (output) => {
          seen.push(output);
          return undefined;
        },
      },
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

  it("waits for the promise a page's listener returns before writing the next page", async () => {
    const out = mkdtempSync(path.join(tmpdir(), "archive-bulk-"));
    const order: string[] = [];
    await writePageInstances(
      [instance("article.11ty.tsx", "a.html", "a"), instance("article.11ty.tsx", "b.html", "b")],
      {
        outputDir: out,
        onPage: (output) => {
          order.push(`written ${output}`);
          return new Promise((resolve) =>
            setTimeout(() => {
              order.push(`indexed ${output}`);
              resolve();
            }, 20),
          );
        },
      },
    );
    expect(order).toEqual(["written a.html", "indexed a.html", "written b.html", "indexed b.html"]);
  });

  it("says when the last page of each template is written", async () => {
    const out = mkdtempSync(path.join(tmpdir(), "archive-bulk-"));
    const events: string[] = [];
    await writePageInstances(
      [
        instance("article.11ty.tsx", "a.html", "a"),
        instance("article.11ty.tsx", "b.html", "b"),
        instance("term.11ty.tsx", "t.html", "t"),
      ],
      {
        outputDir: out,
        onPage: (output) => {
          events.push(output);
          return undefined;
        },
        onTemplateWritten: (template) => events.push(`done ${template}`),
      },
    );
    expect(events).toEqual([
      "a.html",
      "b.html",
      "done article.11ty.tsx",
      "t.html",
      "done term.11ty.tsx",
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
