/**
 * Building the search index in several jobs, for an archive too large for one machine: the
 * bundles of the index (src/search/bundles.ts) are independent, so each job of a CI matrix can
 * index some of them (`npm run build -- --bundles <id,…> --out <dir>`), and a last job builds the
 * pages and assembles the site from every job's folder (`npm run build -- --assemble <dir,…>`).
 *
 * A bundle job renders its bundles' article pages in memory from the same page modules as the
 * whole build (see src/render/page-instances.ts), in the same order, and hands them to Pagefind the same way,
 * with each bundle's share of fragment files taken from the whole archive: its folder under
 * `<dir>/pagefind/` is the one a whole build writes, byte for byte. Beside it, it records what it
 * built in `<dir>/search-bundles/<id>.json`, with a fingerprint of the pages it indexed, so that
 * the assembling build can tell a bundle built from other pages (another commit, other settings
 * such as `PATH_PREFIX`) from a good one, instead of publishing a search that finds old text.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import type { Archive } from "../collections/archive.ts";
import { loadArchive } from "../collections/load-archive.ts";
import { processArchiveImages } from "../images/process-images.ts";
import { SearchIndexSession, type SearchIndexResult } from "../search/build-search-index.ts";
import {
  planArchiveBundles,
  SEALED_BUNDLE_FOLDER,
  type BundlePlan,
  type SearchBundle,
} from "../search/bundles.ts";
import { listFilesUnder } from "../files/list-files.ts";
import { searchDocument } from "../search/search-document.ts";
import { bundleFingerprint, searchTextHash } from "../search/bundle-fingerprint.ts";
import { ARTICLE_PAGES } from "../render/bulk-pages.ts";
import { loadPageModules, pageInstances } from "../render/page-instances.ts";

/** Where a bundle job records its bundles, beside `pagefind/`: one `<id>.json` per bundle. */
export const BUNDLE_RECORDS = "search-bundles";

/** What every written Pagefind bundle holds at its top. */
const BUNDLE_ENTRY = "pagefind-entry.json";

/** A mistake in the bundles asked for or given: the message says what to do. */
export class BundleMatrixError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BundleMatrixError";
  }
}

/** What a bundle job wrote, as `search-bundles/<id>.json`. */
export interface BundleRecord {
  id: string;
  /** Its folder under `pagefind/`: "" for the newest bundle. */
  dir: string;
  from: string;
  to: string;
  pages: number;
  /** Stories in the whole archive, which set the bundle's share of fragment files. */
  archivePages: number;
  /** Of the language and of every page handed to Pagefind (see `bundleFingerprint`). */
  fingerprint: string;
}

const archivePagesOf = (plan: BundlePlan) =>
  plan.bundles.reduce((sum, bundle) => sum + bundle.pages, 0);

const stories = (n: number) => `${n} ${n === 1 ? "story" : "stories"}`;

/** `1 story, 2024-11-12 to 2024-11-12, of 2 in all, as the newest bundle`. */
const describe = (bundle: Omit<SearchBundle, "id">, archivePages: number) =>
  `${stories(bundle.pages)}, ${bundle.from} to ${bundle.to}, of ${archivePages} in all${bundle.dir ? "" : ", as the newest bundle"}`;

/** Relative to the working folder, as a person typed it. */
const shown = (folder: string) => path.relative(process.cwd(), folder) || ".";

function validBundles(plan: BundlePlan): string {
  if (!plan.bundles.length) return "This archive has no stories, hence no search bundles.";
  return `This archive's bundles, newest first: ${plan.bundles.map((b) => b.id).join(", ")} (\`npm run build -- --list-bundles\` prints them as JSON).`;
}

/**
 * The ids of an archive's search bundles, newest first: what `--list-bundles` prints. `env` holds
 * the settings' overrides (SEARCH_BUNDLE_SIZE…).
 */
export function listBundles(root: string, env: NodeJS.ProcessEnv = {}): string[] {
  return planArchiveBundles(loadArchive(path.resolve(root), env)).bundles.map(
    (bundle) => bundle.id,
  );
}

