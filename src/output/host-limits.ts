import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import {
  HOST_NAMES,
  HOSTS,
  resolveHost,
  type HostLimits,
  type HostName,
  type HostSetting,
} from "../config/hosts.ts";
import { stampOf, type FileStamp } from "../files/file-stamp.ts";

/** How much one top-level part of the output weighs, e.g. `pagefind/`. */
export interface OutputPart {
  /** A top-level folder with a trailing slash, or a file at the top. */
  name: string;
  files: number;
  bytes: number;
}

/** What the output folder holds, measured on disk. */
export interface OutputMeasure {
  files: number;
  folders: number;
  bytes: number;
  /** Path relative to the output with forward slashes; undefined for an empty output. */
  largestFile?: { path: string; bytes: number };
  /** The folder with the most files directly inside it ("" for the top). */
  fullestFolder: { path: string; files: number };
  /** Top-level folders and files, heaviest first by files. */
  parts: OutputPart[];
  /** Every file's path relative to the output, with forward slashes, when asked for. */
  paths?: string[];
  /** With `paths`: each file's stamp, as the build cache records it. */
  stamps?: Map<string, FileStamp>;
}

/** How `measureOutput` walks: whether it lists paths, and stamps it already has. */
export interface MeasureOptions {
  paths?: boolean;
  /**
   * A file's stamp when the caller has it (a page the build cache verified and the build did not
   * write): not asked of the file system again. Undefined for the others.
   */
  known?: (path: string) => FileStamp | undefined;
  /**
   * Every page the build wrote, kept or linked, when the caller knows them all (relative paths).
   * A top-level folder that holds one of them is taken to hold those pages and nothing else: it
   * is not listed, only its pages' stamps are read (and not even those when `known`). Every other
   * top-level folder, and the top level itself, is walked. The tens of thousands of page folders
   * of a large archive cost a listing each otherwise, the largest part of the walk.
   */
  pages?: Iterable<string>;
}

/** Counts and sizes every file under `dir` (links followed to their files; hard links count once per name). */
export function measureOutput(dir: string, options: MeasureOptions = {}): OutputMeasure {
  const measure: OutputMeasure = {
    files: 0,
    folders: 0,
    bytes: 0,
    fullestFolder: { path: "", files: 0 },
    parts: [],
    ...(options.paths ? { paths: [], stamps: new Map() } : {}),
  };
  const parts = new Map<string, OutputPart>();
  const addFile = (rel: string, part: OutputPart) => {
    const stamp = options.known?.(rel) ?? stampOf(statSync(path.join(dir, rel)));
    const bytes = stamp.size;
    measure.paths?.push(rel);
    measure.stamps?.set(rel, stamp);
    measure.files++;
    measure.bytes += bytes;
    const largest = measure.largestFile;
    if (!largest || goesBefore(bytes, rel, largest.bytes, largest.path)) {
      measure.largestFile = { path: rel, bytes };
    }
    part.files++;
    part.bytes += bytes;
  };
  const fullest = (relative: string, files: number) => {
    const { fullestFolder: had } = measure;
    if (files && goesBefore(files, relative, had.files, had.path)) {
      measure.fullestFolder = { path: relative, files };
    }
  };
  const pageFolders = pagesByTopFolder(options.pages ?? []);
  // `part` is the top-level folder or file everything under it is added to.
  const walk = (folder: string, relative: string, part: OutputPart | undefined) => {
    let filesHere = 0;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        measure.folders++;
        const pages = part ? undefined : pageFolders.get(entry.name);
        if (pages) addPages(entry.name, pages, topPart(parts, `${entry.name}/`));
        else walk(full, rel, part ?? topPart(parts, `${entry.name}/`));
        continue;
      }
      filesHere++;
      addFile(rel, part ?? topPart(parts, entry.name));
    }
    fullest(relative, filesHere);
  };
  // A page folder's files are its pages; its folders are theirs and every folder between.
  const addPages = (top: string, pages: readonly string[], part: OutputPart) => {
    const filesIn = new Map<string, number>([[top, 0]]);
    for (const page of pages) {
      addFile(page, part);
      const folder = path.posix.dirname(page);
      filesIn.set(folder, (filesIn.get(folder) ?? 0) + 1);
      for (let above = folder; above !== top;) {
        above = path.posix.dirname(above);
        if (filesIn.has(above)) break;
        filesIn.set(above, 0);
      }
    }
    measure.folders += filesIn.size - 1;
    for (const [folder, files] of filesIn) fullest(folder, files);
  };
  walk(dir, "", undefined);
  measure.parts = [...parts.values()].sort((a, b) => b.files - a.files || b.bytes - a.bytes);
  return measure;
}

/**
 * Whether `amount` at `path` goes before `had` at `hadPath`: more, or as much with the path sorted
 * first, so that the largest file and the fullest folder do not depend on the listing's order.
 */
