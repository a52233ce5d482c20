import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { build, type BuildOptions } from "esbuild";
import type EleventyConfig from "@11ty/eleventy/UserConfig";

/** The site's page scripts: where each is served (under the site root) → its entry in src/browser. */
export const PAGE_SCRIPTS: Readonly<Record<string, string>> = {
  "assets/js/site.js": "site.ts",
  "assets/js/search-page.js": "search-page.ts",
  "assets/js/highlight.js": "highlight.ts",
};

/** The service worker's entry; the build writes it to the site root as sw.js (see offline.ts). */
const SERVICE_WORKER = "service-worker.ts";

/** The placeholders `writeServiceWorker` fills in, which the bundle must keep word for word. */
const SERVICE_WORKER_PLACEHOLDERS = ['"__BUILD__"', '["__PRECACHE__"]'];

/**
 * One classic script per entry (`iife`: pages load them with `<script defer>`, and the service
 * worker is registered as a classic worker), with its modules inlined, minified, for the browsers
 * the site supports. No source is inlined into the pages: their policy allows scripts from the
 * site's own files only (script-src 'self').
 * @see https://esbuild.github.io/api/#build
 */
function options(projectDir: string): BuildOptions {
  return {
    absWorkingDir: projectDir,
    tsconfig: path.join(projectDir, "src", "browser", "tsconfig.json"),
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    legalComments: "none",
    write: false,
    logLevel: "silent",
  };
}

function entry(projectDir: string, file: string): string {
  return path.join(projectDir, "src", "browser", file);
}

/**
 * Bundles the page scripts into `<siteDir>/assets/js/`. A type error does not stop a bundle (esbuild
 * strips types without checking them; `npm run lint` checks them); a syntax error does, naming the
 * file and line. Returns the files written, relative to `siteDir`.
 */
export async function writePageScripts(siteDir: string, projectDir: string): Promise<string[]> {
  const targets = Object.keys(PAGE_SCRIPTS);
  await Promise.all(
    targets.map(async (target) => {
      const result = await build({
        ...options(projectDir),
        entryPoints: [entry(projectDir, PAGE_SCRIPTS[target]!)],
      });
      const file = path.join(siteDir, target);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, result.outputFiles![0]!.contents);
    }),
  );
  return targets;
}

/** The service worker's source with its placeholders, for `writeServiceWorker` to fill in. */
export async function serviceWorkerTemplate(projectDir: string): Promise<string> {
  const result = await build({
    ...options(projectDir),
    entryPoints: [entry(projectDir, SERVICE_WORKER)],
  });
  const source = result.outputFiles![0]!.text;
  for (const placeholder of SERVICE_WORKER_PLACEHOLDERS) {
    if (source.split(placeholder).length !== 2) {
      throw new Error(
        `The bundled ${SERVICE_WORKER} should hold ${placeholder} once, for the build to fill in.`,
      );
    }
  }
  return source;
}

/**
 * Writes the page scripts into every build's output. They are bundled while Eleventy renders the
 * pages (esbuild works in its own process) and waited for when the build ends.
 */
export function browserBundlesPlugin(
  eleventyConfig: EleventyConfig,
  options: { projectDir: string },
): void {
  let bundling: Promise<string[]> | undefined;
  eleventyConfig.on("eleventy.before", ({ directories }: { directories: { output: string } }) => {
    bundling = writePageScripts(directories.output, options.projectDir);
    // Awaited in `eleventy.after`; a failure meanwhile is not an unhandled rejection.
    bundling.catch(() => {});
  });
  eleventyConfig.on("eleventy.after", async () => {
    const current = bundling;
    bundling = undefined;
    await current;
  });
}
