// npx tsx scripts/bench/article-pages.ts [--per-page]: how much of a saved news page's article
// an import keeps. Runs body extraction and the Markdown conversion on every page of the
// article-extraction benchmark (ARTICLE_PAGES_DIR, default ../shared/corpora/article-pages:
// html/<id>.html.gz, ground-truth.json and the benchmark's evaluate.py) and scores the text a
// reader would see against the benchmark's article bodies: F1 of 4-word shingles, averaged over
// pages. Prints a Markdown table; `--per-page` adds the ten pages with the lowest F1.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";
import { parseHTML } from "linkedom";
import MarkdownIt from "markdown-it";
import { extractBody } from "../../src/import/html/extract-body.ts";
import { htmlToMarkdown } from "../../src/import/html/to-markdown.ts";
import { runImport, type ImportSummary } from "../../src/import/run-import.ts";
import { commandExists } from "./timed.ts";

const projectDir = path.resolve(import.meta.dirname, "..", "..");

/** The corpus folder: ARTICLE_PAGES_DIR, else the shared corpora folder beside the project. */
export function articlePagesDir(): string {
  return (
    process.env.ARTICLE_PAGES_DIR ?? path.resolve(projectDir, "../shared/corpora/article-pages")
  );
}

/** One page of the corpus: its id, its address as saved, and the page itself. */
export interface ArticlePage {
  id: string;
  url?: string;
  html: string;
}

/** The step measured: a page in, the article's text as a reader sees it out. */
export type PageToText = (page: ArticlePage) => string | Promise<string>;

type GroundTruth = Record<string, { url?: string; articleBody?: string }>;

let markdownIt: MarkdownIt | undefined;

/** Markdown as a reader sees it: rendered, then the rendered page's text, one block a line. */
export function markdownToText(markdown: string): string {
  markdownIt ??= new MarkdownIt();
  const html = markdownIt.render(markdown);
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return (document.body.textContent ?? "").replace(/\n{2,}/g, "\n").trim();
}

/**
 * The import's pipeline for one page: the article body found in the page, converted to the
 * Markdown an article is written with, as text. Empty when no body is found.
 */
export function extractPageText(page: ArticlePage): string {
  const { document } = parseHTML(page.html);
  const body = extractBody(document as unknown as Document, { url: page.url });
  if (!body) return "";
  return markdownToText(htmlToMarkdown(body.html, { baseUrl: page.url }));
}

/**
 * The pages imported the way a user imports them, `npm run import -- <folder>` into a copy of
 * the sample archive (`--date` for the pages that give none, as the import asks), and each
 * written article's body as a reader sees it, by page id. Pages skipped or failed give "".
 */
export function importPages(htmlDir: string): {
  texts: Record<string, string>;
  counts: ImportSummary["counts"];
} {
  const root = mkdtempSync(path.join(tmpdir(), "bench-import-pages-"));
  for (const folder of ["_data", "content"])
    cpSync(path.join(projectDir, folder), path.join(root, folder), { recursive: true });
  const summary = runImport({ root, inputs: [htmlDir], date: "2020-01-01", today: "2026-01-01" });
  const texts: Record<string, string> = {};
  for (const outcome of summary.outcomes) {
    const id = /([0-9a-f]{16,})\.html\.gz/.exec(outcome.input)?.[1];
    if (!id || !outcome.article) continue;
    const written = readFileSync(path.join(root, outcome.article), "utf8");
    texts[id] = markdownToText(written.replace(/^---\n[\s\S]*?\n---\n/, ""));
  }
  rmSync(root, { recursive: true, force: true });
  return { texts, counts: summary.counts };
}

function readGroundTruth(dir: string): GroundTruth {
  const file = path.join(dir, "ground-truth.json");
  if (!existsSync(file)) {
    throw new Error(
      `No article-pages corpus in ${dir} (ground-truth.json is missing): set ARTICLE_PAGES_DIR to the folder holding html/, ground-truth.json and evaluate.py.`,
    );
  }
  return JSON.parse(readFileSync(file, "utf8")) as GroundTruth;
}

// The scorer, ported from the benchmark's evaluate.py: tokens are runs of word characters (as
// Python's Unicode `\w`), shingles are four consecutive tokens, and each page's true positives,
// false positives and false negatives are normalised to sum to 1 so long pages weigh no more.

const TOKEN = /[\p{L}\p{N}_]+/gu;

function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function shingles(text: string, n = 4): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  for (let i = 0; i < Math.max(1, tokens.length - n + 1); i++) {
    const shingle = tokens.slice(i, i + n);
    if (shingle.length === 0) continue;
    const key = shingle.join("\u0000");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** A page's normalised [tp, fp, fn] over shingles. */
export function shingleMatch(truth: string, prediction: string): [number, number, number] {
  const expected = shingles(truth);
  const found = shingles(prediction);
  let [tp, fp, fn] = [0, 0, 0];
  for (const key of new Set([...expected.keys(), ...found.keys()])) {
    const t = expected.get(key) ?? 0;
    const p = found.get(key) ?? 0;
    tp += Math.min(t, p);
    fp += Math.max(0, p - t);
    fn += Math.max(0, t - p);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? [tp / sum, fp / sum, fn / sum] : [tp, fp, fn];
}

function precisionOf([tp, fp, fn]: [number, number, number]): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recallOf([tp, fp, fn]: [number, number, number]): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

export interface PageScore {
  id: string;
  precision: number;
  recall: number;
  f1: number;
}

/** evaluate.py's metrics: precision and recall averaged over pages, F1 of the two averages. */
export function scorePages(
  truth: Record<string, string>,
  predictions: Record<string, string>,
): { precision: number; recall: number; f1: number; pages: PageScore[] } {
  const matches = Object.keys(truth).map((id) => ({
    id,
    match: shingleMatch(truth[id]!, predictions[id] ?? ""),
  }));
  const precision = mean(
    matches.filter(({ match: [tp, fp] }) => tp + fp > 0).map(({ match }) => precisionOf(match)),
  );
  const recall = mean(
    matches.filter(({ match: [tp, , fn] }) => tp + fn > 0).map(({ match }) => recallOf(match)),
  );
  const pages = matches.map(({ id, match }) => {
    const [p, r] = [precisionOf(match), recallOf(match)];
    return { id, precision: p, recall: r, f1: p + r > 0 ? (2 * p * r) / (p + r) : 0 };
  });
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall), pages };
}

