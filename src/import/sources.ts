import path from "node:path";
import { z } from "zod";
import { formatJsonList, readJsonList } from "./json-file.ts";
import { writeFileAtomic } from "../files/atomic-write.ts";

/** One entry of `_data/sources.json`: a collection the archive draws on, cited on the about page. */
export const sourceSchema = z.object({
  /** Stable id, e.g. `reuters-21578`. */
  id: z.string().min(1),
  /** The name the collection asks to be cited by. */
  name: z.string().min(1),
  /** The citation and acknowledgement, as the collection's documentation words them. */
  citation: z.string().min(1),
});

export type SourceCitation = z.infer<typeof sourceSchema>;

export const SOURCES_FILE = path.join("_data", "sources.json");

/**
 * Writes `source` into `<root>/_data/sources.json`, replacing an entry with the same id and
 * keeping the others. Returns false when the file already said the same.
 */
export function mergeSource(root: string, source: SourceCitation): boolean {
  const file = path.join(root, SOURCES_FILE);
  const { list } = readJsonList(file);
  const entries = z.array(sourceSchema).parse(list);
  const index = entries.findIndex((entry) => entry.id === source.id);
  const existing = entries[index];
  if (existing && existing.name === source.name && existing.citation === source.citation) {
    return false;
  }
  if (index >= 0) entries[index] = source;
  else entries.push(source);
  writeFileAtomic(file, formatJsonList(entries));
  return true;
}
