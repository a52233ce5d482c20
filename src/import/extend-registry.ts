import path from "node:path";
import { foldName } from "../registry/fold.ts";
import {
  buildRegistryKind,
  TERM_KINDS,
  type Registry,
  type Term,
  type TermKind,
} from "../registry/registry.ts";
import { appendToJsonList } from "./json-file.ts";
import type { RegistryAddition, Story } from "./types.ts";

export interface RegistryExtension {
  /** The registry with the new entries, for tagging. */
  registry: Registry;
  /** New entries per kind, in the order the stories first name them. */
  added: Record<TermKind, RegistryAddition[]>;
}

/**
 * Adds the entries that stories bring from their source's vocabulary (Reuters codes) to the
 * registry, unless an entry with the same id or name is already there, and rewrites each story's
 * names to the registry's display names. Aliases that another entry already owns are dropped.
 */
export function extendRegistry(registry: Registry, stories: readonly Story[]): RegistryExtension {
  const added: Record<TermKind, RegistryAddition[]> = { topics: [], people: [], places: [] };
  const extended = {} as Registry;
  for (const kind of TERM_KINDS) {
    const table = registry[kind];
    const byId = new Map(table.byId);
    const byKey = new Map<string, Pick<Term, "name">>(table.byKey);
    for (const story of stories) {
      for (const term of story.terms[kind]) {
        const known = term.addition ? byId.get(term.addition.id) : undefined;
        const same =
          known ??
          byKey.get(foldName(term.addition?.name ?? term.name)) ??
          (term.addition ? byKey.get(foldName(term.addition.id)) : undefined);
        if (same) {
          term.name = same.name;
          continue;
        }
        if (!term.addition) continue;
        const entry: RegistryAddition = {
          ...term.addition,
          aliases: term.addition.aliases.filter((alias) => !byKey.has(foldName(alias))),
        };
        const placeholder = { name: entry.name };
        for (const name of [entry.id, entry.name, ...entry.aliases]) {
          if (!byKey.has(foldName(name))) byKey.set(foldName(name), placeholder);
        }
        byId.set(entry.id, {
          ...placeholder,
          kind,
          id: entry.id,
          aliases: entry.aliases,
          registered: true,
        });
        added[kind].push(entry);
        term.name = entry.name;
      }
    }
    extended[kind] = added[kind].length
      ? buildRegistryKind(kind, table.file, [
          ...table.entries.map(({ id, name, aliases, description }) => ({
            id,
            name,
            aliases,
            description,
          })),
          ...added[kind],
        ])
      : table;
  }
  return { registry: extended, added };
}

/** Appends the new entries to `<root>/_data/{topics,people,places}.json`. */
export function writeRegistryAdditions(
  root: string,
  added: Record<TermKind, RegistryAddition[]>,
): void {
  for (const kind of TERM_KINDS) {
    appendToJsonList(
      path.join(root, "_data", `${kind}.json`),
      added[kind].map(({ id, name, aliases }) => ({ id, name, aliases })),
    );
  }
}
