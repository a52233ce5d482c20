// npx tsx scripts/bench/lighthouse.ts --dir <built site> [--query "coffee brazil"] [--out lighthouse.md]:
// Lighthouse's four scores and the cumulative layout shift of each page type of a built site,
// served as `npm run serve` serves it (its `_headers` applied, text compressed). Lighthouse runs
// with its defaults: a phone's screen, a slow 4G network and a slowed CPU, all simulated.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { readHeadersFile } from "../../src/serve/headers.ts";
import { startStaticServer } from "../../src/serve/static-server.ts";

/**
 * Pinned: Lighthouse 12.2.3 is the newest release that runs on Node 20, and the one the targets
 * were set with. It is not a dependency of the project; npx fetches it on first use.
 */
export const LIGHTHOUSE_VERSION = "12.2.3";

/** The default search: one with results and facets on the Reuters archive. */
export const LIGHTHOUSE_QUERY = "coffee brazil";

export interface PageType {
  /** What kind of page this is, e.g. "topic" or "search with results". */
  name: string;
  /** Site-relative URL, without the leading slash. */
  path: string;
}

export interface LighthouseRow extends PageType {
  /** Scores out of 100; null when Lighthouse could not score the category. */
  performance: number | null;
  accessibility: number | null;
  bestPractices: number | null;
  seo: number | null;
  /** Cumulative layout shift, as Lighthouse measured it. */
  cls: number | null;
  /** Largest contentful paint and total blocking time, simulated, in milliseconds. */
  lcpMs: number | null;
  tbtMs: number | null;
  /** Lighthouse's reason when it could not load or measure the page. */
  error?: string;
}

const sorted = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];

/** The term of a kind with the most pages of articles: the heaviest of its page type. */
function largestTerm(site: string, kind: string): string | undefined {
  let best: { id: string; pages: number } | undefined;
  for (const id of sorted(path.join(site, kind))) {
    const pages = sorted(path.join(site, kind, id, "page")).length;
    if (!best || pages > best.pages) best = { id, pages };
  }
  return best?.id;
}

/** The first folder of `dir` that holds an index.html two levels down (a year, then a month). */
function firstMonth(dir: string): string | undefined {
  for (const year of sorted(dir).filter((name) => /^\d{4}$/.test(name))) {
    const month = sorted(path.join(dir, year)).find((name) =>
      existsSync(path.join(dir, year, name, "index.html")),
    );
    if (month) return `${year}/${month}`;
  }
  return undefined;
}

/**
 * One page of each type the site has, found in the built folder: the heaviest term of each kind,
 * the newest article, the first month, a page of a pair of terms, and the search page both empty
 * and with a search that has results and facets.
 */
export function pageTypes(site: string, query = LIGHTHOUSE_QUERY): PageType[] {
  const pages: PageType[] = [{ name: "home", path: "" }];
  if (existsSync(path.join(site, "page", "2", "index.html")))
    pages.push({ name: "latest, page 2", path: "page/2/" });
  const years = sorted(path.join(site, "articles"));
  const lastYear = years[years.length - 1];
  if (lastYear) {
    const months = sorted(path.join(site, "articles", lastYear));
    const lastMonth = months[months.length - 1]!;
    const stories = sorted(path.join(site, "articles", lastYear, lastMonth));
    const story = stories[stories.length - 1];
    if (story) pages.push({ name: "article", path: `articles/${lastYear}/${lastMonth}/${story}/` });
  }
  pages.push({ name: "archive", path: "archive/" });
  const month = firstMonth(path.join(site, "archive"));
  if (month) pages.push({ name: "month", path: `archive/${month}/` });
  for (const [kind, one] of [
    ["topics", "topic"],
    ["people", "person"],
    ["places", "place"],
  ] as const) {
    pages.push({ name: `${kind} index`, path: `${kind}/` });
    const term = largestTerm(site, kind);
    if (!term) continue;
    pages.push({ name: one, path: `${kind}/${term}/` });
    const termMonth = firstMonth(path.join(site, kind, term));
    if (termMonth) pages.push({ name: `${one}, month`, path: `${kind}/${term}/${termMonth}/` });
    if (kind === "topics") {
      const withDir = path.join(site, kind, term, "with");
      const otherKind = sorted(withDir)[0];
      const other = otherKind && sorted(path.join(withDir, otherKind))[0];
      if (other) pages.push({ name: "pair", path: `${kind}/${term}/with/${otherKind}/${other}/` });
    }
  }
  pages.push({ name: "search", path: "search/" });
  pages.push({
    name: "search with results",
    path: `search/?q=${encodeURIComponent(query).replace(/%20/g, "+")}`,
  });
  if (existsSync(path.join(site, "404.html"))) pages.push({ name: "not found", path: "404.html" });
  return pages;
}

