import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { lineMutations } from "../helpers/line-mutations.ts";
import { beforeAll, describe, expect, it } from "vitest";
import type { Site } from "../../src/config/site.ts";
import { loadSite } from "../../src/config/site.ts";
import { ContentError } from "../../src/errors/content-errors.ts";
import { parseFrontMatter } from "../../src/content/front-matter.ts";
import { readArticle } from "../../src/content/load-articles.ts";
import { loadRegistry, TermResolver, type Registry } from "../../src/registry/registry.ts";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";

/**
 * Property-based tests: random and mutated article files either parse or fail with a ContentError
 * (a message naming the file and what to fix), never with any other exception and never hang.
 */

const SAMPLE = readFileSync(
  path.resolve("content/articles/2024/11/blinken-in-brussels-pledges-to-shore-up-ukraine.md"),
  "utf8",
).slice(0, 3000);
const SMALL = article(
  {
    dek: '"A short dek"',
    topics: "[Iran, NATO]",
    people: "\n  - Joe Biden\n  - Mark Rutte",
    places: "[Brussels]",
    images: '\n  - caption: "Hands"\n    credit: EPA',
  },
  "First paragraph.\n\nSecond *paragraph* with a [link](https://example.org).",
);
const SEEDS = [SAMPLE, SMALL];

/** Odd fragments: YAML indicators, `---` lines, control characters, lone surrogates, long runs. */
const fragment = fc.oneof(
  fc.constantFrom(
    "---",
    "--- ",
    "---\r",
    "...",
    ":",
    ": ",
    "- ",
    "? ",
    "|",
    ">-",
    "&a",
    "*a",
    "!!str",
    "!!binary",
    "!<tag:yaml.org,2002:str>",
    "%YAML 1.2",
    "#",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    ",",
    "\t",
    "\r",
    "\r\n",
    "\n",
    "\0",
    "\u0007",
    "\u001b",
    "\u007f",
    "\u0085",
    "\u2028",
    "\u2029",
    "\uFEFF",
    "\uD800",
    "\uDFFF",
    "\uDBFF\uDC00",
    "<script>alert(1)</script>",
    "<<: *a",
    "date: 2024-02-30",
    "date: 99999-01-01",
    "date: [2024]",
    "title: null",
    "title: ~",
    "title: 12",
    "images: {src: ../x}",
    "images:\n  - src: /etc/passwd\n    alt: x",
    "images:\n  - src: photos/missing.jpg\n    alt: x",
    "topics: [a, A, á]",
    "people: {a: 1}",
    "__proto__: 1",
    "constructor: {}",
  ),
  fc.string({ maxLength: 40, unit: "grapheme" }),
  fc.string({ maxLength: 40, unit: "binary" }),
  fc.string({ maxLength: 20 }).map((s) => s.repeat(50)),
  fc.constantFrom("a", "[", "{", "x: ", " ").map((s) => s.repeat(2000)),
);

const mutation = fc.oneof(...lineMutations(fragment));

const mutated = fc
  .tuple(
    fc.constantFrom(...SEEDS),
    fc.array(mutation, { minLength: 1, maxLength: 6 }),
    fc.boolean(),
  )
  .map(([seed, changes, crlf]) => {
    const lines = changes.reduce((acc, change) => change(acc), seed.split("\n"));
    return lines.join(crlf ? "\r\n" : "\n");
  });

const randomText = fc.oneof(
  fc.string({ maxLength: 2000, unit: "binary" }),
  fc.string({ maxLength: 2000, unit: "grapheme" }),
  fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join("")),
  fc.array(fragment, { maxLength: 40 }).map((parts) => `---\n${parts.join("\n")}\n---\nBody.\n`),
);

const anyInput = fc.oneof({ arbitrary: mutated, weight: 3 }, { arbitrary: randomText, weight: 2 });

const RUN = { seed: 42, numRuns: 300, interruptAfterTimeLimit: 6_000 } as const;

/** Runs `fn`, passing when it returns or throws a ContentError; any other exception fails. */
function expectResultOrContentError(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    if (error instanceof ContentError) {
      expect(error.message.length).toBeGreaterThan(0);
      return;
    }
    throw error;
  }
}

describe("fuzzing the front matter reader", () => {
  it("the seed articles themselves parse", () => {
    for (const seed of SEEDS) expect(parseFrontMatter(seed, "a.md").data).toBeTypeOf("object");
  });

  it(
    "parseFrontMatter returns or throws a ContentError for mutated and random files",
    { timeout: 15_000 },
    () => {
      fc.assert(
        fc.property(anyInput, (source) => {
          expectResultOrContentError(() => {
            const front = parseFrontMatter(source, "content/articles/2024/11/a.md");
            expect(typeof front.body).toBe("string");
            // lineOf is used for error messages: it must not throw either, whatever the path.
            for (const field of [["title"], ["date"], ["images", 0, "alt"], ["no", "such", 3]]) {
              const line = front.lineOf(field);
              if (line !== undefined) expect(Number.isInteger(line)).toBe(true);
            }
          });
        }),
        RUN,
      );
    },
  );
});

describe("fuzzing the article reader", () => {
  let root: string;
  let site: Site;
  let registry: Registry;
  let file: string;

  beforeAll(() => {
    root = makeFixtureSite({
      articles: { "2024/11/a.md": SMALL },
      people: [{ id: "joe-biden", name: "Joe Biden" }],
      files: { "assets/photos/a.jpg": "not really a photo" },
    });
    site = loadSite(root, {});
    registry = loadRegistry(root);
    file = path.join(root, "content", "articles", "2024", "11", "a.md");
  });

  it("the seed articles themselves are read", () => {
    for (const seed of SEEDS) {
      writeFileSync(file, seed);
      expect(readArticle(root, file, site, new TermResolver(registry)).title).toBeTruthy();
    }
  });

  it(
    "readArticle returns an article or throws a ContentError for mutated and random files",
    { timeout: 15_000 },
    () => {
      fc.assert(
        fc.property(anyInput, (source) => {
          writeFileSync(file, source);
          expectResultOrContentError(() => {
            const read = readArticle(root, file, site, new TermResolver(registry));
            expect(typeof read.html).toBe("string");
            expect(read.url).toMatch(/^\/articles\/\d{4}\/\d{2}\/[^/]+\/$/);
          });
        }),
        { ...RUN, numRuns: 200 },
      );
    },
  );
});