/** The bundles of `plan` named by `ids`, in the plan's order; unknown ids are an error. */
export function chooseBundles(plan: BundlePlan, ids: readonly string[]): SearchBundle[] {
  if (!ids.length) throw new BundleMatrixError(`Name at least one bundle. ${validBundles(plan)}`);
  const known = new Set(plan.bundles.map((bundle) => bundle.id));
  const unknown = [...new Set(ids)].filter((id) => !known.has(id));
  if (unknown.length) {
    throw new BundleMatrixError(
      `Unknown search bundle${unknown.length === 1 ? "" : "s"}: ${unknown.join(", ")}. ${validBundles(plan)}`,
    );
  }
  const wanted = new Set(ids);
  return plan.bundles.filter((bundle) => wanted.has(bundle.id));
}

export interface BundleJobOptions {
  /** The archive folder (content/, _data/, assets/). */
  root: string;
  /** Where `pagefind/` and `search-bundles/` go; a folder of its own, not a built site. */
  outDir: string;
  /** This project's folder (src/pages). */
  projectDir: string;
  /** The bundles to index, by id (`--list-bundles`). */
  ids: readonly string[];
  /** Settings overrides (SEARCH_BUNDLE_SIZE, PATH_PREFIX…, see `loadSite`); none unless given. */
  env?: NodeJS.ProcessEnv;
}

export interface BundleJobResult {
  archive: Archive;
  outDir: string;
  bundles: SearchBundle[];
  index: SearchIndexResult;
}

/**
 * Indexes only the bundles named in `options.ids` into `<outDir>/pagefind/` (the layout of a whole
 * build) and records them in `<outDir>/search-bundles/`. The pages are rendered in memory and
 * nothing else is written; photos are planned, not encoded. A failed job leaves no bundle behind.
 */
