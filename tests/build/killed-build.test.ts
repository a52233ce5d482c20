import { spawn } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { buildArguments, PROJECT_DIR } from "../helpers/run-build.ts";
import { isRunning } from "../../src/files/processes.ts";

const ARTICLE = "content/articles/2024/11/harbour.md";

/** An article whose headline says which edition of the site a build made. */
const edition = (n: number) => article({ title: `"Harbour edition ${n}"`, topics: "[Ports]" });

interface Run {
  /** The exit code, or null (or 137, as tsx reports its child's SIGKILL) when killed. */
  status: number | null;
  ms: number;
}

/**
 * Runs `npm run build` in its own process group and kills the whole group (tsx, the build, and
 * Pagefind) with SIGKILL after `killAfterMs`, or as soon as `killWhen` says so.
 */
function build(
  root: string,
  site: string,
  killAfterMs?: number,
  env: NodeJS.ProcessEnv = {},
): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, buildArguments(root, site), {
    cwd: PROJECT_DIR,
    stdio: "ignore",
    detached: true,
    env: { ...process.env, ...env },
  });
  const kill = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  const timer = killAfterMs === undefined ? undefined : setTimeout(kill, killAfterMs);
  return new Promise((resolve) =>
    child.on("exit", (status) => {
      clearTimeout(timer);
      // Pagefind or tsx's inner process may outlive the one we waited on; they are in the group.
      kill();
      resolve({ status, ms: performance.now() - started });
    }),
  );
}

/** The edition the site at `site` shows, after checking that it is a whole site. */
function servedEdition(site: string): number {
  for (const file of [
    "index.html",
    "articles/2024/11/harbour/index.html",
    "topics/ports/index.html",
    "feed.xml",
    "pagefind/pagefind.js",
  ]) {
    expect(existsSync(path.join(site, file)), `${file} in the site`).toBe(true);
  }
  const home = readFileSync(path.join(site, "index.html"), "utf8");
  const article = readFileSync(path.join(site, "articles/2024/11/harbour/index.html"), "utf8");
  const shown = /Harbour edition (\d+)/.exec(home)?.[1];
  expect(article).toContain(`Harbour edition ${shown}`);
  return Number(shown);
}

describe("a build killed at any moment", () => {
  it("leaves the previous complete site in place, and the next build cleans up", async () => {
    const root = makeFixtureSite({
      articles: {
        "2024/11/harbour.md": edition(0),
        "2024/11/quay.md": article({ title: '"Quay reopens"', date: "2024-11-12" }),
        "2024/10/ferry.md": article({ title: '"Ferry strike"', date: "2024-10-02" }),
      },
    });
    const parent = mkdtempSync(path.join(tmpdir(), "archive-killed-"));
    const site = path.join(parent, "_site");
    expect((await build(root, site)).status).toBe(0);
    expect(servedEdition(site)).toBe(0);
    // The second build is timed: like the ones killed below, it starts with warm caches.
    writeFileSync(path.join(root, ARTICLE), edition(1));
    const timed = await build(root, site);
    expect(timed.status).toBe(0);
    expect(servedEdition(site)).toBe(1);
    // A second timing: on a loaded machine one build can take half again as long as the next.
    writeFileSync(path.join(root, ARTICLE), edition(1));
    const again = await build(root, site);
    expect(again.status).toBe(0);
    const buildMs = Math.min(timed.ms, again.ms);

    // Kills spread over a whole build, the last few around the swap at its end and just after.
    const fractions = [0.05, 0.12, 0.2, 0.3, 0.4, 0.5, 0.6, 0.75, 0.9, 1.0, 1.2];
    let shown = 1;
    let n = 1;
    const outcomes: string[] = [];
    const attempt = async (killAfterMs: number) => {
      n += 1;
      writeFileSync(path.join(root, ARTICLE), edition(n));
      const run = await build(root, site, killAfterMs);
      outcomes.push(`${killAfterMs} ms: ${run.status ?? "killed"}`);
      expect(lstatSync(site).isDirectory()).toBe(true);
      const now = servedEdition(site);
      // The site is the one before or, if the kill came after the swap, this build's.
      expect([shown, n]).toContain(now);
      shown = now;
    };
    for (const fraction of fractions) await attempt(Math.round(buildMs * fraction));
    // The one moment without a site: between the publish's two renames. The next build finishes
    // that publish before anything else.
    n += 1;
    writeFileSync(path.join(root, ARTICLE), edition(n));
    const between = await build(root, site, undefined, { BUILD_TEST_KILL_AT: "site-moved-aside" });
    expect([null, 137]).toContain(between.status);
    expect(existsSync(site)).toBe(false);
    expect(
      readdirSync(path.join(parent, "_site.builds")).some((name) => name.endsWith(".replaced")),
    ).toBe(true);
    const interrupted = n;

    // Most kills landed inside a build, and left folders behind for the next build to remove.
    expect(
      outcomes.filter((outcome) => outcome.endsWith("killed")).length,
      outcomes.join("\n"),
    ).toBeGreaterThanOrEqual(6);
    expect(readdirSync(path.join(parent, "_site.builds")).length).toBeGreaterThan(1);

    // A SIGKILLed process can take a moment to go; its leftovers are kept while it runs.
    const leftoverPids = () =>
      readdirSync(parent)
        .concat(readdirSync(path.join(parent, "_site.builds")))
        .map((name) => Number(/(\d+)-\d+$/.exec(name)?.[1]))
        .filter((pid) => pid && isRunning(pid));
    for (let waited = 0; leftoverPids().length && waited < 5000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // The next build first puts the interrupted build's finished site in place, then builds.
    const finishing = await build(root, site, undefined, {
      BUILD_TEST_KILL_AT: "leftovers-removed",
    });
    expect([null, 137]).toContain(finishing.status);
    expect(servedEdition(site)).toBe(interrupted);
    n += 1;
    writeFileSync(path.join(root, ARTICLE), edition(n));
    expect((await build(root, site)).status).toBe(0);
    expect(servedEdition(site)).toBe(n);
    expect(readdirSync(parent).sort()).toEqual(["_site", "_site.builds"]);
    // At most one spare, which the build cache keeps to update next time, and nothing else.
    const builds = readdirSync(path.join(parent, "_site.builds"));
    expect(builds.filter((name) => !name.startsWith("spare-"))).toEqual([]);
    expect(builds.filter((name) => name.startsWith("spare-")).length).toBeLessThanOrEqual(1);
  }, 240_000);
});
