// npx tsx scripts/bench/known-item.ts --root <archive> --site <our built _site> [--peer <Hugo's public folder>]
//   [--stories 300] [--seed 21578] [--misses]
// Known-item search: can a reader who remembers a story's headline find it again? For stories
// drawn with a fixed seed, the query is the three rarest words of the story's title (rarest
// across every title in the archive), in lower case. Each query is typed into the search page, in
// a real browser, and the first ten results are read as a reader sees them: ours by best match and
// by newest first, and, given `--peer`, the peer's page (Hugo + the Pagefind CLI, see
// peer-search.ts) on the same queries. Prints a Markdown table.
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { Browser } from "playwright-core";
import { loadArchive } from "../../src/collections/load-archive.ts";
import { startStaticServer } from "../../src/serve/static-server.ts";
import { launchBrowser } from "../../tests/helpers/browser.ts";
import { PEER_PAGE, SIDE_NAMES, writePeerSearchPage, type Side } from "./peer-page.ts";
import { askOnPage, installMarks } from "./search-marks.ts";
import { median } from "./timed.ts";

/** A story to look for and the query that should find it. */
export interface KnownItem {
  url: string;
  title: string;
  query: string;
  /** Another story of the archive has the same title: only one of them can come first. */
  sharedTitle: boolean;
  /**
   * Stories, this one included, whose titles the query fits equally: each has every word of the
   * query in its title, and the query is its own title's three rarest words. Nothing in the query
   * tells them apart, so whatever the ranking, only one of them can come first.
   */
  twins: number;
}

/**
 * A title's words as a reader types them, in lower case: split at spaces and punctuation, except
 * the `.`, `'`, `&` and `-` inside a word (U.S., O'KEEFE, S&P, WAL-MART), once each.
 */
