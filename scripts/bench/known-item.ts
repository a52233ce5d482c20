// npx tsx scripts/bench/known-item.ts --root <archive> --site <built _site> [--stories 300] [--seed 21578]
// Known-item search: can a reader who remembers a story's headline find it again? For stories
// drawn with a fixed seed, the query is the three rarest words of the story's title (rarest
// across every title in the archive), in lower case; the search page's own Pagefind, in a real
// browser, answers it by best match and by newest first. Prints a Markdown table.
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { Browser, Page } from "playwright-core";
import { loadArchive } from "../../src/collections/load-archive.ts";
import { newestFirstWeights } from "../../src/browser/bundled-search.ts";
import type { SearchBundleInfo } from "../../src/search/bundle-info.ts";
import { startStaticServer } from "../../src/serve/static-server.ts";
import { launchBrowser } from "../../tests/helpers/browser.ts";

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

/** How the sought stories ranked, over every query. */
export interface RankFigures {
  /** Share of queries whose first result is the story (0–1). */
  first: number;
  /** Share of queries with the story among the first ten results (0–1). */
  top10: number;
  /** Mean reciprocal rank, counting a story beyond the first `RANK_DEPTH` results as 0. */
  mrr: number;
  /**
   * The queries that did not put their story first: its rank (undefined: not found) and the URL
   * of the story that came first instead.
   */
  misses: Array<{ item: KnownItem; rank: number | undefined; first: string | undefined }>;
}

export interface KnownItemResult {
  stories: number;
  /** Sampled stories whose title another story of the archive shares. */
  sharedTitles: number;
  /**
   * The share of first results a ranking that knew every title could expect: each story counts
   * 1 / its `twins`, since only one of the stories a query fits equally can come first.
   */
  ceiling: number;
  /** Sampled stories whose query fits another story's title as well (`twins` above 1). */
  ambiguous: number;
  bestMatch: RankFigures;
  newestFirst: RankFigures;
}

/** Results looked through for the sought story; a story further down counts as not found. */
export const RANK_DEPTH = 100;

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

/** The search page's Pagefind, as `rankOf` finds it on the page. */
type PagefindIndex = {
  search(
    query: string,
    options: unknown,
  ): Promise<{ results: Array<{ score: number; data(): Promise<{ url: string }> }> }>;
};

interface PageWithPagefind {
  knownItemBest: PagefindIndex;
  knownItemNewest: PagefindIndex;
}

/**
 * Opens every search bundle as the search page does (src/browser/bundled-search.ts): one Pagefind
 * instance for best match, one weighted for newest first, each with the page's options and any
 * `ranking` given, alike for every bundle. A string, so that no bundler rewrites the import.
 */
async function exposePagefind(page: Page, ranking?: Record<string, unknown>): Promise<void> {
  const bundles = JSON.parse(
    (await page.locator("#search").getAttribute("data-bundles")) ?? "[]",
  ) as SearchBundleInfo[];
  if (!bundles.length) bundles.push({ dir: "", from: "", to: "", pages: 0 });
  const dirs = bundles.map((bundle) => bundle.dir);
  await page.evaluate(`(async () => {
    const root = document.getElementById("search");
    const bundle = new URL(root.dataset.bundlePath, window.location.href).href;
    const pf = await import(bundle + "pagefind.js");
    const dirs = ${JSON.stringify(dirs)};
    const extra = ${JSON.stringify(ranking ? { ranking } : {})};
    const base = { baseUrl: root.dataset.baseUrl || "/", excerptLength: 30, highlightParam: "highlight", ...extra };
    const open = async (weights) => {
      const index = pf.createInstance({ basePath: bundle });
      await index.options({ ...base, indexWeight: weights[0] });
      await index.init();
      for (let i = 1; i < dirs.length; i++) {
        await index.mergeIndex(bundle + dirs[i], { ...base, indexWeight: weights[i] });
      }
      return index;
    };
    window.knownItemBest = await open(dirs.map(() => 1));
    window.knownItemNewest = await open(${JSON.stringify(newestFirstWeights(bundles))});
  })()`);
}

/** A query's answer: the story's rank (1-based; undefined below `RANK_DEPTH`), the first URL. */
interface Answer {
  rank: number | undefined;
  first: string | undefined;
}

