import { OPML_PATH, renderOpml } from "../feeds/opml.ts";
import { createContext } from "../templates/context.ts";
import type { PageData } from "../templates/page-data.ts";

export const data = { permalink: OPML_PATH };

/** `/feeds.opml`: every feed of the archive in one subscription list. */
export function render({ archive }: PageData) {
  return renderOpml(archive, createContext(archive.site));
}