/** The parts of Lighthouse's report (LHR) read here. */
export interface LighthouseReport {
  categories?: Record<string, { score: number | null } | undefined>;
  audits?: Record<
    string,
    { numericValue?: number; score: number | null; details?: unknown } | undefined
  >;
  runtimeError?: { code: string; message: string };
}

/** Runs Lighthouse once on `url` and returns its report (LHR) as parsed JSON. */
export function runLighthouse(url: string): Promise<LighthouseReport> {
  const chrome = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const args = [
    "-y",
    `lighthouse@${LIGHTHOUSE_VERSION}`,
    url,
    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    "--output=json",
    "--output-path=stdout",
    "--quiet",
  ];
  return new Promise((resolve, reject) => {
    const child = spawn("npx", args, {
      env: { ...process.env, CHROME_PATH: chrome },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => {
      try {
        resolve(JSON.parse(stdout));
      } catch {
        reject(new Error(`Lighthouse failed on ${url} (exit ${status}):\n${stderr.slice(-2000)}`));
      }
    });
  });
}

const score = (lhr: LighthouseReport, category: string) => {
  const value = lhr.categories?.[category]?.score;
  return typeof value === "number" ? Math.round(value * 100) : null;
};
const numeric = (lhr: LighthouseReport, audit: string) => {
  const value = lhr.audits?.[audit]?.numericValue;
  return typeof value === "number" ? value : null;
};

/**
 * Serves the built site at `site` (with its `_headers`, under `pathPrefix`) and runs Lighthouse
 * on each of `pages`, one after another: runs side by side would slow each other's simulated
 * timings.
 */
export async function measureLighthouse(
  site: string,
  options: { pages?: PageType[]; pathPrefix?: string; log?: (message: string) => void } = {},
): Promise<LighthouseRow[]> {
  const headersFile = path.join(site, "_headers");
  const server = await startStaticServer({
    dir: site,
    pathPrefix: options.pathPrefix,
    headers: existsSync(headersFile) ? readHeadersFile(headersFile) : [],
  });
  const rows: LighthouseRow[] = [];
  try {
    for (const page of options.pages ?? pageTypes(site)) {
      const lhr = await runLighthouse(new URL(page.path, server.url).href);
      const row: LighthouseRow = {
        ...page,
        performance: score(lhr, "performance"),
        accessibility: score(lhr, "accessibility"),
        bestPractices: score(lhr, "best-practices"),
        seo: score(lhr, "seo"),
        cls: numeric(lhr, "cumulative-layout-shift"),
        lcpMs: numeric(lhr, "largest-contentful-paint"),
        tbtMs: numeric(lhr, "total-blocking-time"),
        ...(lhr.runtimeError ? { error: String(lhr.runtimeError.message) } : {}),
      };
      rows.push(row);
      options.log?.(
        `lighthouse ${page.name}: ${row.performance}/${row.accessibility}/${row.bestPractices}/${row.seo}, CLS ${row.cls?.toFixed(3)}`,
      );
    }
  } finally {
    await server.close();
  }
  return rows;
}

/** The rows as a Markdown table, with the target (100 in every category) checked per page. */
export function lighthouseTable(rows: LighthouseRow[]): string {
  const show = (value: number | null) => (value === null ? "–" : String(value));
  const perfect = (row: LighthouseRow) =>
    [row.performance, row.accessibility, row.bestPractices, row.seo].every((v) => v === 100);
  return [
    `Lighthouse ${LIGHTHOUSE_VERSION}, defaults (phone, simulated slow 4G and CPU); target 100 in every category.`,
    "",
    "| page | URL | performance | accessibility | best practices | SEO | CLS | LCP (ms) | TBT (ms) | result |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ...rows.map(
      (row) =>
        `| ${row.name} | \`/${row.path}\` | ${show(row.performance)} | ${show(row.accessibility)} | ${show(row.bestPractices)} | ${show(row.seo)} | ${row.cls === null ? "–" : row.cls.toFixed(3)} | ${row.lcpMs === null ? "–" : Math.round(row.lcpMs)} | ${row.tbtMs === null ? "–" : Math.round(row.tbtMs)} | ${row.error ? `error: ${row.error}` : perfect(row) ? "met" : "**missed**"} |`,
    ),
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      dir: { type: "string", default: "_site" },
      query: { type: "string", default: LIGHTHOUSE_QUERY },
      "path-prefix": { type: "string" },
      only: { type: "string" },
      out: { type: "string" },
    },
  });
  const site = path.resolve(values.dir!);
  // --only "search,search with results": just those page types.
  const only = values.only?.split(",").map((name) => name.trim());
  const pages = pageTypes(site, values.query).filter((page) => !only || only.includes(page.name));
  const rows = await measureLighthouse(site, {
    pages,
    pathPrefix: values["path-prefix"],
    log: (message) => console.error(`[lighthouse] ${message}`),
  });
  const table = lighthouseTable(rows);
  console.log(table);
  if (values.out) writeFileSync(values.out, `${table}\n`);
}
