import type { Site } from "../config/site.ts";

/** What every component needs to know about the build: the site and how to write its URLs. */
export interface RenderContext {
  site: Site;
  /** A site-relative path (`/topics/`) as a link under the path prefix (`/news/topics/`). */
  url(path: string): string;
  /** A site-relative path as an absolute URL, for canonical links and feeds. */
  absoluteUrl(path: string): string;
}

export function createContext(site: Site): RenderContext {
  const url = (target: string) => `${site.pathPrefix}${target.replace(/^\/+/, "")}`;
  return { site, url, absoluteUrl: (target) => `${site.url}${url(target)}` };
}
