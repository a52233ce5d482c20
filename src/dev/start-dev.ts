import { copyFileSync, existsSync, mkdirSync, realpathSync } from "node:fs";
import path from "node:path";
import EleventyDevServer from "@11ty/eleventy-dev-server";
import type { BuildOptions, BuildResult } from "../build/build-site.ts";
import { upToDateBuild } from "../build/up-to-date-build.ts";
import { loadSite } from "../config/site.ts";
import { lockBuild, outputLockFile } from "../build/build-lock.ts";
import { buildsFolder } from "../output/output-swap.ts";
import { forgetBuildCache } from "../cache/cache-state.ts";
import { reportError } from "../build/report-error.ts";
import { buildSearchIndex } from "../search/build-search-index.ts";
import { writeServiceWorker } from "../search/offline.ts";
import { planArchiveBundles } from "../search/bundles.ts";
import { writeSearchIndexInfo } from "../search/search-page-info.ts";
import { ShardStore } from "../search/shard-store.ts";
import type { SearchIndexInfo } from "../search/bundle-info.ts";
import { serviceWorkerTemplate, writePageScripts } from "../eleventy/browser-bundles.ts";
import type { IncrementalSite } from "./incremental-site.ts";
import {
  describeProblems,
  overlayMiddleware,
  withOverlayScript,
  type OverlayState,
} from "./error-overlay.ts";
import { watchFiles } from "./watch-archive.ts";
import { changedInputs, readArchiveInputs } from "../content/archive-inputs.ts";

export interface DevOptions {
  root: string;
  projectDir: string;
  outDir: string;
  port: number;
  /** Settings overrides (SITE_URL, PATH_PREFIX…, see `loadSite`); none unless given. */
  env?: NodeJS.ProcessEnv;
  /** Print an error's stack with it. */
  debug?: boolean;
}

type Change = "articles" | "rebuild" | "asset" | "script";

/** Methods of the dev server (server.js) that src/types/eleventy.d.ts does not declare. */
interface DevServerInternals {
  /** Adds the live-reload script to a served page. */
  augmentContentWithNotifier(content: string, inline?: boolean, options?: object): string;
  /** Sends a message to every open page's websocket. */
  sendUpdateNotification(message: object): void;
}

/**
 * `npm start`: a full build, then a live-reloading server on 127.0.0.1 and a watcher. An edited
 * article re-renders only the pages that show it and the page reloads at once; Pagefind then
 * re-indexes in the background, so search catches up a few seconds later. Changes to the
 * registry, settings or photos rebuild everything (atomically, as `npm run build` does); the
 * site's own CSS is copied over, and its scripts bundled again. A rejected edit shows over the
 * page in the browser, naming the file and line, until the fix is saved.
 */
