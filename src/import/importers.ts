import { htmlImporter } from "./html/importer.ts";
import { listInWords } from "./list-in-words.ts";
import { textImporter } from "./plain-text.ts";
import { reutersImporter } from "./reuters/importer.ts";
import { seedImporter } from "./seed-dump.ts";
import { wordpressImporter } from "./wordpress/importer.ts";

/**
 * Every input format, in the order the usage text lists them. A new format is a module that
 * exports its `Importer` (see importer.ts) and one line here; the runner, the file listing, the
 * detection and `npm run import` take it from this table.
 */
export const IMPORTERS = [
  htmlImporter,
  wordpressImporter,
  seedImporter,
  textImporter,
  reutersImporter,
] as const;

/** An importer of the table, with its format's name as a type. */
export type RegisteredImporter = (typeof IMPORTERS)[number];

export type ImportFormat = RegisteredImporter["format"];

/** The names `--format` takes, in the table's order. */
export const IMPORT_FORMATS: readonly ImportFormat[] = IMPORTERS.map((importer) => importer.format);

export function isImportFormat(name: string): name is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(name);
}

export function importerFor(format: ImportFormat): RegisteredImporter {
  return IMPORTERS.find((importer) => importer.format === format)!;
}

/** "html|wordpress|…": the formats as the usage text and messages offer them. */
export function formatChoices(): string {
  return IMPORT_FORMATS.join("|");
}

/** Why a file no importer claims fails, naming every format. */
export function unknownFormatMessage(): string {
  const expected = listInWords(
    IMPORTERS.map((importer) => importer.expected),
    "or",
  );
  return `is in an unknown format: expected ${expected}. Give --format ${formatChoices()}.`;
}
