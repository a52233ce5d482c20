// What a publish costs with the build cache (`npm run build` keeps it in .cache/build/): each kind
// of change an archive sees is applied to the archive, then built with the previous build's cache
// into the same output folder, as a newsroom publishes: each build updates the spare build the
// cache keeps (the one before the published build) and keeps the build it replaces as the next
// spare.
import { offlineUpdateBytes as offlineUpdate, readOfflineManifest } from "./offline-copy.ts";
import {
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
import { gunzipSync } from "node:zlib";
import sharp from "sharp";
import type { CacheReport } from "../../src/cache/build-cache.ts";
import { listMarkdownFiles } from "../../src/content/load-articles.ts";
import { runImport } from "../../src/import/run-import.ts";
import { runTimed } from "./timed.ts";
import { scriptArguments } from "../node-script.ts";

export interface CachedBuild {
  change: string;
  ms: number;
  report?: CacheReport;
  /** The build's own steps, ms (`BuildStats.phases`, as `--stats` writes them). */
  phases?: Record<string, number>;
  /**
   * Bytes a reader's saved offline copy downloads to catch up with this build: the files of the
   * search index it lists that the build before did not (src/browser/offline-save.ts).
   */
  offlineUpdateBytes?: number;
}

/** The kinds of change measured, in the order they are applied. */
export const CACHE_CHANGES = [
  "nothing changed",
  "20 new stories, after the newest",
  "20 new stories, one with a word the archive lacks",
  "a day's publish: 20 saved web pages imported",
  "20 new stories, each with a new photo",
  "one story of the oldest month edited",
  "one registry alias added",
] as const;

/**
 * The saved web pages a day's publish imports (`html/*.html.gz`): ARTICLE_PAGES_DIR, else the
 * shared corpora folder beside the project. Stories from another newsroom, so that the day brings
 * names and words the archive never had, as a real one does.
 */
export function articlePagesDir(projectDir: string): string {
  return (
    process.env.ARTICLE_PAGES_DIR ?? path.resolve(projectDir, "../shared/corpora/article-pages")
  );
}

type Change = (typeof CACHE_CHANGES)[number];

/** `date: 1987-10-20T06:20:40Z` and the like, from an article's front matter. */
const DATE_LINE = /^date: *"?([0-9]{4}-[0-9]{2}-[0-9]{2})[^\n]*$/m;

function dateOf(file: string): string {
  return DATE_LINE.exec(readFileSync(file, "utf8"))?.[1] ?? "";
}

/**
 * Applies `change` to the archive at `root`, for the `run`-th time: each run makes a change of
 * its own (new stories with new names, another edit), so that every build has something to do.
 */
async function applyChange(
  root: string,
  change: Change,
  run: number,
  pagesDir: string,
): Promise<void> {
  const articles = path.join(root, "content", "articles");
  const files = listMarkdownFiles(articles).sort();
  const dated = files.map((file) => ({ file, date: dateOf(file) })).filter((f) => f.date);
  dated.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  switch (change) {
    case "nothing changed":
      return;
    case "20 new stories, after the newest":
    case "20 new stories, one with a word the archive lacks": {
      // Copies of 20 stories spread over the archive, dated the day after the newest story.
      const newest = new Date(`${dated.at(-1)!.date}T00:00:00Z`);
      newest.setUTCDate(newest.getUTCDate() + 1);
      const day = newest.toISOString().slice(0, 10);
      const folder = path.join(articles, day.slice(0, 4), day.slice(5, 7));
      mkdirSync(folder, { recursive: true });
      const step = Math.floor(dated.length / 20);
      for (let i = 0; i < 20; i++) {
        const source = readFileSync(dated[i * step + run]!.file, "utf8");
        let copy = source.replace(DATE_LINE, `date: ${day}T${String(i).padStart(2, "0")}:00:00Z`);
        if (change !== "20 new stories, after the newest" && i === 0) {
          copy = copy.replace(/\n---\n/, `\n---\n\nA zyxquorp${run} was seen in the harbour.\n\n`);
        }
        writeFileSync(path.join(folder, `bench-cache-${change.length}-${run}-${i}.md`), copy);
      }
      return;
    }
    case "a day's publish: 20 saved web pages imported": {
      // The project's own importer, registry tagging on, as the README imports: 20 pages a run.
      const html = path.join(pagesDir, "html");
      const pages = readdirSync(html)
        .filter((name) => name.endsWith(".html.gz"))
        .sort();
      const day = mkdtempSync(path.join(tmpdir(), "bench-day-"));
      for (let i = 0; i < 20; i++) {
        const name = pages[(run * 20 + i) % pages.length]!;
        writeFileSync(
          path.join(day, name.replace(/\.gz$/, "")),
          gunzipSync(readFileSync(path.join(html, name))),
        );
      }
      const newest = new Date(`${dated.at(-1)!.date}T00:00:00Z`);
      newest.setUTCDate(newest.getUTCDate() + 1);
      runImport({
        root,
        inputs: [day],
        date: newest.toISOString().slice(0, 10),
        today: "2099-12-31",
      });
      rmSync(day, { recursive: true, force: true });
      return;
    }
    case "20 new stories, each with a new photo": {
      // Copies of 20 stories, each showing a photo of its own (a new JPEG, 1600×1067).
      const newest = new Date(`${dated.at(-1)!.date}T00:00:00Z`);
      newest.setUTCDate(newest.getUTCDate() + 1);
      const day = newest.toISOString().slice(0, 10);
      const folder = path.join(articles, day.slice(0, 4), day.slice(5, 7));
      const photos = path.join(root, "assets", "photos", "bench");
      mkdirSync(folder, { recursive: true });
      mkdirSync(photos, { recursive: true });
      const step = Math.floor(dated.length / 20);
      for (let i = 0; i < 20; i++) {
        const name = `bench-photo-${run}-${i}`;
        const noise = Buffer.alloc(160 * 107 * 3);
        for (let b = 0; b < noise.length; b++) noise[b] = (b * 7919 + run * 31 + i * 131) % 251;
        await sharp(noise, { raw: { width: 160, height: 107, channels: 3 } })
          .resize(1600, 1067)
          .jpeg({ quality: 85 })
          .toFile(path.join(photos, `${name}.jpg`));
        const source = readFileSync(dated[i * step + run + 1]!.file, "utf8");
        const copy = source
          // The copy shows its new photo only: the source's own figures (a block) are left out.
          .replace(/^images:.*\n(?: .*\n)*/m, "")
          .replace(DATE_LINE, `date: ${day}T${String(i).padStart(2, "0")}:30:00Z`)
          .replace(
            /\n---\n/,
            `\nimages:\n  - src: photos/bench/${name}.jpg\n    alt: "Harbour scene ${i + 1}"\n    caption: "The harbour on the day, photo ${i + 1}."\n---\n`,
          );
        writeFileSync(path.join(folder, `${name}.md`), copy);
      }
      return;
    }
    case "one story of the oldest month edited": {
      const file = dated[run]!.file;
      // Words the archive has: the vocabulary, and so every bundle, stays as it is.
      writeFileSync(
        file,
        `${readFileSync(file, "utf8").trimEnd()}\n\nThe market said prices rose.\n`,
      );
      return;
    }
    case "one registry alias added": {
      const registry = path.join(root, "_data", "topics.json");
      const topics = JSON.parse(readFileSync(registry, "utf8")) as Array<{
        name: string;
        aliases?: string[];
      }>;
      const coffee = topics.find((topic) => topic.name === "Coffee") ?? topics[0]!;
      coffee.aliases = [...(coffee.aliases ?? []), `Coffee beans ${run + 1}`];
      writeFileSync(registry, `${JSON.stringify(topics, null, 2)}\n`);
      return;
    }
  }
}

/** The output the cached builds publish, in the bench's work folder. */
export function cachedSite(work: string): string {
  return path.join(work, "cached", "_site");
}

/**
 * Builds the archive at `root` after each kind of change, `runs` times each, with the cache the
 * previous build left (the last complete build's, first). Returns every build, in order.
 */
export async function measureCachedBuilds(options: {
  projectDir: string;
  root: string;
  work: string;
  runs: number;
  log: (message: string) => void;
}): Promise<CachedBuild[]> {
  const { projectDir, root, work } = options;
  const pagesDir = articlePagesDir(projectDir);
  const changes = CACHE_CHANGES.filter((change) => {
    if (change !== "a day's publish: 20 saved web pages imported") return true;
    if (existsSync(path.join(pagesDir, "html"))) return true;
    options.log(`no saved web pages in ${pagesDir} (ARTICLE_PAGES_DIR): "${change}" not measured`);
    return false;
  });
  const builds: CachedBuild[] = [];
  const build = (site: string, statsFile: string) =>
    runTimed(
      process.execPath,
      scriptArguments("scripts/build.ts", [
        "--root",
        root,
        "--out",
        site,
        "--quiet",
        "--stats",
        statsFile,
      ]),
      { cwd: projectDir },
    );
  const site = cachedSite(work);
  // First two builds that leave a cache and a spare, untimed: what ran before (a one-article
  // rebuild under npm start, which changes its output in place) may have made the build forget it.
  for (const round of [1, 2]) {
    // A story saved again: the second build is an ordinary one, which keeps a spare, not one that
    // finds nothing to do.
    if (round === 2) {
      const first = listMarkdownFiles(path.join(root, "content", "articles")).sort()[0]!;
      writeFileSync(first, readFileSync(first));
    }
    const warmUp = await build(site, path.join(work, `cache-stats-warm-up-${round}.json`));
    if (warmUp.status !== 0) throw new Error(`Cached build (warm-up) failed:\n${warmUp.stderr}`);
  }
  let offline = readOfflineManifest(site);
  for (const change of changes) {
    for (let run = 0; run < options.runs; run++) {
      await applyChange(root, change, run, pagesDir);
      const statsFile = path.join(work, `cache-stats-${builds.length}.json`);
      const result = await build(site, statsFile);
      if (result.status !== 0) {
        throw new Error(`Cached build after "${change}" failed:\n${result.stderr}`);
      }
      const { cache: report, phases } = JSON.parse(readFileSync(statsFile, "utf8")) as {
        cache?: CacheReport;
        phases?: Record<string, number>;
      };
      const published = readOfflineManifest(site);
      const offlineUpdateBytes =
        offline && published ? offlineUpdate(offline, published) : undefined;
      offline = published;
      builds.push({ change, ms: result.ms, report, phases, offlineUpdateBytes });
      options.log(
        `cached build after "${change}" ${run + 1}/${options.runs}: ${(result.ms / 1000).toFixed(1)} s; ${report ? `${report.pagesRendered} pages rendered, ${report.pagesReused} reused, bundles indexed: ${report.bundlesIndexed.join(", ") || "none"}${report.ignored ? ` (cache not used: ${report.ignored})` : ""}` : "no cache report"}`,
      );
    }
  }
  return builds;
}