/** Runs the benchmark's own evaluate.py on the written outputs; undefined if it cannot. */
function runEvaluatePy(
  dir: string,
  workDir: string,
): { precision: number; recall: number; f1: number } | undefined {
  const script = path.join(dir, "evaluate.py");
  if (!existsSync(script) || !commandExists("python3")) return undefined;
  const results = path.join(workDir, "results.json");
  const run = spawnSync(
    "python3",
    // Two resamples: evaluate.py cannot print its table with none.
    [script, "--n-bootstrap", "2", "--output", results],
    { cwd: workDir, encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(`evaluate.py failed: ${run.stderr.trim()}`);
  const metrics = JSON.parse(readFileSync(results, "utf8")) as Record<
    string,
    { precision: number; recall: number; f1: number }
  >;
  return metrics.import;
}

export interface ArticlePagesResult {
  pages: number;
  precision: number;
  recall: number;
  f1: number;
  ms: number;
  pagesPerSecond: number;
  scorer: "evaluate.py" | "port";
  /** Each page's scores (by the port), lowest F1 first. */
  perPage: PageScore[];
}

/**
 * Runs `pageToText` (by default the import's pipeline) on every page of the corpus in `dir`,
 * writes the outputs as the benchmark expects them, and scores them with evaluate.py, or with
 * the port above where Python is missing.
 */
export async function benchArticlePages(
  dir: string = articlePagesDir(),
  pageToText?: PageToText,
): Promise<ArticlePagesResult> {
  const truth = readGroundTruth(dir);
  const htmlDir = path.join(dir, "html");
  const files = existsSync(htmlDir)
    ? readdirSync(htmlDir).filter((f) => f.endsWith(".html.gz"))
    : [];
  for (const id of Object.keys(truth)) {
    if (!files.includes(`${id}.html.gz`)) throw new Error(`No page ${id}.html.gz in ${htmlDir}`);
  }
  let predictions: Record<string, string> = {};
  const started = performance.now();
  if (pageToText) {
    for (const id of Object.keys(truth)) {
      const html = gunzipSync(readFileSync(path.join(htmlDir, `${id}.html.gz`))).toString("utf8");
      predictions[id] = await pageToText({ id, url: truth[id]!.url, html });
    }
  } else {
    predictions = importPages(htmlDir).texts;
  }
  const ms = performance.now() - started;

  const workDir = mkdtempSync(path.join(tmpdir(), "bench-article-pages-"));
  writeFileSync(
    path.join(workDir, "ground-truth.json"),
    readFileSync(path.join(dir, "ground-truth.json")),
  );
  mkdirSync(path.join(workDir, "output"));
  const output = Object.fromEntries(
    Object.entries(predictions).map(([id, articleBody]) => [id, { articleBody }]),
  );
  writeFileSync(path.join(workDir, "output", "import.json"), JSON.stringify(output));

  const texts = Object.fromEntries(
    Object.entries(truth).map(([id, { articleBody }]) => [id, articleBody ?? ""]),
  );
  const ported = scorePages(texts, predictions);
  const official = runEvaluatePy(dir, workDir);
  const pages = Object.keys(truth).length;
  return {
    pages,
    ...(official ?? ported),
    ms,
    pagesPerSecond: pages / (ms / 1000),
    scorer: official ? "evaluate.py" : "port",
    perPage: [...ported.pages].sort((a, b) => a.f1 - b.f1),
  };
}

function table(rows: Record<string, string | number>[]): string {
  const headers = Object.keys(rows[0] ?? {});
  return [
    `| ${headers.join(" | ")} |`,
    `| ${headers.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${headers.map((h) => row[h]).join(" | ")} |`),
  ].join("\n");
}

const round = (value: number) => Number(value.toFixed(3));

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = await benchArticlePages();
  console.log(
    table([
      {
        pages: result.pages,
        F1: round(result.f1),
        precision: round(result.precision),
        recall: round(result.recall),
        seconds: Number((result.ms / 1000).toFixed(1)),
        "pages/s": Number(result.pagesPerSecond.toFixed(1)),
        scorer: result.scorer,
      },
    ]),
  );
  if (process.argv.includes("--per-page")) {
    console.log("\nLowest F1:\n");
    console.log(
      table(
        result.perPage.slice(0, 10).map((page) => ({
          id: page.id,
          F1: round(page.f1),
          precision: round(page.precision),
          recall: round(page.recall),
        })),
      ),
    );
  }
}
