import type { TermKind } from "../registry/registry.ts";
import { quote } from "./quote.ts";
import type { DateSource } from "./types.ts";
import type { ArticleStatus } from "./write-articles.ts";

export type ImportStatus = ArticleStatus | "failed";

/** What happened to one story (or to an input that gave none). */
export interface ImportOutcome {
  status: ImportStatus;
  /** `file:line` in the input. */
  input: string;
  title?: string;
  /** The article file, relative to the archive root. */
  article?: string;
  reason?: string;
}

/** How many stories took their date from each source; `undated` and `refused` ones have none. */
export type DateCounts = Record<DateSource | "undated" | "refused", number>;

/** The write that stopped an import (full disk, no permission, read-only file system). */
export interface ImportStop {
  /** The file that could not be written, relative to the archive root. */
  file: string;
  /** Node's reason, e.g. `ENOSPC: no space left on device, write`. */
  reason: string;
  /** Stories ready to be written that were not, because the import stopped. */
  notWritten: number;
  /** Set when the manifest of what was written could not be updated either. */
  manifestError?: string;
}

export interface ImportSummary {
  outcomes: ImportOutcome[];
  counts: Record<ImportStatus, number>;
  dates: DateCounts;
  /** Set when a write failed: the outcomes are what was done before it. */
  stopped?: ImportStop;
  /** New registry entries, per kind. */
  registryAdded: Record<TermKind, number>;
  /** Things counted on the way, e.g. photos only on the web kept as caption-only figures. */
  tallies: Record<string, number>;
  /** Keywords and sections of web pages that are not in the registry, most frequent first. */
  leftOutNames: Array<{ name: string; stories: number }>;
  dryRun: boolean;
}

/** Where in the input a story or problem is: `file:line`, or the file alone. */
export function where(file: string, line?: number): string {
  return line ? `${file}:${line}` : file;
}

/** How many of one kind of skip the summary lists before it only counts the rest. */
const LISTED = 10;

function line(outcome: ImportOutcome): string {
  const title = outcome.title ? ` ${quote(outcome.title)}` : "";
  const article = outcome.article ? ` → ${outcome.article}` : "";
  return `  ${outcome.input}${title}${article}: ${outcome.reason ?? outcome.status}`;
}

const DATE_SOURCES: Array<[keyof DateCounts, string]> = [
  ["dateline", "from datelines"],
  ["first-line", "from date lines"],
  ["caption", "from captions"],
  ["metadata", "from metadata"],
  ["option", "from --date"],
  ["undated", "undated"],
  ["refused", "refused"],
];

/** "12 from datelines, 40 from --date, 2 undated": where the stories' dates came from. */
export function formatDateCounts(dates: DateCounts): string {
  return DATE_SOURCES.filter(([source]) => dates[source] > 0)
    .map(([source, label]) => `${dates[source]} ${label}`)
    .join(", ");
}

/**
 * The report printed after an import: counts first, then every story that was not imported or
 * left unchanged, with the reason. Skips that repeat one reason (Reuters stories without a body)
 * are listed up to ten unless `verbose`.
 */
export function formatSummary(summary: ImportSummary, options: { verbose?: boolean } = {}): string {
  const { counts } = summary;
  const out: string[] = [];
  out.push(summary.dryRun ? "Import (dry run: nothing was written)" : "Import");
  out.push(
    `  imported   ${counts.imported + counts.updated} (${counts.imported} new, ${counts.updated} updated)`,
  );
  out.push(`  unchanged  ${counts.unchanged}`);
  out.push(`  kept       ${counts.kept} (changed by hand; --force overwrites)`);
  out.push(`  skipped    ${counts.skipped}`);
  out.push(`  failed     ${counts.failed}`);
  const dates = formatDateCounts(summary.dates);
  if (dates) out.push(`  dates      ${dates}`);
  const added = Object.entries(summary.registryAdded).filter(([, n]) => n > 0);
  if (added.length) {
    out.push(`  registry   added ${added.map(([kind, n]) => `${n} ${kind}`).join(", ")}`);
  }
  for (const [what, count] of Object.entries(summary.tallies).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    out.push(`  note       ${count} ${what}`);
  }
  if (summary.leftOutNames.length) {
    const names = summary.leftOutNames
      .slice(0, LISTED)
      .map(({ name, stories }) => `${quote(name)} (${stories})`)
      .join(", ");
    const more = summary.leftOutNames.length - LISTED;
    out.push(
      `  keywords   ${summary.leftOutNames.length} not in the registry, left out: ${names}${more > 0 ? `, … and ${more} more` : ""}.`,
      "             Add the ones readers should browse by to _data/topics.json and import again.",
    );
  }
  const sections: Array<[ImportStatus, string]> = [
    ["failed", "Failed"],
    ["kept", "Kept"],
    ["updated", "Updated"],
    ["skipped", "Skipped"],
  ];
  for (const [status, heading] of sections) {
    const list = summary.outcomes.filter(
      (o) => o.status === status && (status !== "updated" || o.reason),
    );
    if (list.length === 0) continue;
    out.push("", `${heading} (${list.length}):`);
    const byReason = new Map<string, ImportOutcome[]>();
    for (const outcome of list) {
      const group = byReason.get(outcome.reason ?? "") ?? [];
      group.push(outcome);
      byReason.set(outcome.reason ?? "", group);
    }
    for (const group of byReason.values()) {
      const shown = options.verbose || status !== "skipped" ? group : group.slice(0, LISTED);
      out.push(...shown.map(line));
      if (shown.length < group.length) {
        out.push(
          `  … and ${group.length - shown.length} more for the same reason (--verbose lists them).`,
        );
      }
    }
  }
  const { stopped } = summary;
  if (stopped) {
    out.push(
      "",
      `Stopped: could not write ${stopped.file} (${stopped.reason}).`,
      `  The counts above are what was done before it${stopped.notWritten ? `; ${stopped.notWritten} more ${stopped.notWritten === 1 ? "story was" : "stories were"} not written` : ""}.`,
    );
    if (stopped.manifestError) {
      out.push(
        `  content/.imported.json could not be updated either (${stopped.manifestError}); the articles written are found again by their text.`,
      );
    }
    out.push(
      "  Free space or make the folder writable, then run the same import again: it writes only what is missing.",
    );
  }
  return out.join("\n");
}

/** 1 when a story or input failed (unreadable, malformed, empty, no date) or a write failed; skips by design are not failures. */
export function importExitCode(summary: ImportSummary): number {
  return summary.counts.failed > 0 || summary.stopped ? 1 : 0;
}
