import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import type { Browser } from "playwright-core";
import { runBuild } from "./run-build.ts";
import { launchBrowser } from "./browser.ts";
import { readHeadersFile } from "../../src/serve/headers.ts";
import { startStaticServer } from "../../src/serve/static-server.ts";

export interface SiteToServe {
  /** The archive folder to build. */
  root: string;
  /** Environment for `npm run build` (PATH_PREFIX, SITE_URL, …). */
  env?: NodeJS.ProcessEnv;
  /** The prefix the site is built for, served as a host would. */
  pathPrefix?: string;
  /** Serve with the response headers of the built site's own `_headers` file. */
  headers?: boolean;
}

/** Filled in before the tests of the file run. */
export interface ServedSite {
  /** The built site folder. */
  site: string;
  /** The server's URL, ending in the path prefix. */
  url: string;
  browser: Browser;
}

/**
 * Builds an archive with `npm run build` into a fresh folder, serves it on 127.0.0.1 and launches
 * Chromium before the tests of the calling `describe`, and closes both after them. Call it once
 * per `describe`; the returned object is filled in by the time its tests run.
 */
export function serveBuiltSite(what: () => SiteToServe | Promise<SiteToServe>): ServedSite {
  const served = {} as ServedSite;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const options = await what();
    served.site = path.join(mkdtempSync(path.join(tmpdir(), "archive-served-")), "_site");
    const run = runBuild(options.root, served.site, options.env);
    expect(run.status, run.stderr).toBe(0);
    const server = await startStaticServer({
      dir: served.site,
      pathPrefix: options.pathPrefix,
      headers: options.headers ? readHeadersFile(path.join(served.site, "_headers")) : undefined,
    });
    close = server.close;
    served.url = server.url;
    served.browser = await launchBrowser();
  });
  afterAll(async () => {
    await served.browser?.close();
    await close?.();
  });
  return served;
}