const goesBefore = (amount: number, path: string, had: number, hadPath: string) =>
  amount > had || (amount === had && path < hadPath);

/** Pages by the top-level folder they are in; pages at the top are left to the walk. */
function pagesByTopFolder(pages: Iterable<string>): Map<string, string[]> {
  const byFolder = new Map<string, string[]>();
  for (const page of pages) {
    const slash = page.indexOf("/");
    if (slash < 0) continue;
    const top = page.slice(0, slash);
    let list = byFolder.get(top);
    if (!list) byFolder.set(top, (list = []));
    list.push(page);
  }
  return byFolder;
}

function topPart(parts: Map<string, OutputPart>, name: string): OutputPart {
  let part = parts.get(name);
  if (!part) parts.set(name, (part = { name, files: 0, bytes: 0 }));
  return part;
}

/** One limit compared with the output. */
export interface LimitCheck {
  /** What was counted, for messages, e.g. "files", "total size". */
  what: string;
  actual: number;
  limit: number;
  /** How `actual` and `limit` are written. */
  unit: "count" | "bytes";
  /** Over the limit, or within `WARN_SHARE` of it. */
  status: "over" | "near" | "ok";
  /** Where it applies, for a per-file or per-folder limit, e.g. `pagefind/fragment/`. */
  where?: string;
}

/** A build at or above this share of a limit warns: the next few hundred stories may not fit. */
export const WARN_SHARE = 0.9;

export interface HostCheck {
  host: HostLimits;
  checks: LimitCheck[];
  status: "over" | "near" | "ok";
}

/** Compares the output with every limit the host publishes. */
export function checkHost(measure: OutputMeasure, host: HostLimits): HostCheck {
  const checks: LimitCheck[] = [];
  const add = (check: Omit<LimitCheck, "status">) => {
    const status =
      check.actual > check.limit
        ? "over"
        : check.actual >= check.limit * WARN_SHARE
          ? "near"
          : "ok";
    checks.push({ ...check, status });
  };
  if (host.maxFiles !== undefined) {
    add({
      what: host.countsFolders ? "files and folders" : "files",
      actual: host.countsFolders ? measure.files + measure.folders : measure.files,
      limit: host.maxFiles,
      unit: "count",
    });
  }
  if (host.maxBytes !== undefined) {
    add({ what: "total size", actual: measure.bytes, limit: host.maxBytes, unit: "bytes" });
  }
  if (host.maxFileBytes !== undefined && measure.largestFile) {
    add({
      what: "largest file",
      actual: measure.largestFile.bytes,
      limit: host.maxFileBytes,
      unit: "bytes",
      where: measure.largestFile.path,
    });
  }
  if (host.maxFilesPerFolder !== undefined) {
    add({
      what: "files in one folder",
      actual: measure.fullestFolder.files,
      limit: host.maxFilesPerFolder,
      unit: "count",
      where: measure.fullestFolder.path ? `${measure.fullestFolder.path}/` : "the top folder",
    });
  }
  const status = checks.some((c) => c.status === "over")
    ? "over"
    : checks.some((c) => c.status === "near")
      ? "near"
      : "ok";
  return { host, checks, status };
}

/** A build that does not fit the host named in `_data/site.json`; the previous site is kept. */
export class HostLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HostLimitError";
  }
}

const count = (n: number) => n.toLocaleString("en");
/** A share in whole percent; a share above 0 but under 1% is "<1%", not "0%". */
const percent = (part: number, whole: number) => {
  const share = (part / whole) * 100;
  return share > 0 && share < 1 ? "<1%" : `${Math.round(share)}%`;
};
const files = (n: number) => `${count(n)} ${n === 1 ? "file" : "files"}`;

