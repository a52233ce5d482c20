import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FileWriter } from "../../src/render/file-writer.ts";
import { writePageInstances } from "../../src/render/bulk-pages.ts";
import type { PageInstance } from "../../src/render/page-instances.ts";

const page = (n: number) => ({
  file: `articles/1987/${String(1 + (n % 12)).padStart(2, "0")}/story-${n}/index.html`,
  html: `<h1>Story ${n} · café</h1>`,
});

describe("the file writer", () => {
  for (const thread of [true, false]) {
    it(`writes every file, folders included, ${thread ? "on its own thread" : "inline"}`, async () => {
      const out = mkdtempSync(path.join(tmpdir(), "archive-writer-"));
      const writer = new FileWriter(out, { thread });
      // More pages than the writer may fall behind by, so the caller is asked to wait.
      let waits = 0;
      for (let n = 0; n < 1500; n++) {
        const { file, html } = page(n);
        const behind = writer.write(file, html);
        if (behind) {
          waits++;
          await behind;
        }
      }
      await writer.close();
      for (const n of [0, 511, 512, 1499]) {
        const { file, html } = page(n);
        expect(readFileSync(path.join(out, file), "utf8")).toBe(html);
      }
      expect(readdirSync(path.join(out, "articles/1987/03"))).toHaveLength(125);
      // The thread reports progress only when the caller yields, so it waits at least once.
      if (thread) expect(waits).toBeGreaterThan(0);
      else expect(waits).toBe(0);
    });
  }

  for (const writerThread of [true, false]) {
    it(`names the file it could not write, and the build stops with it (${writerThread ? "thread" : "inline"})`, async () => {
      const out = mkdtempSync(path.join(tmpdir(), "archive-writer-"));
      // A file where a folder should be.
      writeFileSync(path.join(out, "topics"), "not a folder");
      const instances: PageInstance[] = ["articles/a/index.html", "topics/coffee/index.html"].map(
        (output) => ({
          template: "term.11ty.tsx",
          output,
          item: undefined,
          render: async () => "<p>page</p>",
        }),
      );
      await expect(writePageInstances(instances, { outputDir: out, writerThread })).rejects.toThrow(
        /Could not write topics\/coffee\/index\.html: .*(ENOTDIR|EEXIST)/,
      );
      expect(readFileSync(path.join(out, "articles/a/index.html"), "utf8")).toBe("<p>page</p>");
    });
  }
});
