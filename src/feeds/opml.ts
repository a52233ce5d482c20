import type { Archive } from "../collections/archive.ts";
import { TERM_LABELS } from "../collections/archive.ts";
import type { RenderContext } from "../templates/context.ts";
import { TERM_KINDS } from "../registry/registry.ts";
import { SITE_ATOM_PATH, termFeedPath } from "./feed-links.ts";
import { escapeXml, xmlElement } from "./xml.ts";

export const OPML_PATH = "/feeds.opml";

/**
 * An OPML 2.0 subscription list of every feed: the whole archive, then every topic, person and
 * place, grouped by kind, so a feed reader can follow them all at once.
 * @see http://opml.org/spec2.opml
 */
export function renderOpml(archive: Archive, ctx: RenderContext): string {
  const outline = (title: string, path: string, page: string) =>
    xmlElement("outline", {
      type: "rss",
      text: title,
      title,
      xmlUrl: ctx.absoluteUrl(path),
      htmlUrl: ctx.absoluteUrl(page),
    });
  const groups = TERM_KINDS.filter((kind) => archive.terms[kind].length > 0).map(
    (kind) =>
      `    <outline text="${escapeXml(TERM_LABELS[kind].plural)}">\n${archive.terms[kind]
        .map((term) => `      ${outline(term.name, termFeedPath(term), term.url)}`)
        .join("\n")}\n    </outline>`,
  );
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<opml version="2.0">`,
    `  <head>`,
    `    ${xmlElement("title", {}, `${archive.site.title}: every feed`)}`,
    `  </head>`,
    `  <body>`,
    `    ${outline(archive.site.title, SITE_ATOM_PATH, "/")}`,
    ...groups,
    `  </body>`,
    `</opml>`,
    "",
  ].join("\n");
}