export async function startDev(options: DevOptions): Promise<void> {
  const { root, projectDir, outDir, port, env } = options;
  const log = (message: string) => console.log(`[start] ${message}`);
  const report = (error: unknown) => reportError(error, { stack: options.debug });
  // The output is this process's while it runs: it changes it in place after every edit, so a
  // build started meanwhile stops with a line instead of replacing it under the server.
  await holdOutput(outDir);
  const purpose = "npm start";
  const watched: Array<[string, (file: string) => Change | undefined]> = [
    [path.join(root, "content"), (file) => (file.endsWith(".md") ? "articles" : undefined)],
    [path.join(root, "_data"), (file) => (file.endsWith(".json") ? "rebuild" : undefined)],
    [path.join(root, "assets", "photos"), () => "rebuild"],
    [path.join(projectDir, "assets", "css"), () => "asset"],
    [path.join(projectDir, "src", "browser"), () => "script"],
  ];
  // The archive is stamped, then watched, then built from those stamps; the watcher's first scan
  // of every folder (seconds, for tens of thousands of stories) goes on while the site is built
  // and served. An archive file saved meanwhile is applied once edits can be: the watcher reports
  // it, or (in a folder it had not reached yet) the archive's stamps, taken again once it is
  // ready, differ from the build's. The project's own CSS and scripts are not stamped: one saved
  // in that moment, before its folder is watched, waits for its next save.
  const inputs = readArchiveInputs(root);
  const early: string[] = [];
  let onFile = (file: string) => void early.push(file);
  const watcher = watchFiles(
    watched.map(([folder]) => folder).filter((folder) => existsSync(folder)),
    (file) => onFile(file),
  );

  // Eleventy, Pagefind and the page templates are loaded only to build, else once the site is
  // served (a second or more at start-up).
  const build = (options: BuildOptions): Promise<BuildResult> =>
    import("../build/build-site.ts").then(({ buildSite }) => buildSite(options));
  const first = { root, outDir, projectDir, env, quiet: true, purpose, inputs };
  const quick = await upToDateBuild(first);
  const built = quick.upToDate ? quick : await build({ ...first, checkedUpToDate: true });
  const articles = `${built.articles} article${built.articles === 1 ? "" : "s"}`;
  log(
    built.upToDate ? `Nothing changed since the last build of ${articles}.` : `Built ${articles}.`,
  );
  // Served at once; what an edit needs (the archive, each page's fingerprint) is made after.
  const pathPrefix = (built.archive?.site ?? loadSite(root, env)).pathPrefix;

  let problems: OverlayState | undefined;
  const server = EleventyDevServer.getServer("news-archive", outDir, {
    pathPrefix,
    domDiff: false,
    portReassignmentRetryCount: 0,
    showAllHosts: false,
    middleware: [overlayMiddleware(() => problems)],
  });
  // The dev server's client only logs an `eleventy.error` to the console; our overlay script,
  // added next to that client in every page, shows it.
  // @see https://github.com/11ty/eleventy-dev-server/blob/main/client/reload-client.js
  const internals = server as unknown as DevServerInternals;
  const augment = internals.augmentContentWithNotifier.bind(server);
  internals.augmentContentWithNotifier = (...args) => withOverlayScript(augment(...args));
  // The dev server listens on every interface by default; a preview stays on this machine.
  server._serverListen = function (
    this: { server: import("node:net").Server },
    listenPort: number,
  ) {
    this.server.listen({ port: listenPort, host: "127.0.0.1" });
  };
  await server.serve(port);
  await server.ready();
  log(`Serving ${outDir} at http://127.0.0.1:${port}${pathPrefix} (Ctrl+C to stop)`);
  const [{ IncrementalSite }, { archiveOf }] = await Promise.all([
    import("./incremental-site.ts"),
    import("../build/build-site.ts"),
  ]);
  let site: IncrementalSite = new IncrementalSite(root, projectDir, outDir, env);
  // Edits wait for what they need (the archive, each page's fingerprint), read after serving; the
  // files the watcher reported meanwhile are read again then, whatever their stamps say.
  let markStarted!: () => void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));

  let indexing: Promise<void> | undefined;
  /** The search index's description, once `npm start` has indexed the archive itself. */
  let indexInfo: SearchIndexInfo | undefined;
  const offlineOf = () => ({
    autoSaveBytes: site.archive.site.offline.autoSaveBytes,
    title: site.archive.site.title,
  });
  let indexAgain = false;
  const reindex = () => {
    if (indexing) {
      indexAgain = true;
      return;
    }
    indexing = (async () => {
      do {
        indexAgain = false;
        const started = performance.now();
        // The folder the output links to now: Pagefind is given a real folder, not the link.
        const result = await buildSearchIndex(
          realpathSync(outDir),
          planArchiveBundles(site.archive),
          {
            language: site.archive.site.language,
            store: new ShardStore(path.join(root, ".cache", "search")),
          },
        );
        writeSearchIndexInfo(outDir, result.info);
        indexInfo = result.info;
        writeServiceWorker(
          outDir,
          await serviceWorkerTemplate(projectDir),
          result.info,
          offlineOf(),
        );
        log(
          `Search index updated (${result.pages} pages, ${Math.round(performance.now() - started)} ms).`,
        );
      } while (indexAgain);
    })()
      .catch(report)
      .finally(() => (indexing = undefined));
  };

  const pending = new Map<string, Change>();
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const apply = async () => {
    await started;
    const changes = [...pending.entries()];
    pending.clear();
    const kinds = new Set(changes.map(([, kind]) => kind));
    try {
      if (kinds.has("rebuild")) {
        const stamped = readArchiveInputs(root);
        const rebuilt = await build({
          root,
          outDir,
          projectDir,
          env,
          quiet: true,
          purpose,
          inputs: stamped,
        });
        site = new IncrementalSite(root, projectDir, outDir, env);
        await site.start(await archiveOf(rebuilt, { ...options, inputs: stamped }), stamped);
        log(`Rebuilt everything (${rebuilt.articles} articles).`);
        problems = undefined;
        server.reload();
        return;
      }
      // The output is changed in place from here on: the build cache no longer describes it.
      forgetBuildCache(root);
      for (const [file, kind] of changes) {
        if (kind !== "asset") continue;
        const relative = path.relative(path.join(projectDir, "assets"), file);
        if (existsSync(file)) {
          mkdirSync(path.dirname(path.join(outDir, "assets", relative)), { recursive: true });
          copyFileSync(file, path.join(outDir, "assets", relative));
        }
      }
      if (kinds.has("script")) {
        await writePageScripts(outDir, projectDir);
        // A new worker, with a new cache, so that open pages do not keep the old scripts from the
        // cache; while the index is written, it writes the worker when it is done.
        if (!indexing && indexInfo) {
          writeServiceWorker(
            outDir,
            await serviceWorkerTemplate(projectDir),
            indexInfo,
            offlineOf(),
          );
        }
        log("Bundled the scripts.");
      }
      if (kinds.has("articles")) {
        const edited = changes.filter(([, kind]) => kind === "articles").map(([file]) => file);
        const result = await site.updateArticles(edited);
        log(`Updated ${result.changed.length} pages in ${Math.round(result.ms)} ms.`);
        if (result.changed.length) reindex();
        // Every article was read again and was valid: nothing is left to show.
        problems = undefined;
      }
      server.reload();
    } catch (error) {
      report(error);
      problems = describeProblems(error, root);
      internals.sendUpdateNotification({ type: "eleventy.error", error: JSON.stringify(problems) });
    }
  };
  const schedule = (file: string, kind: Change) => {
    pending.set(file, kind);
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(apply);
    }, 50);
  };
  onFile = (file) => {
    const [, kind] = watched.find(([folder]) => file.startsWith(folder + path.sep)) ?? [];
    const change = kind?.(file);
    if (change) schedule(file, change);
  };
  await watcher.ready;
  early.push(...changedInputs(root, inputs, readArchiveInputs(root)));
  for (const file of early) onFile(file);
  await site.start(await archiveOf(built, { ...options, inputs }), inputs);
  markStarted();
  log("Watching for changes.");
}

/** Takes the output's build lock for as long as this process runs, released as it ends. */
async function holdOutput(outDir: string): Promise<void> {
  const lock = await lockBuild(outputLockFile(buildsFolder(outDir)), {
    purpose: "npm start",
    what: path.relative(process.cwd(), outDir) || outDir,
  });
  process.once("exit", () => lock.release());
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      lock.release();
      process.kill(process.pid, signal);
    });
  }
}