export function titleWords(title: string): string[] {
  const words = title
    .toLowerCase()
    .split(/[^\p{L}\p{N}.'&-]+/u)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    // A bare number is rarely what a reader remembers of a headline.
    .filter((word) => /\p{L}/u.test(word));
  return [...new Set(words)];
}

/** mulberry32: a small seeded generator, so that every run draws the same stories. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws `count` stories with `seed` (from the stories ordered by URL, so the draw does not depend
 * on load order) and makes each one's query: the three words of its title that fewest titles of
 * the archive contain, in the title's order. Ties go to the longer word, then alphabetically.
 */
export function knownItems(
  stories: Array<{ url: string; title: string }>,
  count: number,
  seed: number,
): KnownItem[] {
  const wordsOf = new Map(stories.map((story) => [story, titleWords(story.title)]));
  const titleCount = new Map<string, number>();
  /** For each word, the stories whose title has it. */
  const titlesWith = new Map<string, Set<{ url: string; title: string }>>();
  for (const story of stories) {
    titleCount.set(story.title, (titleCount.get(story.title) ?? 0) + 1);
    for (const word of wordsOf.get(story)!) {
      if (!titlesWith.has(word)) titlesWith.set(word, new Set());
      titlesWith.get(word)!.add(story);
    }
  }
  const queryWords = (story: { url: string; title: string }) => {
    const words = wordsOf.get(story)!;
    const rarest = [...words]
      .sort(
        (a, b) =>
          titlesWith.get(a)!.size - titlesWith.get(b)!.size ||
          b.length - a.length ||
          (a < b ? -1 : a > b ? 1 : 0),
      )
      .slice(0, 3);
    return words.filter((word) => rarest.includes(word));
  };
  const pool = stories
    .filter((story) => wordsOf.get(story)!.length > 0)
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const random = seededRandom(seed);
  const drawn: typeof pool = [];
  for (let i = 0; i < Math.min(count, pool.length); i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    drawn.push(pool[i]!);
  }
  return drawn.map((story) => {
    const query = queryWords(story);
    const key = [...query].sort().join(" ");
    const [first, ...rest] = query.map((word) => titlesWith.get(word)!);
    const twins = [...first!].filter(
      (other) =>
        rest.every((titles) => titles.has(other)) &&
        [...queryWords(other)].sort().join(" ") === key,
    ).length;
    return {
      url: story.url,
      title: story.title,
      query: query.join(" "),
      sharedTitle: titleCount.get(story.title)! > 1,
      twins,
    };
  });
}

/** How one search page answered the known-item queries. */
export interface KnownItemSide {
  stories: number;
  /** Share of queries whose first result is the story itself (0–1). */
  first: number;
  /** Share whose first result is the story or a story with the identical title. */
  firstOrSameTitle: number;
  /** Share with the story among the first ten results. */
  top10: number;
  /** Median time per query, submission to results shown, warm (after a first query). */
  medianMs: number;
  /** Queries whose first result was not the story: the story's rank (undefined: not in ten). */
  misses: Array<{ item: KnownItem; rank: number | undefined; first: string | undefined }>;
}

/** The URL Hugo gives an article: its file's path under content/, lower case, as a folder. */
export function peerUrl(file: string): string {
  const relative = file.replace(/\\/g, "/").replace(/^content\//, "");
  return `/${relative.replace(/\.md$/, "").toLowerCase()}/`;
}

const sameTitle = (a: string, b: string) =>
  a.replace(/\s+/g, " ").trim() === b.replace(/\s+/g, " ").trim();

/**
 * Known-item search on one search page (`pageUrl`), as a reader sees it: each query typed into
 * the open page, the first ten results read from the list once they show; the next query waits
 * until nothing on the page is busy. `expected` is the story's path on that site. A first query
 * loads the search before the timed ones.
 */
export async function knownItemOnPage(
  browser: Browser,
  pageUrl: string,
  items: Array<KnownItem & { expected: string }>,
  options: { newest?: boolean } = {},
): Promise<KnownItemSide> {
  const context = await browser.newContext({ serviceWorkers: "block" });
  try {
    const page = await context.newPage();
    await page.goto(pageUrl);
    if (options.newest) {
      const menu = page.locator("#search-sort");
      if ((await menu.inputValue()) !== "newest") await menu.selectOption("newest");
    }
    await installMarks(page);
    await askOnPage(page, items[0]?.query ?? "a");
    const times: number[] = [];
    let first = 0;
    let firstOrSameTitle = 0;
    const misses: KnownItemSide["misses"] = [];
    for (const item of items) {
      const { ms, results } = await askOnPage(page, item.query);
      times.push(ms);
      const at = results.findIndex((result) => result.url === item.expected);
      if (at === 0) first++;
      else misses.push({ item, rank: at < 0 ? undefined : at + 1, first: results[0]?.url });
      if (at === 0 || (results[0] && sameTitle(results[0].title, item.title))) firstOrSameTitle++;
    }
    const n = items.length || 1;
    return {
      stories: items.length,
      first: first / n,
      firstOrSameTitle: firstOrSameTitle / n,
      top10: (items.length - misses.filter((miss) => miss.rank === undefined).length) / n,
      medianMs: times.length ? median(times) : 0,
      misses,
    };
  } finally {
    await context.close();
  }
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const msText = (ms: number) => `${Math.round(ms).toLocaleString("en")} ms`;
const ratio = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}×` : "–");

/** Known-item search on each side as a Markdown table, with a line on what it measured. */
export function knownItemTable(
  known: Partial<Record<Side, KnownItemSide>>,
  sharedTitles?: number,
): string {
  const knownSides = (["peer", "best", "newest"] as const).filter((side) => known[side]);
  const lines = [
    `Known-item search: ${known[knownSides[0]!]?.stories ?? 0} stories drawn with a fixed seed, the query the three rarest words of each title (rarest over the archive's titles), the same queries on both sides, each typed into the search page and read from the first ten results shown.${sharedTitles !== undefined ? ` ${sharedTitles} of the drawn stories share their title with another story.` : ""} Time: submission to results shown, median over the queries, with the search loaded by a first query.`,
    "",
    "| side | first result is the story | first result is the story or has its title | in the first ten | median per query |" +
      (known.peer ? " time / peer |" : ""),
    "|---|---:|---:|---:|---:|" + (known.peer ? "---:|" : ""),
    ...knownSides.map((side) => {
      const k = known[side]!;
      return `| ${[
        SIDE_NAMES[side],
        percent(k.first),
        percent(k.firstOrSameTitle),
        percent(k.top10),
        msText(k.medianMs),
        ...(known.peer ? [ratio(k.medianMs, known.peer.medianMs)] : []),
      ].join(" | ")} |`;
    }),
  ];
  return lines.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      root: { type: "string" },
      site: { type: "string" },
      peer: { type: "string" },
      stories: { type: "string", default: "300" },
      seed: { type: "string", default: "21578" },
      misses: { type: "boolean", default: false },
    },
  });
  if (!values.root || !values.site) {
    throw new Error(
      "Usage: known-item.ts --root <archive folder> --site <built _site folder> [--peer <Hugo's public folder>]",
    );
  }
  const archive = loadArchive(values.root, {});
  const items = knownItems(archive.articles, Number(values.stories), Number(values.seed));
  const files = new Map(archive.articles.map((article) => [article.url, article.file]));
  const browser = await launchBrowser();
  const ours = await startStaticServer({ dir: values.site });
  if (values.peer) writePeerSearchPage(values.peer);
  const peer = values.peer ? await startStaticServer({ dir: values.peer }) : undefined;
  try {
    const own = items.map((item) => ({ ...item, expected: item.url }));
    const sides = {
      ...(peer
        ? {
            peer: await knownItemOnPage(
              browser,
              `${peer.url}${PEER_PAGE}`,
              items.map((item) => ({ ...item, expected: peerUrl(files.get(item.url)!) })),
            ),
          }
        : {}),
      best: await knownItemOnPage(browser, `${ours.url}search/`, own),
      newest: await knownItemOnPage(browser, `${ours.url}search/?sort=newest`, own, {
        newest: true,
      }),
    };
    console.log(knownItemTable(sides, items.filter((item) => item.sharedTitle).length));
    if (values.misses) {
      console.log(
        "\nNot first by best match (rank, stories the query fits, query, title, first):\n",
      );
      for (const { item, rank, first } of sides.best.misses) {
        console.log([rank ?? "-", item.twins, item.query, item.title, first].join("\t"));
      }
    }
  } finally {
    await ours.close();
    await peer?.close();
    await browser.close();
  }
}
