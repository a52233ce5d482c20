import { readFileSync } from "node:fs";
import { isGzip } from "./decode.ts";
import { detectImporter, importFile } from "./detect-format.ts";
import {
  IMPORTERS,
  importerFor,
  unknownFormatMessage,
  type RegisteredImporter,
} from "./importers.ts";
import { notAStoryByContent, type InputFile } from "./list-inputs.ts";
import type { ParsedInput } from "./types.ts";

/** What one input file gave, and the importer that read it (none when none could). */
export interface ReadInput {
  parsed: ParsedInput;
  importer?: RegisteredImporter;
}

function skip(input: InputFile, reason: string): ReadInput {
  return { parsed: { stories: [], skipped: [{ file: input.display, reason }], problems: [] } };
}

function fail(input: InputFile, message: string): ReadInput {
  return { parsed: { stories: [], skipped: [], problems: [{ file: input.display, message }] } };
}

/**
 * Reads one input file with the importer of its format: the one given with `--format`, else the
 * one detection finds. A file found in a folder that is empty or binary is skipped, and so is
 * one that only looks like a format's file (an `.xml` that is not an export); any other file no
 * importer reads fails, naming the formats. `limit` is the most stories still wanted.
 */
export function readInputFile(input: InputFile, limit: number | undefined): ReadInput {
  let bytes: Buffer;
  try {
    bytes = readFileSync(input.path);
  } catch (error) {
    return fail(input, `cannot be read (${(error as Error).message}).`);
  }
  // A compressed file holds NUL bytes and is not judged by them: its format reads it.
  const notAStory = input.inFolder && !isGzip(bytes) ? notAStoryByContent(bytes) : undefined;
  if (notAStory) return skip(input, notAStory);
  const file = importFile(bytes, { ...input, limit });
  const importer = input.format ? importerFor(input.format) : detectImporter(file);
  if (importer) return { parsed: importer.parse(file), importer };
  const lookalike = input.inFolder
    ? IMPORTERS.find((other) => other.notInFormat && other.files.pattern.test(input.path))
    : undefined;
  if (lookalike?.notInFormat) return skip(input, lookalike.notInFormat);
  return fail(input, unknownFormatMessage());
}
