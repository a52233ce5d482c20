import { decodeText } from "./decode.ts";
import type { ImportFile } from "./importer.ts";
import { IMPORTERS, type ImportFormat, type RegisteredImporter } from "./importers.ts";

/** A file's bytes as importers read them, each text decoded once, when first asked for. */
export function importFile(
  bytes: Buffer,
  about: Pick<ImportFile, "path" | "display" | "topic" | "limit">,
): ImportFile {
  let latin1: string | undefined;
  let text: string | undefined;
  return {
    ...about,
    bytes,
    latin1: () => (latin1 ??= bytes.toString("latin1")),
    text: () => (text ??= decodeText(bytes).text),
  };
}

/**
 * The importer whose format a file is in, by the strongest sign any of them sees (see
 * `Detection`): a name that settles it, a declaration, the text's shape, then a name that
 * nothing else claims. Undefined when none claims it, e.g. a binary file.
 */
export function detectImporter(file: ImportFile): RegisteredImporter | undefined {
  const byName = IMPORTERS.find((importer) => importer.detect.name?.test(file.path));
  if (byName) return byName;
  const declared = IMPORTERS.find((importer) => importer.detect.declared?.(file));
  if (declared) return declared;
  const text = file.text();
  if (text.includes("\u0000")) return undefined;
  return (
    IMPORTERS.find((importer) => importer.detect.shaped?.(text)) ??
    IMPORTERS.find((importer) => importer.detect.otherwise?.test(file.path))
  );
}

/** The format of a file with this name and text (see detectImporter). */
export function detectFormat(fileName: string, text: string): ImportFormat | undefined {
  const file = importFile(Buffer.from(text), { path: fileName, display: fileName });
  return detectImporter({ ...file, latin1: () => text, text: () => text })?.format;
}
