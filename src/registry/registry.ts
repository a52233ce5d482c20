import { stripMarkup } from "../security/sanitize.ts";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ContentError } from "../errors/content-errors.ts";
import { formatZodIssue } from "../errors/zod-issues.ts";
import { foldName, slugifyName } from "./fold.ts";

export const TERM_KINDS = ["topics", "people", "places"] as const;
export type TermKind = (typeof TERM_KINDS)[number];

/** One entry of `_data/people.json`, `_data/topics.json` or `_data/places.json`. */
export const registryEntrySchema = z
  .object({
    /** Stable URL slug. Default: the slug of `name`. */
    id: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "expected a lowercase slug such as north-korea")
      .optional(),
    /** Display name. */
    name: z.string().trim().min(1, "is required: the display name"),
    /** Other names that resolve to this entry, in front matter and when tagging at import. */
    aliases: z.array(z.string().min(1)).default([]),
    /** A sentence or two shown on the entry's page. */
    description: z.string().optional(),
    /** A portrait or emblem shown on the entry's page: a file under `assets/`, with its alt text. */
    photo: z
      .object({
        src: z.string().min(1),
        alt: z
          .string()
          .trim()
          .min(1, "is required: describe the photo for readers who cannot see it"),
        credit: z.string().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export interface Term {
  kind: TermKind;
  id: string;
  name: string;
  aliases: string[];
  description?: string;
  photo?: { src: string; alt: string; credit?: string };
  /** False for a name used in an article but missing from the registry. */
  registered: boolean;
}

export interface RegistryKind {
  kind: TermKind;
  /** The registry file, relative to the archive root. */
  file: string;
  entries: Term[];
  /** Folded id, name and alias → entry. */
  byKey: Map<string, Term>;
  /** Id → entry. */
  byId: Map<string, Term>;
  /** Markup removed from descriptions (shown as text), as `file: field: what` warnings. */
  removedMarkup: string[];
}

export type Registry = Record<TermKind, RegistryKind>;

/** Builds the lookup tables for one kind, rejecting ids or names that two entries share. */
export function buildRegistryKind(kind: TermKind, file: string, raw: unknown): RegistryKind {
  const list = z.array(registryEntrySchema).safeParse(raw);
  if (!list.success) {
    const issue = formatZodIssue(list.error.issues[0]!);
    throw new ContentError(
      file,
      `${issue.message} (expected a JSON list of {id, name, aliases, description}).`,
      {
        field: issue.field || undefined,
      },
    );
  }
  const registry: RegistryKind = {
    kind,
    file,
    entries: [],
    byKey: new Map(),
    byId: new Map(),
    removedMarkup: [],
  };
  list.data.forEach((entry, index) => {
    const description =
      entry.description === undefined ? undefined : stripMarkup(entry.description);
    for (const what of description?.removed ?? []) {
      registry.removedMarkup.push(`${file}: [${index}].description: removed ${what}`);
    }
    const term: Term = {
      kind,
      id: entry.id ?? slugifyName(entry.name),
      name: entry.name,
      aliases: entry.aliases,
      description: description?.text,
      photo: entry.photo,
      registered: true,
    };
    const other = registry.byId.get(term.id);
    if (other) {
      throw new ContentError(
        file,
        `"${term.name}" and "${other.name}" both have the id "${term.id}": give one of them a different id, or merge them and list one name as an alias.`,
        { field: `[${index}].id` },
      );
    }
    registry.byId.set(term.id, term);
    registry.entries.push(term);
    for (const name of [term.id, term.name, ...term.aliases]) {
      const key = foldName(name);
      const owner = registry.byKey.get(key);
      if (owner && owner !== term) {
        throw new ContentError(
          file,
          `the name "${name}" of "${term.name}" is also a name of "${owner.name}": a name can belong to one entry only.`,
          { field: `[${index}]` },
        );
      }
      registry.byKey.set(key, term);
    }
  });
  return registry;
}

/** Reads the registry files under `<root>/_data`; a missing file is an empty registry. */
export function loadRegistry(root: string): Registry {
  const registry = {} as Registry;
  for (const kind of TERM_KINDS) {
    const file = path.join("_data", `${kind}.json`);
    const absolute = path.join(root, file);
    let raw: unknown = [];
    if (existsSync(absolute)) {
      try {
        raw = JSON.parse(readFileSync(absolute, "utf8"));
      } catch (error) {
        throw new ContentError(file, `is not valid JSON (${(error as Error).message}).`, {
          cause: error,
        });
      }
    }
    registry[kind] = buildRegistryKind(kind, file, raw);
    registry[kind].entries.forEach((term, index) => {
      if (!term.photo) return;
      const assets = path.join(root, "assets");
      const target = path.resolve(assets, term.photo.src);
      if (!target.startsWith(assets + path.sep) || !existsSync(target)) {
        throw new ContentError(
          file,
          `the photo "${term.photo.src}" of "${term.name}" does not exist: expected a file under assets/, such as photos/people/${term.id}.jpg.`,
          { field: `[${index}].photo.src` },
        );
      }
    });
  }
  return registry;
}

/**
 * Resolves the names written in articles to registry terms, through ids, names and aliases
 * (case- and accent-folded). An unknown name becomes an unregistered term with a slug of its own.
 * Two different names that fold to one slug are an error naming both files.
 */
export class TermResolver {
  private readonly unknown = new Map<string, { term: Term; folded: string; file: string }>();

  constructor(readonly registry: Registry) {}

  resolve(kind: TermKind, name: string, file: string, field: string): Term {
    const table = this.registry[kind];
    const folded = foldName(name);
    const known = table.byKey.get(folded);
    if (known) return known;
    const id = slugifyName(name);
    if (!id) {
      throw new ContentError(
        file,
        `"${name}" has no letters or digits to make a page address from.`,
        { field },
      );
    }
    const registered = table.byId.get(id);
    if (registered) {
      throw new ContentError(
        file,
        `"${name}" and "${registered.name}" in ${table.file} both make the address /${kind}/${id}/: write "${registered.name}", or add "${name}" to its aliases.`,
        { field },
      );
    }
    // Per kind: a place and a topic may share a name, each with its own page.
    const key = `${kind}/${id}`;
    const seen = this.unknown.get(key);
    if (seen) {
      if (seen.folded !== folded) {
        throw new ContentError(
          file,
          `"${name}" and "${seen.term.name}" in ${seen.file} both make the address /${kind}/${id}/: use one spelling, or add the entry to ${table.file} with the other as an alias.`,
          { field },
        );
      }
      return seen.term;
    }
    const term: Term = { kind, id, name: name.trim(), aliases: [], registered: false };
    this.unknown.set(key, { term, folded, file });
    return term;
  }

  /** Names used in articles that have no registry entry, by kind. */
  unknownTerms(): Array<{ term: Term; file: string }> {
    return [...this.unknown.values()].map(({ term, file }) => ({ term, file }));
  }
}
