import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseFrontMatter } from "../content/front-matter.ts";
import { foldName } from "../registry/fold.ts";
import { WriteFileError, writeFileAtomic } from "../files/atomic-write.ts";
import { sha256, type Manifest } from "./manifest.ts";
import { slugCandidates } from "./slug.ts";

/** An article ready to be written: where it goes and what it says. */
export interface PlannedArticle {
  /** The story's identity across imports (see `Story.sourceId`). */
  key: string;
  /** Where the story is in the input, `file:line`, for the summary. */
  input: string;
  title: string;
  /** `YYYY/MM`, the month of the article's date in the site's time zone. */
  month: string;
  slug: string;
  markdown: string;
}

export type ArticleStatus = "imported" | "updated" | "unchanged" | "kept" | "skipped";

export interface ArticleOutcome {
  status: ArticleStatus;
  input: string;
  title: string;
  /** The article file, relative to the archive root, with `/` separators. */
  article?: string;
  reason?: string;
}

/** What `writeArticles` did: an outcome per article, up to the first one it could not write. */
export interface WriteResult {
  outcomes: ArticleOutcome[];
  /** The article whose write failed; the articles after it were not tried. */
  failed?: { input: string; title: string; article: string; error: WriteFileError };
}

/** What writing carries from one batch of articles to the next. */
export interface WriteState {
  /** The input of the first story with each key: a second one is the same story, skipped. */
  firstInput: Map<string, string>;
}

export interface WriteOptions {
  root: string;
  /** The articles folder; default `<root>/content/articles`. */
  articlesDir: string;
  manifest: Manifest;
  force: boolean;
  dryRun: boolean;
  /** Shared by the batches of one import; a new one by default. */
  state?: WriteState;
}

/** `file` relative to the archive root, with `/` separators whatever the system's. */
export function relativeTo(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join("/");
}

function titleOf(file: string, text: string): string | undefined {
  try {
    const data = parseFrontMatter(text, file).data as { title?: unknown };
    return typeof data.title === "string" ? data.title : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes articles in input order and updates `manifest` in place. A story imported before goes
 * back to its file; a new one takes its slug, or `-2`, `-3`, … when another story holds it in
 * that month. Files are written whole (temporary file, then rename). A file whose text differs
 * from what the manifest recorded was edited and is kept unless `force`; so is a file the
 * import did not write, when it has the story's title. The first write that fails (a full disk)
 * stops it: the manifest then holds exactly the articles written before.
 */
export function writeArticles(
  articles: readonly PlannedArticle[],
  options: WriteOptions,
): WriteResult {
  const { root, articlesDir, manifest, force, dryRun } = options;
  const fileOfKey = new Map<string, string>();
  for (const [file, entry] of Object.entries(manifest.articles)) fileOfKey.set(entry.from, file);
  const claimed = new Set<string>();
  const firstInput = options.state?.firstInput ?? new Map<string, string>();
  const outcomes: ArticleOutcome[] = [];

  for (const article of articles) {
    const { key, input, title, markdown } = article;
    const earlier = firstInput.get(key);
    if (earlier) {
      outcomes.push({
        status: "skipped",
        input,
        title,
        reason: `the same story as ${earlier}: imported once.`,
      });
      continue;
    }
    firstInput.set(key, input);

    const monthDir = path.join(articlesDir, ...article.month.split("/"));
    const previous = fileOfKey.get(key);
    let file =
      previous &&
      !claimed.has(previous) &&
      path.dirname(path.resolve(root, previous)) === path.resolve(monthDir)
        ? previous
        : undefined;
    for (const slug of file ? [] : slugCandidates(article.slug)) {
      const candidate = relativeTo(root, path.join(monthDir, `${slug}.md`));
      if (claimed.has(candidate)) continue;
      const entry = manifest.articles[candidate];
      if (entry && entry.from !== key) continue;
      const absolute = path.join(root, candidate);
      if (!entry && existsSync(absolute)) {
        const existingTitle = titleOf(candidate, readFileSync(absolute, "utf8"));
        if (existingTitle === undefined || foldName(existingTitle) !== foldName(title)) continue;
      }
      file = candidate;
      break;
    }
    // slugCandidates never ends, so the loop above always settles on a file.
    const target = file!;
    claimed.add(target);

    const absolute = path.join(root, target);
    const entry = manifest.articles[target];
    const hash = sha256(markdown);
    const current = existsSync(absolute) ? readFileSync(absolute, "utf8") : undefined;
    let status: ArticleStatus;
    let reason: string | undefined;
    if (current === undefined) status = "imported";
    else if (current === markdown) status = "unchanged";
    else if (force || (entry && sha256(current) === entry.sha256)) {
      status = "updated";
      if (!entry || sha256(current) !== entry.sha256)
        reason = "overwrote changes made by hand (--force).";
    } else {
      status = "kept";
      reason = entry
        ? "edited since it was imported: kept as it is. Pass --force to overwrite it."
        : "exists and was not written by an import: kept as it is. Pass --force to overwrite it.";
    }
    if ((status === "imported" || status === "updated") && !dryRun) {
      try {
        writeFileAtomic(absolute, markdown);
      } catch (error) {
        if (!(error instanceof WriteFileError)) throw error;
        return { outcomes, failed: { input, title, article: target, error } };
      }
    }
    if (status !== "kept") manifest.articles[target] = { from: key, sha256: hash };
    outcomes.push({ status, input, title, article: target, reason });
  }
  return { outcomes };
}