export async function buildSearchBundles(options: BundleJobOptions): Promise<BundleJobResult> {
  const root = path.resolve(options.root);
  const outDir = path.resolve(options.outDir);
  const archive = loadArchive(root, options.env);
  const plan = planArchiveBundles(archive);
  const bundles = chooseBundles(plan, options.ids);
  if (existsSync(path.join(outDir, "index.html"))) {
    throw new BundleMatrixError(
      `${shown(outDir)} holds a built site: --bundles writes only search bundles, into a folder of their own (--out <dir>).`,
    );
  }
  // The pages' <picture> markup comes from each photo's plan; the assembling build publishes them.
  await processArchiveImages(archive, { root, outputDir: outDir, publish: false });
  const wanted = new Set(bundles.map((bundle) => bundle.id));
  const part: BundlePlan = {
    bundles,
    bundleOf: new Map([...plan.bundleOf].filter(([, id]) => wanted.has(id))),
    vocabulary: plan.vocabulary,
  };
  const records = path.join(outDir, BUNDLE_RECORDS);
  rmSync(records, { recursive: true, force: true });
  const archivePages = archivePagesOf(plan);
  const language = archive.site.language;
  // As the whole build's search plugin makes it, but told the whole archive's size.
  const session = new SearchIndexSession(outDir, part, { language, totalPages: archivePages });
  // Each bundle's pages, output → the hash of what Pagefind was given (see `bundleFingerprint`).
  const pages = new Map(bundles.map((bundle) => [bundle.id, new Map<string, string>()]));
  try {
    const modules = await loadPageModules(path.join(options.projectDir, "src", "pages"), [
      ARTICLE_PAGES,
    ]);
    // The whole build's order (writeBulkPages), so each Pagefind process gets its pages in turn.
    let rendered = 0;
    for (const instance of pageInstances(modules, archive)) {
      const id = part.bundleOf.get(instance.output);
      if (id === undefined) continue;
      const document = searchDocument(await instance.render());
      pages.get(id)!.set(instance.output, searchTextHash(document));
      const wait = session.add(instance.output, document);
      if (wait) await wait;
      // Pagefind's replies are handled only when rendering gives the event loop a turn.
      if (++rendered % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const index = await session.finish();
    mkdirSync(records, { recursive: true });
    for (const bundle of bundles) {
      const record: BundleRecord = {
        id: bundle.id,
        dir: bundle.dir,
        from: bundle.from,
        to: bundle.to,
        pages: bundle.pages,
        archivePages,
        fingerprint: bundleFingerprint(language, pages.get(bundle.id)!),
      };
      writeFileSync(
        path.join(records, `${bundle.id}.json`),
        `${JSON.stringify(record, null, 2)}\n`,
      );
    }
    return { archive, outDir, bundles, index };
  } catch (error) {
    await session.stop();
    rmSync(path.join(outDir, "pagefind"), { recursive: true, force: true });
    rmSync(records, { recursive: true, force: true });
    throw error;
  }
}

/** A bundle found in a job's folder. */
export interface BuiltBundle {
  record: BundleRecord;
  /** The job's folder, which holds `pagefind/` and `search-bundles/`. */
  folder: string;
}

function readRecords(folder: string, problems: string[]): BundleRecord[] {
  const dir = path.join(folder, BUNDLE_RECORDS);
  if (!existsSync(dir)) return [];
  const records: BundleRecord[] = [];
  for (const name of readdirSync(dir).filter((file) => file.endsWith(".json"))) {
    try {
      records.push(JSON.parse(readFileSync(path.join(dir, name), "utf8")) as BundleRecord);
    } catch (error) {
      problems.push(
        `${shown(path.join(dir, name))} is not a bundle record: ${(error as Error).message}`,
      );
    }
  }
  return records;
}

/** The bundles in one job's `pagefind/`: the newest at its top, sealed ones in dated folders. */
function bundlesIn(folder: string, problems: string[]): BuiltBundle[] {
  const pagefind = path.join(folder, "pagefind");
  if (!existsSync(folder)) {
    problems.push(`${shown(folder)} does not exist.`);
    return [];
  }
  if (!existsSync(pagefind) || !statSync(pagefind).isDirectory()) {
    problems.push(
      `${shown(folder)} holds no pagefind/ folder: give the --out folders of \`npm run build -- --bundles\`.`,
    );
    return [];
  }
  const records = readRecords(folder, problems);
  const found: BuiltBundle[] = [];
  const take = (dir: string, where: string) => {
    if (!existsSync(path.join(pagefind, dir, BUNDLE_ENTRY))) {
      problems.push(`${where} is not a whole bundle: it has no ${BUNDLE_ENTRY}.`);
      return;
    }
    const record = records.find((r) => r.dir === dir);
    if (!record) {
      problems.push(
        `${where} holds a bundle without its record in ${shown(path.join(folder, BUNDLE_RECORDS))}/: build bundles with \`npm run build -- --bundles\`.`,
      );
      return;
    }
    found.push({ record, folder });
  };
  const entries = readdirSync(pagefind, { withFileTypes: true });
  const sealed = entries.filter((e) => e.isDirectory() && SEALED_BUNDLE_FOLDER.test(e.name));
  // Anything else at the top belongs to the newest bundle (its files, index/, fragment/, filter/).
  if (entries.length > sealed.length) take("", `${shown(pagefind)}/`);
  for (const entry of sealed) take(`${entry.name}/`, `${shown(path.join(pagefind, entry.name))}/`);
  return found;
}

/**
 * Finds the bundles in the jobs' `folders` and checks them against the archive's `plan`: every
 * planned bundle exactly once, planned alike, and nothing else. Throws one error listing every
 * problem, each naming the bundle and folder.
 */
export function findBuiltBundles(folders: readonly string[], plan: BundlePlan): BuiltBundle[] {
  const problems: string[] = [];
  if (!folders.length && plan.bundles.length) problems.push("Name at least one folder of bundles.");
  const found = folders.flatMap((folder) => bundlesIn(path.resolve(folder), problems));
  const byId = new Map(plan.bundles.map((bundle) => [bundle.id, bundle]));
  const archivePages = archivePagesOf(plan);
  const seen = new Map<string, BuiltBundle>();
  const kept: BuiltBundle[] = [];
  for (const built of found) {
    const { record, folder } = built;
    const at = `${shown(path.join(folder, "pagefind", record.dir))}/`;
    const planned = byId.get(record.id);
    if (!planned) {
      problems.push(`Unexpected bundle ${record.id} in ${at}: this archive has no such bundle.`);
      continue;
    }
    const twice = seen.get(record.id);
    if (twice) {
      problems.push(
        `Bundle ${record.id} is given twice: in ${shown(twice.folder)} and in ${shown(folder)}.`,
      );
      continue;
    }
    seen.set(record.id, built);
    if (
      record.dir !== planned.dir ||
      record.from !== planned.from ||
      record.to !== planned.to ||
      record.pages !== planned.pages ||
      record.archivePages !== archivePages
    ) {
      problems.push(
        `Unexpected bundle ${record.id} in ${at}: it has ${describe(record, record.archivePages)}, where this archive's bundle ${record.id} has ${describe(planned, archivePages)}. It was built from another version of the archive or with other bundle sizes (search.bundleSize and search.newestBundleSize, SEARCH_BUNDLE_SIZE and SEARCH_NEWEST_BUNDLE_SIZE).`,
      );
      continue;
    }
    kept.push(built);
  }
  const missing = plan.bundles.filter((bundle) => !seen.has(bundle.id));
  for (const bundle of missing) {
    problems.push(
      `Bundle ${bundle.id} is missing (${stories(bundle.pages)}, ${bundle.from} to ${bundle.to}): none of the folders holds it. Build it with \`npm run build -- --bundles ${bundle.id} --out <dir>\` and add that folder.`,
    );
  }
  if (problems.length) {
    throw new BundleMatrixError(
      `Cannot assemble the search index from ${folders.map(shown).join(", ") || "no folders"}:\n${problems.map((p) => `  - ${p}`).join("\n")}\n${validBundles(plan)}`,
    );
  }
  return plan.bundles.map((bundle) => kept.find((built) => built.record.id === bundle.id)!);
}

/**
 * Checks that each bundle was built from the article pages this build wrote into `siteDir`,
 * then copies every bundle into `<siteDir>/pagefind/`. An archive without stories gets the empty
 * bundle a whole build writes. Returns the number of files copied.
 */
export async function installBundles(
  bundles: readonly BuiltBundle[],
  plan: BundlePlan,
  siteDir: string,
  language: string,
): Promise<number> {
  const pages = new Map(plan.bundles.map((bundle) => [bundle.id, new Map<string, string>()]));
  for (const [output, id] of plan.bundleOf) {
    const html = readFileSync(path.join(siteDir, output), "utf8");
    pages.get(id)!.set(output, searchTextHash(searchDocument(html)));
  }
  const stale = bundles.filter(
    ({ record }) => record.fingerprint !== bundleFingerprint(language, pages.get(record.id)!),
  );
  if (stale.length) {
    throw new BundleMatrixError(
      `The search index cannot be assembled: ${stale.map(({ record, folder }) => `bundle ${record.id} (in ${shown(folder)})`).join(", ")} indexed other pages than this build's. Build every bundle from the same commit, with the same settings and environment (PATH_PREFIX, SITE_URL…) as this build.`,
    );
  }
  const target = path.join(siteDir, "pagefind");
  if (!plan.bundles.length) {
    await new SearchIndexSession(siteDir, plan, { language }).finish();
    return 0;
  }
  let files = 0;
  for (const { record, folder } of bundles) {
    const from = path.join(folder, "pagefind", record.dir);
    const entries = record.dir
      ? readdirSync(from)
      : readdirSync(from, { withFileTypes: true })
          .filter((e) => !(e.isDirectory() && SEALED_BUNDLE_FOLDER.test(e.name)))
          .map((e) => e.name);
    for (const name of entries) {
      const to = path.join(target, record.dir, name);
      cpSync(path.join(from, name), to, { recursive: true, errorOnExist: true, force: false });
      files += statSync(to).isDirectory() ? listFilesUnder(to).length : 1;
    }
  }
  return files;
}
