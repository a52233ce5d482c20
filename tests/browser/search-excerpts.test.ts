import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { PROJECT_DIR } from "../helpers/run-build.ts";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { serveBuiltSite, type ServedSite } from "../helpers/served-site.ts";

const IRAN_TITLE =
  "Iranian President: We Must Manage Relationship and Confrontation with the US Ourselves";
const BLINKEN_TITLE =
  "Blinken, in Brussels, Pledges to Shore up Ukraine Support Ahead of Trump Transition";

interface Shown {
  title: string;
  url: string;
  /** The excerpt as the reader sees it, and the words the page marks in it. */
  excerpt: string;
  marked: string[];
}

/** Words only, so that an excerpt can be looked for in a page's text whatever its punctuation. */
const words = (text: string) =>
  text
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .split(/\s+/)
    .filter(Boolean)
    .join(" ");

/** The results the search page shows for `query`, with their excerpts. */
async function results(served: ServedSite, page: Page, query: string): Promise<Shown[]> {
  await page.goto(new URL(`search/?q=${encodeURIComponent(query)}`, served.url).href);
  await page.locator("#search-status", { hasText: /result/ }).waitFor();
  return page.locator("#search-results li").evaluateAll((items) =>
    items.map((item) => ({
      title: item.querySelector("h2")?.textContent ?? "",
      url: item.querySelector("h2 a")?.getAttribute("href") ?? "",
      excerpt: item.querySelector(".excerpt")?.textContent ?? "",
      marked: [...item.querySelectorAll(".excerpt mark")].map((mark) => mark.textContent ?? ""),
    })),
  );
}

/**
 * The story's own text on its page, in words: its body, then its dek and captions, in the order
 * the search index holds them (an excerpt may run from the body's end into a caption).
 */
async function ownText(served: ServedSite, page: Page, url: string): Promise<string> {
  await page.goto(new URL(url.replace(/^\//, ""), served.url).href);
  const text = (selector: string) =>
    page
      .locator(selector)
      .evaluateAll((parts) => parts.map((part) => part.textContent ?? "").join(" "));
  return words(
    `${await text(".article .body")} ${await text(".article .dek, .article figcaption")}`,
  );
}

/** Checks that an excerpt is a run of the story's own words and marks what was searched. */
async function expectFromStory(served: ServedSite, page: Page, shown: Shown, marked: RegExp) {
  const excerpt = words(shown.excerpt);
  expect(excerpt.split(" ").length).toBeGreaterThan(10);
  expect(await ownText(served, page, shown.url)).toContain(excerpt);
  expect(shown.marked.length).toBeGreaterThan(0);
  for (const mark of shown.marked) expect(mark).toMatch(marked);
}

describe("search excerpts on the sample archive", () => {
  let context: BrowserContext;
  let page: Page;
  const served = serveBuiltSite(() => ({ root: PROJECT_DIR }));

  beforeAll(async () => {
    context = await served.browser.newContext({ serviceWorkers: "block" });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it("quote the story where it names the searched person, not its hidden list of other names", async () => {
    const found = await results(served, page, "trump");
    expect(found.map((r) => r.title).sort()).toEqual([BLINKEN_TITLE, IRAN_TITLE].sort());
    const iran = found.find((r) => r.title === IRAN_TITLE)!;
    // The Iranian story's list of tagged people reads "Donald Trump (Trump, President-elect Trump)".
    expect(iran.excerpt).not.toMatch(/President-elect|People|Velayati|\(/);
    for (const shown of found) await expectFromStory(served, page, shown, /^trump/i);
  });

  it("quote the body, not the title, date, dateline or source shown above the excerpt", async () => {
    for (const query of ["brussels", "iranian president", "asharq"]) {
      const found = await results(served, page, query);
      for (const shown of found) {
        expect(shown.excerpt).not.toContain(shown.title);
        expect(shown.excerpt).not.toMatch(/November 2024|Source:|Asharq/);
      }
    }
    const [brussels] = await results(served, page, "brussels");
    expect(brussels!.title).toBe(BLINKEN_TITLE);
    await expectFromStory(served, page, brussels!, /^brussels/i);
  });

  it("find a story by a word of its title alone, and quote its first paragraph", async () => {
    const found = await results(served, page, "pledges");
    expect(found.map((r) => r.title)).toEqual([BLINKEN_TITLE]);
    expect(found[0]!.excerpt).toMatch(/^US Secretary of State Antony Blinken assured NATO/);
  });

  it("find a story by a tagged name's alias alone, and quote its first paragraph", async () => {
    for (const alias of ["DPRK", "Andriy"]) {
      const found = await results(served, page, alias);
      expect(found.map((r) => r.title)).toEqual([BLINKEN_TITLE]);
      expect(found[0]!.excerpt).toMatch(/^US Secretary of State Antony Blinken assured NATO/);
      expect(found[0]!.excerpt).not.toContain(alias);
    }
  });

  it("still filter by source, whose line is left out of the indexed text", async () => {
    await page.goto(new URL("search/?q=trump&source=Asharq+Al-Awsat", served.url).href);
    await page.locator("#search-status", { hasText: /2 results/ }).waitFor();
  });
});

describe("search ranking", () => {
  const filler = (n: number) =>
    Array.from({ length: n }, (_, i) => `The council discussed item ${i} of the agenda.`).join(" ");
  const served = serveBuiltSite(() => ({
    root: makeFixtureSite({
      people: [{ id: "zelda-quorn", name: "Zelda Quorn", aliases: ["Quorn", "Z. Quorn"] }],
      articles: {
        "2024/01/mentioned.md": article(
          { title: '"Council meets"', date: "2024-01-10" },
          `The council met Quorn on Monday. ${filler(4)}`,
        ),
        "2024/01/tagged.md": article(
          { title: '"Council adjourns"', date: "2024-01-11", people: "[Zelda Quorn]" },
          filler(12),
        ),
        "2024/01/titled.md": article(
          { title: '"Breakwater plans approved"', date: "2024-01-12" },
          filler(8),
        ),
        "2024/01/body.md": article(
          { title: '"Harbour works begin"', date: "2024-01-13" },
          `The breakwater will take a year. The breakwater is long. ${filler(8)}`,
        ),
      },
    }),
  }));
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await served.browser.newContext({ serviceWorkers: "block" });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it("puts a match in the title above matches in the body", async () => {
    const found = await results(served, page, "breakwater");
    expect(found.map((r) => r.title)).toEqual(["Breakwater plans approved", "Harbour works begin"]);
  });

  it("counts a tagged name and its aliases as no more than one mention in the body", async () => {
    const found = await results(served, page, "quorn");
    expect(found.map((r) => r.title)).toEqual(["Council meets", "Council adjourns"]);
    expect(found[1]!.excerpt).toMatch(/^The council discussed item 0/);
  });
});
