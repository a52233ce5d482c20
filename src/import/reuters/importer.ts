import type { Importer } from "../importer.ts";
import { mergeSource } from "../sources.ts";
import { looksLikeReutersSgml, parseReutersSgml, REUTERS_SOURCE } from "./sgml.ts";

/**
 * Reuters-21578 SGML (`reut2-*.sgm`), read as latin-1 as the collection's README says. Its
 * topic, place and people codes become registry entries, and an import that wrote its stories
 * cites the collection in `_data/sources.json`, as its terms ask.
 */
export const reutersImporter: Importer<"reuters"> = {
  format: "reuters",
  expected: "Reuters SGML (.sgm)",
  files: { pattern: /\.sgm$/i, named: ".sgm" },
  claimsFolder: true,
  detect: { declared: (file) => looksLikeReutersSgml(file.latin1()) },
  parse: (file) => parseReutersSgml(file.latin1(), file.display, { limit: file.limit }),
  vocabulary: true,
  afterWriting: (root) => {
    mergeSource(root, REUTERS_SOURCE);
  },
};