/**
 * Bytes for a person: the binary unit where the number is a whole number of them (a limit such as
 * 25 MiB), otherwise decimal with one decimal place (a measured size, a limit such as 1 GB).
 */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [
    ["GiB", 1024 ** 3],
    ["MiB", 1024 ** 2],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${count(bytes / size)} ${unit}`;
  }
  for (const [unit, size] of [
    ["GB", 1e9],
    ["MB", 1e6],
    ["kB", 1e3],
  ] as const) {
    if (bytes >= size) return `${(bytes / size).toFixed(1).replace(/\.0$/, "")} ${unit}`;
  }
  return `${bytes} bytes`;
}

function formatAmount(check: Pick<LimitCheck, "unit">, n: number): string {
  return check.unit === "bytes" ? formatBytes(n) : count(n);
}

/** The one-line report: files, total size, largest file. */
export function describeOutput(measure: OutputMeasure): string {
  const largest = measure.largestFile
    ? `, largest file ${measure.largestFile.path} (${formatBytes(measure.largestFile.bytes)})`
    : "";
  return `${files(measure.files)}, ${formatBytes(measure.bytes)}${largest}`;
}

/** The top `limit` parts by files and by bytes, with their share of the whole. */
export function describeParts(measure: OutputMeasure, limit = 5): string[] {
  const share = (part: number, whole: number) => (whole ? ` (${percent(part, whole)})` : "");
  const byFiles = measure.parts
    .slice(0, limit)
    .map((p) => `${p.name} ${files(p.files)}${share(p.files, measure.files)}`);
  const byBytes = [...measure.parts]
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, limit)
    .map((p) => `${p.name} ${formatBytes(p.bytes)}${share(p.bytes, measure.bytes)}`);
  return [`by files: ${byFiles.join(", ")}`, `by size: ${byBytes.join(", ")}`];
}

function describeCheck(check: LimitCheck): string {
  const where = check.where ? ` (${check.where})` : "";
  const actual = formatAmount(check, check.actual);
  const limit = formatAmount(check, check.limit);
  if (check.status === "over") {
    const by = formatAmount(check, check.actual - check.limit);
    const over = percent(check.actual - check.limit, check.limit);
    return `${check.what}${where}: ${actual}, ${by} (${over}) over the limit of ${limit}`;
  }
  return `${check.what}${where}: ${actual}, ${percent(check.actual, check.limit)} of the limit of ${limit}`;
}

/** One line for a build that fits its host with room to spare, e.g. "Fits GitHub Pages: total size 32% of 1 GB." */
export function describeHostFit(result: HostCheck): string {
  const parts = result.checks.map(
    (c) => `${c.what} ${percent(c.actual, c.limit)} of ${formatAmount(c, c.limit)}`,
  );
  return `Fits ${result.host.label}: ${parts.join(", ")}.`;
}

/** The named hosts whose limits this output fits (with room to grow, when `roomy`), for the fix. */
function hostsThatFit(measure: OutputMeasure, roomy: boolean): HostName[] {
  return HOST_NAMES.filter((name) => {
    const status = checkHost(measure, HOSTS[name]).status;
    return roomy ? status === "ok" : status !== "over";
  });
}

/** The first line: over or close to which limits, and where they were set. */
function heading(status: HostCheck["status"], host: HostLimits, setting: HostSetting): string {
  const where = `_data/site.json "host"`;
  if (typeof setting === "string") {
    const named = `${host.label}, the host named in ${where} ("${setting}")`;
    return status === "over"
      ? `The site is too large for ${named}.`
      : `The site is close to the limits of ${named}.`;
  }
  const limits = `the limits set in ${where}${setting.name ? ` ("${setting.name}")` : ""}`;
  return status === "over" ? `The site is over ${limits}.` : `The site is close to ${limits}.`;
}

/**
 * The error for a build over the host's limits, or the warning for one within 10% of them: what
 * is over and by how much, what weighs most, and how to fix it.
 */
export function describeHostCheck(
  result: HostCheck,
  measure: OutputMeasure,
  setting: HostSetting,
): string {
  const relevant = result.checks.filter((c) => c.status !== "ok");
  const lines = [
    heading(result.status, result.host, setting),
    ...relevant.map((c) => `  - ${describeCheck(c)}`),
    "What weighs most:",
    ...describeParts(measure).map((line) => `  ${line}`),
  ];
  const fit = hostsThatFit(measure, result.status === "near").filter((name) => name !== setting);
  const otherHosts = fit.length
    ? `another host whose limits it fits ("host": ${fit.map((n) => `"${n}"`).join(", ")})`
    : "another host";
  lines.push(
    result.status === "over"
      ? `To fix it: choose ${otherHosts}, set the limits of your plan or server ("host": { "maxFiles": …, "maxBytes": … }), or publish fewer pages (fewer articles, or leave out the parts that weigh most). Nothing was published: the previous output is unchanged.`
      : `Before it grows past them: plan for ${otherHosts}, your plan's own limits ("host": { "maxFiles": …, "maxBytes": … }), or fewer pages.`,
  );
  return lines.join("\n");
}

export interface OutputCheck {
  measure: OutputMeasure;
  /** Only when `_data/site.json` names a host. */
  check?: HostCheck;
  /** Within 10% of a limit: what is close, what weighs most, what to do. */
  warning?: string;
}

/**
 * Measures `dir` (listing its files in `measure.paths` if asked) and compares it with `setting`'s
 * limits; throws a `HostLimitError` when over.
 */
export function checkOutput(
  dir: string,
  setting: HostSetting | undefined,
  options: MeasureOptions = {},
): OutputCheck {
  const measure = measureOutput(dir, options);
  if (setting === undefined) return { measure };
  const check = checkHost(measure, resolveHost(setting));
  if (check.status === "over") {
    throw new HostLimitError(describeHostCheck(check, measure, setting));
  }
  const warning = check.status === "near" ? describeHostCheck(check, measure, setting) : undefined;
  return { measure, check, warning };
}
