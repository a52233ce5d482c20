// npx tsx scripts/bench/scale-archive.ts --root <archive> [--times 5]
// Makes an imported archive hold its imported stories several times over, for `npm run bench`'s
// 100,000-story size: copy k (k = 1 … times − 1) of every imported article is the same story k
// whole years later, filed under its new year and month, with its own URL.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { parseArticleDate, yearMonth } from "../../src/content/dates.ts";
import { ARTICLES_DIR, listMarkdownFiles } from "../../src/content/load-articles.ts";
import { readManifest } from "../../src/import/manifest.ts";
import { slugifyName } from "../../src/registry/fold.ts";

export interface ScaleSummary {
  /** Articles copied (the imported ones, or every article when the archive has no manifest). */
  originals: number;
  /** Copies written. */
  copies: number;
  /** Copies that needed a file name of their own because their URL was taken. */
  renamed: number;
}

/** `date:` or `updated:` in front matter: a YAML scalar, quoted or not, starting `YYYY-MM-DD`. */
const DATE_FIELD =
  /^(date|updated):([ \t]*)(["']?)(\d{4})-(\d{2})-(\d{2})(.*?)\3([ \t]*(?:#.*)?)$/gm;
const CANONICAL_FIELD = /^canonical:[ \t]*(["']?)(.+?)\1[ \t]*$/m;
const FRONT_MATTER = /^(\uFEFF?---[ \t]*\r?\n)([\s\S]*?\r?\n)(---[ \t]*(?:\r?\n|$))/;

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * The article text `years` whole years later: `date` and `updated` keep their time, offset and
 * form; 29 February becomes the 28th in a common year. A `canonical` address, the story's
 * identity for a later import, gets a `bench-copy` query of its own. Returns the new `date`
 * value too.
 */
export function shiftArticle(
  text: string,
  years: number,
  copy: number,
): { text: string; date: string } {
  const front = FRONT_MATTER.exec(text);
  if (!front) throw new Error("no front matter between `---` lines");
  let date: string | undefined;
  let yaml = front[2]!.replace(
    DATE_FIELD,
    (
      _all,
      field: string,
      space: string,
      quote: string,
      y: string,
      m: string,
      d: string,
      rest: string,
      tail: string,
    ) => {
      const year = Number(y) + years;
      const day = m === "02" && d === "29" && !isLeapYear(year) ? "28" : d;
      const value = `${String(year).padStart(4, "0")}-${m}-${day}${rest}`;
      if (field === "date") date = value;
      return `${field}:${space}${quote}${value}${quote}${tail}`;
    },
  );
  if (date === undefined)
    throw new Error("no `date:` field of the form YYYY-MM-DD… in its front matter");
  yaml = yaml.replace(CANONICAL_FIELD, (_all, _quote: string, address: string) => {
    const url = new URL(address);
    url.searchParams.set("bench-copy", String(copy));
    return `canonical: ${JSON.stringify(url.href)}`;
  });
  return {
    text: front[1]! + yaml + front[3]! + text.slice(front[0].length),
    date,
  };
}

/** The site's time zone, in which an article's month folder and URL are chosen. */
function siteTimeZone(root: string): string {
  const file = path.join(root, "_data", "site.json");
  if (!existsSync(file)) return "UTC";
  const site = JSON.parse(readFileSync(file, "utf8")) as { timeZone?: string };
  return site.timeZone ?? "UTC";
}

/**
 * Writes `times − 1` shifted copies of every imported article of the archive at `root` (those in
 * the import's manifest, `content/.imported.json`; every article when there is none), so that the
 * archive holds each of those stories `times` times. Copy k is k years later, filed under
 * `content/articles/<year>/<month>/` as its new date says in the site's time zone; where that
 * address is taken (by an article of the archive or an earlier copy), the file name gets `-k`.
 * The manifest is left as it is: the copies are not imports.
 */
export function scaleArchive(root: string, options: { times?: number } = {}): ScaleSummary {
  const times = options.times ?? 5;
  if (!Number.isInteger(times) || times < 1)
    throw new Error(`--times must be 1 or more, not ${times}`);
  const articlesDir = path.join(root, ARTICLES_DIR);
  const timeZone = siteTimeZone(root);
  const all = listMarkdownFiles(articlesDir);
  const imported = Object.keys(readManifest(root).articles)
    .map((file) => path.join(root, file))
    .filter((file) => existsSync(file))
    .sort();
  const originals = imported.length ? imported : all;
  // Addresses in use, `YYYY/MM/<slug>`: an article's folder is its URL's year and month.
  const taken = new Set(
    all.map((file) => {
      const relative = path.relative(articlesDir, file).split(path.sep);
      const slug = slugifyName(path.basename(file, ".md"));
      return [...relative.slice(0, -1), slug].join("/");
    }),
  );
  let copies = 0;
  let renamed = 0;
  for (const file of originals) {
    const source = readFileSync(file, "utf8");
    const base = path.basename(file, ".md");
    for (let k = 1; k < times; k++) {
      let shifted;
      try {
        shifted = shiftArticle(source, k, k);
      } catch (error) {
        throw new Error(`${path.relative(root, file)}: ${(error as Error).message}`);
      }
      const parsed = parseArticleDate(shifted.date, timeZone);
      if (!parsed.ok) throw new Error(`${path.relative(root, file)}: ${parsed.reason}`);
      const { year, month } = yearMonth(parsed.date);
      let name = base;
      for (let n = 1; taken.has(`${year}/${month}/${slugifyName(name)}`); n++) {
        name = n === 1 ? `${base}-${k}` : `${base}-${k}-${n}`;
      }
      if (name !== base) renamed++;
      taken.add(`${year}/${month}/${slugifyName(name)}`);
      const target = path.join(articlesDir, year, month, `${name}.md`);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, shifted.text);
      copies++;
    }
  }
  return { originals: originals.length, copies, renamed };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: { root: { type: "string" }, times: { type: "string", default: "5" } },
  });
  if (!values.root) throw new Error("Usage: scale-archive.ts --root <archive folder> [--times 5]");
  const summary = scaleArchive(values.root, { times: Number(values.times) });
  console.log(
    `${summary.originals} articles, ${summary.copies} copies written (${summary.renamed} renamed)`,
  );
}
