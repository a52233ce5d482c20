/**
 * Building the search index in several jobs, for an archive too large for one machine: the
 * bundles of the index (src/search/bundles.ts) are independent, so each job of a CI matrix can
 * index some of them (`npm run build -- --bundles <id,…> --out <dir>`), and a last job builds the
 * pages and assembles the site from every job's folder (`npm run build -- --assemble <dir,…>`).
 *
 * A bundle job renders its bundles' article pages in memory from the same page modules as the
 * whole build (see src/render/page-instances.ts), in the same order, and indexes and merges them
 * the same way: its folder under `<dir>/pagefind/` is the one a whole build writes, byte for byte,
 * and `<dir>/pagefind/` also holds Pagefind's scripts. Beside it, it records what it
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
import {
  BUNDLE_FILE,
  SearchIndexSession,
  type SearchIndexResult,
} from "../search/build-search-index.ts";
import type { SearchBundleInfo, SearchIndexInfo } from "../search/bundle-info.ts";
import { FRAGMENTS_PER_PACK } from "../search/merge-shards.ts";
import { PAGEFIND_FORMAT_VERSION } from "../search/pagefind-files.ts";
import {
  planArchiveBundles,
  SEALED_BUNDLE_FOLDER,
  type BundlePlan,
  type SearchBundle,
} from "../search/bundles.ts";
import { listFilesUnder } from "../files/list-files.ts";
import { searchDocument } from "../search/search-document.ts";
import { pagesFingerprint, searchTextHash } from "../search/bundle-fingerprint.ts";
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
  /** Its folder under `pagefind/`. */
  dir: string;
  from: string;
  to: string;
  pages: number;
  /** Stories in the whole archive, which set the bundle's share of fragment files. */
  archivePages: number;
  /** Of the language and of every page handed to Pagefind (see `pagesFingerprint`). */
  fingerprint: string;
}

const archivePagesOf = (plan: BundlePlan) =>
  plan.bundles.reduce((sum, bundle) => sum + bundle.pages, 0);

const stories = (n: number) => `${n} ${n === 1 ? "story" : "stories"}`;

/** `1 story, 2024-11-12 to 2024-11-12, of 2 in all, as the newest bundle`. */
const describe = (bundle: Pick<SearchBundle, "pages" | "from" | "to">, archivePages: number) =>
  `${stories(bundle.pages)}, ${bundle.from} to ${bundle.to}, of ${archivePages} in all`;

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
  const shardIds = new Set(bundles.flatMap((bundle) => bundle.shards));
  const part: BundlePlan = {
    bundles,
    shards: plan.shards.filter((shard) => shardIds.has(shard.id)),
    bundleOf: new Map([...plan.bundleOf].filter(([, id]) => wanted.has(id))),
    shardOf: new Map([...plan.shardOf].filter(([, id]) => shardIds.has(id))),
  };
  const records = path.join(outDir, BUNDLE_RECORDS);
  rmSync(records, { recursive: true, force: true });
  const archivePages = archivePagesOf(plan);
  const language = archive.site.language;
  // As the whole build's search plugin makes it.
  const session = new SearchIndexSession(outDir, part, { language });
  // Each bundle's pages, output → the hash of what Pagefind was given (see `pagesFingerprint`).
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
      const hash = searchTextHash(document);
      pages.get(id)!.set(instance.output, hash);
      const wait = session.add(instance.output, { document, hash });
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
        fingerprint: pagesFingerprint(language, pages.get(bundle.id)!),
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

/** The bundles in one job's `pagefind/`, each in a folder named by its first day. */
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
  const folders = entries.filter((e) => e.isDirectory() && SEALED_BUNDLE_FOLDER.test(e.name));
  for (const entry of folders) take(`${entry.name}/`, `${shown(path.join(pagefind, entry.name))}/`);
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
 * then copies every bundle, and Pagefind's scripts, into `<siteDir>/pagefind/`. An archive without
 * stories gets the empty index a whole build writes. Returns the number of files copied and what
 * the search page is told of the index.
 */
export async function installBundles(
  bundles: readonly BuiltBundle[],
  plan: BundlePlan,
  siteDir: string,
  language: string,
): Promise<{ files: number; info: SearchIndexInfo }> {
  const pages = new Map(plan.bundles.map((bundle) => [bundle.id, new Map<string, string>()]));
  for (const [output, id] of plan.bundleOf) {
    const html = readFileSync(path.join(siteDir, output), "utf8");
    pages.get(id)!.set(output, searchTextHash(searchDocument(html)));
  }
  const stale = bundles.filter(
    ({ record }) => record.fingerprint !== pagesFingerprint(language, pages.get(record.id)!),
  );
  if (stale.length) {
    throw new BundleMatrixError(
      `The search index cannot be assembled: ${stale.map(({ record, folder }) => `bundle ${record.id} (in ${shown(folder)})`).join(", ")} indexed other pages than this build's. Build every bundle from the same commit, with the same settings and environment (PATH_PREFIX, SITE_URL…) as this build.`,
    );
  }
  const target = path.join(siteDir, "pagefind");
  if (!plan.bundles.length) {
    const { info } = await new SearchIndexSession(siteDir, plan, { language }).finish();
    return { files: 0, info };
  }
  let files = 0;
  const infos: SearchBundleInfo[] = [];
  let includeCharacters: string[] = [];
  for (const { record, folder } of bundles) {
    const from = path.join(folder, "pagefind", record.dir);
    const to = path.join(target, record.dir);
    cpSync(from, to, { recursive: true, errorOnExist: true, force: false });
    files += listFilesUnder(to).length;
    infos.push(JSON.parse(readFileSync(path.join(to, BUNDLE_FILE), "utf8")) as SearchBundleInfo);
    const entry = JSON.parse(readFileSync(path.join(to, BUNDLE_ENTRY), "utf8")) as {
      include_characters?: string[];
    };
    includeCharacters = entry.include_characters ?? includeCharacters;
  }
  // Pagefind's scripts, alike in every job's folder: from the first.
  const scripts = path.join(bundles[0]!.folder, "pagefind");
  for (const entry of readdirSync(scripts, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    cpSync(path.join(scripts, entry.name), path.join(target, entry.name));
    files++;
  }
  const info: SearchIndexInfo = {
    bundles: infos,
    version: PAGEFIND_FORMAT_VERSION,
    language,
    includeCharacters,
    perPack: FRAGMENTS_PER_PACK,
  };
  return { files, info };
}