async function rankOf(
  page: Page,
  query: string,
  url: string,
  sort: Record<string, string> | undefined,
): Promise<Answer> {
  return page.evaluate(
    async ({ query, url, sort, depth }) => {
      const pages = window as unknown as PageWithPagefind;
      const pagefind = sort ? pages.knownItemNewest : pages.knownItemBest;
      const found = await pagefind.search(query, { filters: {}, sort });
      // As the search page does: each bundle's sentinel scores 0 in a search for words.
      const results = found.results.filter((result) => result.score > 0);
      let first: string | undefined;
      for (let start = 0; start < Math.min(results.length, depth); start += 10) {
        const batch = await Promise.all(results.slice(start, start + 10).map((r) => r.data()));
        // The page asks Pagefind to add the searched words to each URL, for highlighting.
        const urls = batch.map((data) => data.url.replace(/[?#].*$/, ""));
        first ??= urls[0];
        const found = urls.indexOf(url);
        if (found >= 0) return { rank: start + found + 1, first };
      }
      return { rank: undefined, first };
    },
    { query, url, sort, depth: RANK_DEPTH },
  );
}

function figures(items: KnownItem[], answers: Answer[]): RankFigures {
  const n = items.length || 1;
  const ranks = answers.map((answer) => answer.rank);
  return {
    first: ranks.filter((rank) => rank === 1).length / n,
    top10: ranks.filter((rank) => rank !== undefined && rank <= 10).length / n,
    mrr: ranks.reduce<number>((sum, rank) => sum + (rank ? 1 / rank : 0), 0) / n,
    misses: items.map((item, i) => ({ item, ...answers[i]! })).filter(({ rank }) => rank !== 1),
  };
}

/**
 * Serves `siteDir`, opens its search page, lets it run one search (which loads Pagefind with the
 * page's options) and then asks that Pagefind each known-item query, by best match and newest
 * first (the page's sort: `{ date: "desc" }`).
 */
export async function measureKnownItem(
  browser: Browser,
  options: {
    root: string;
    siteDir: string;
    stories?: number;
    seed?: number;
    /** Pagefind ranking parameters to try over the page's own, e.g. `{ termSaturation: 1 }`. */
    ranking?: Record<string, unknown>;
  },
): Promise<KnownItemResult> {
  const archive = loadArchive(options.root, {});
  const items = knownItems(archive.articles, options.stories ?? 300, options.seed ?? 21578);
  const server = await startStaticServer({ dir: options.siteDir });
  const context = await browser.newContext({ serviceWorkers: "block" });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}search/?q=${encodeURIComponent(items[0]?.query ?? "a")}`);
    await page.locator("#search-status", { hasText: /result/ }).waitFor({ timeout: 120_000 });
    await exposePagefind(page, options.ranking);
    const best: Answer[] = [];
    const newest: Answer[] = [];
    for (const item of items) {
      best.push(await rankOf(page, item.query, item.url, undefined));
      newest.push(await rankOf(page, item.query, item.url, { date: "desc" }));
    }
    return {
      stories: items.length,
      sharedTitles: items.filter((item) => item.sharedTitle).length,
      ceiling: items.reduce((sum, item) => sum + 1 / item.twins, 0) / (items.length || 1),
      ambiguous: items.filter((item) => item.twins > 1).length,
      bestMatch: figures(items, best),
      newestFirst: figures(items, newest),
    };
  } finally {
    await context.close();
    await server.close();
  }
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

/** The figures as a Markdown table, one row per order. */
export function knownItemTable(result: KnownItemResult): string {
  const row = (order: string, f: RankFigures) =>
    `| ${order} | ${result.stories} | ${percent(f.first)} | ${percent(f.top10)} | ${f.mrr.toFixed(3)} |`;
  return [
    `| Order | Stories | First result | In the first 10 | MRR |`,
    `| --- | --- | --- | --- | --- |`,
    row("Best match", result.bestMatch),
    row("Newest first", result.newestFirst),
    "",
    `${result.sharedTitles} of the ${result.stories} stories share their title with another story;`,
    `${result.ambiguous} have a query that fits another story's title as well as their own.`,
    `A ranking that read every title could expect at most ${percent(result.ceiling)} first results.`,
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      root: { type: "string" },
      site: { type: "string" },
      stories: { type: "string", default: "300" },
      seed: { type: "string", default: "21578" },
      misses: { type: "boolean", default: false },
      ranking: { type: "string" },
    },
  });
  if (!values.root || !values.site) {
    throw new Error("Usage: known-item.ts --root <archive folder> --site <built _site folder>");
  }
  const browser = await launchBrowser();
  try {
    const result = await measureKnownItem(browser, {
      root: values.root,
      siteDir: values.site,
      stories: Number(values.stories),
      seed: Number(values.seed),
      ranking: values.ranking ? (JSON.parse(values.ranking) as Record<string, unknown>) : undefined,
    });
    console.log(knownItemTable(result));
    if (values.misses) {
      console.log(
        "\nNot first by best match (rank, stories the query fits, query, title, first):\n",
      );
      for (const { item, rank, first } of result.bestMatch.misses) {
        console.log([rank ?? "-", item.twins, item.query, item.title, first].join("\t"));
      }
    }
  } finally {
    await browser.close();
  }
}
