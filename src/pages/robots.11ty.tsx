import { renderRobotsTxt } from "../seo/sitemap.ts";
import { createContext } from "../templates/context.ts";
import type { PageData } from "../templates/page-data.ts";

export const data = { permalink: "/robots.txt" };

/**
 * `/robots.txt`, pointing crawlers at the sitemap. Crawlers read it only at a host's root, so a
 * site under a sub-path needs the host's own robots.txt to carry the Sitemap line (see README).
 */
export function render({ archive }: PageData) {
  return renderRobotsTxt(createContext(archive.site).absoluteUrl("/sitemap.xml"));
}
