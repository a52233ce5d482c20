import { createContext } from "../templates/context.ts";
import { Layout } from "../layout/Layout.tsx";
import type { PageData } from "../templates/page-data.ts";
import { RawHtml } from "../templates/RawHtml.tsx";

export const data = { permalink: "/offline.html" };

/**
 * The page the service worker shows, offline, for a page not saved on the device; it also frames a
 * story's offline reading view, which replaces what stands between the two marks (see
 * src/browser/offline-cache.ts, `fillOfflinePage`).
 */
export function render({ archive }: PageData) {
  const ctx = createContext(archive.site);
  return (
    <Layout ctx={ctx} title="Offline" path="/offline.html">
      <RawHtml html="<!--offline-start-->" />
      <h1>You are offline</h1>
      <p>
        This page is not saved on this device. Pages you have opened before work offline, and so
        does <a href={ctx.url("/search/")}>search</a> once the archive is saved for offline use (the
        search page offers it); a story found there opens as an offline copy.
      </p>
      <p>
        <a href={ctx.url("/")}>Back to the latest articles</a>
      </p>
      <RawHtml html="<!--offline-end-->" />
    </Layout>
  );
}
