import { ContentError, ContentErrors } from "../errors/content-errors.ts";
import { loadArchive } from "../collections/load-archive.ts";
import { markdownText } from "../content/markdown.ts";
import { loadRegistry, TERM_KINDS, type TermKind } from "../registry/registry.ts";
import { findPeopleCandidates } from "../tagging/people-candidates.ts";
import { Tagger } from "../tagging/tagger.ts";

export interface UnknownName {
  kind: TermKind;
  name: string;
  /** Articles that use it, relative to the archive root. */
  files: string[];
}

export interface PersonCandidate {
  name: string;
  files: string[];
}

export interface CheckReport {
  /** Problems that stop the site from building; empty when the content is valid. */
  errors: ContentError[];
  /** Names in front matter with no registry entry; they still get pages. */
  unknownNames: UnknownName[];
  /** Names in the text that look like people and are not in the registry, most used first. */
  peopleCandidates: PersonCandidate[];
  /** Markup the sanitiser removes, as `file:line: removed …` warnings. */
  removedMarkup: string[];
}

/**
 * Checks an archive as the build reads it (`loadArchive`): content errors, names used in front
 * matter that the registry does not know, and names in the text that look like people the
 * registry lacks. Drafts are left out, as the archive leaves them out.
 */
export function checkArchive(root: string, env: NodeJS.ProcessEnv = {}): CheckReport {
  let archive;
  try {
    archive = loadArchive(root, env);
  } catch (error) {
    if (error instanceof ContentErrors)
      return { errors: error.errors, unknownNames: [], peopleCandidates: [], removedMarkup: [] };
    if (error instanceof ContentError)
      return { errors: [error], unknownNames: [], peopleCandidates: [], removedMarkup: [] };
    throw error;
  }
  const unknownNames = TERM_KINDS.flatMap((kind) =>
    archive.terms[kind]
      .filter((term) => !term.registered)
      .map((term) => ({ kind, name: term.name, files: term.articles.map((a) => a.file).sort() })),
  );
  const tagger = new Tagger(loadRegistry(root));
  const candidates = new Map<string, Set<string>>();
  for (const article of archive.articles) {
    // Headlines are left out: written in title case, every run of words in them looks like a name.
    const texts = [
      markdownText(article.body),
      ...article.images.map((image) => image.caption ?? ""),
    ];
    for (const name of findPeopleCandidates(texts.join("\n\n"), tagger)) {
      const files = candidates.get(name) ?? new Set<string>();
      files.add(article.file);
      candidates.set(name, files);
    }
  }
  const peopleCandidates = [...candidates]
    .map(([name, files]) => ({ name, files: [...files].sort() }))
    .sort((a, b) => b.files.length - a.files.length || a.name.localeCompare(b.name));
  return { errors: [], unknownNames, peopleCandidates, removedMarkup: archive.removedMarkup ?? [] };
}

/** How many candidates the report lists before it only counts the rest. */
const LISTED_CANDIDATES = 30;

function filesList(files: readonly string[]): string {
  const shown = files.slice(0, 3).join(", ");
  return files.length > 3 ? `${shown} and ${files.length - 3} more` : shown;
}

/** The report for a person at a terminal. */
export function formatCheckReport(
  report: CheckReport,
  options: { verbose?: boolean } = {},
): string {
  const out: string[] = [];
  if (report.errors.length) {
    const count = report.errors.length === 1 ? "1 problem" : `${report.errors.length} problems`;
    out.push(`✖ The content has ${count}:`, ...report.errors.map((e) => `  - ${e.message}`));
    return out.join("\n");
  }
  out.push("✔ The content is valid.");
  if (report.removedMarkup.length) {
    out.push(
      "",
      `Markup removed as unsafe or outside the allowlist (${report.removedMarkup.length}); it is left out of the site:`,
      ...report.removedMarkup.map((line) => `  ⚠ ${line}`),
    );
  }
  if (report.unknownNames.length) {
    out.push(
      "",
      `Names in front matter that are not in the registry (${report.unknownNames.length}); add them to _data/<kind>.json, or as an alias of an entry:`,
      ...report.unknownNames.map((u) => `  ${u.kind}: "${u.name}" in ${filesList(u.files)}`),
    );
  }
  if (report.peopleCandidates.length) {
    const shown = options.verbose
      ? report.peopleCandidates
      : report.peopleCandidates.slice(0, LISTED_CANDIDATES);
    out.push(
      "",
      `Names in the text that look like people and are not in _data/people.json (${report.peopleCandidates.length}; a guess from capitalised words):`,
      ...shown.map((c) => `  ${c.name} (${c.files.length}): ${filesList(c.files)}`),
    );
    if (shown.length < report.peopleCandidates.length) {
      out.push(
        `  … and ${report.peopleCandidates.length - shown.length} more (--verbose lists them).`,
      );
    }
  }
  return out.join("\n");
}

/** 1 when the content has errors; unknown names and candidates are advice, not failures. */
export function checkExitCode(report: CheckReport): number {
  return report.errors.length ? 1 : 0;
}
