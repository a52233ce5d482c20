import type { Importer } from "../importer.ts";
import { looksLikeWordpressExport, parseWordpressExport } from "./wxr.ts";

/** A WordPress export (WXR, Tools → Export): its posts, with their categories and tags. */
export const wordpressImporter: Importer<"wordpress"> = {
  format: "wordpress",
  expected: "a WordPress export (.xml)",
  files: { pattern: /\.xml$/i, named: ".xml" },
  detect: { declared: (file) => looksLikeWordpressExport(file.text()) },
  parse: (file) => parseWordpressExport(file.text(), file.display, { path: file.path }),
  vocabulary: true,
  notInFormat: "an XML file that is not a WordPress export (WXR): not a story.",
};
