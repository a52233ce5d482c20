import { spawn } from "node:child_process";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { scriptArguments } from "../node-script.ts";

interface StartOptions {
  projectDir: string;
  root: string;
  outDir: string;
  articleFile: string;
  articleUrl: string;
  port: number;
  /** How long the first build, and then the edited page, may take (default 10 minutes each). */
  timeoutMs?: number;
}

/**
 * Starts `npm start` on an archive, waits for the first build, edits one article's title and
 * returns the time until the new title is in the built page.
 */
export async function measureRebuild(options: StartOptions): Promise<number> {
  return (await measureStart({ ...options, editWhen: "served" })).editMs;
}

/** What `npm start` took, ms: from the command to each line, and from a save to its effect. */
export interface StartTimes {
  /** From the command to "Serving". */
  servingMs: number;
  /** From the command to "Watching for changes" (edits ready), when waited for. */
  readyMs?: number;
  /** From the save of an article's new title to its page showing it. */
  editMs: number;
  /** From that save to the search index's update, when waited for. */
  searchableMs?: number;
  /** Once edits are ready: from a new story's file appearing to its page showing it. */
  newStoryMs?: number;
  /** From that file appearing to the search index's update. */
  newStorySearchableMs?: number;
}

/**
 * `npm start` on an archive: the time to serve it, and an article's title edited (a second after
 * serving, or once edits are ready: `editWhen`) until its page shows it and, once ready, until the
 * search index has it; then, once ready, a new story (a copy of that article under a new name,
 * dated today, as a day's story is) until its page shows it and until the index has it.
 */
export async function measureStart(
  options: StartOptions & { editWhen: "served" | "ready" },
): Promise<StartTimes> {
  const { projectDir, root, outDir, articleFile, articleUrl, port } = options;
  const commanded = performance.now();
  const timeoutMs = options.timeoutMs ?? 600_000;
  const child = spawn(
    process.execPath,
    scriptArguments("scripts/start.ts", ["--root", root, "--out", outDir, "--port", String(port)]),
    { cwd: projectDir, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const waitFor = async (test: () => boolean, timeoutMs: number, what: string) => {
    const deadline = Date.now() + timeoutMs;
    while (!test()) {
      if (Date.now() > deadline || child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`Timed out waiting for ${what}:\n${output.slice(-2000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  let restore: string | undefined;
  let added: string | undefined;
  try {
    await waitFor(
      () => output.includes("[start] Serving"),
      timeoutMs,
      "the first build under npm start",
    );
    const servingMs = performance.now() - commanded;
    let readyMs: number | undefined;
    if (options.editWhen === "ready") {
      await waitFor(() => output.includes("[start] Watching for changes"), timeoutMs, "edits");
      readyMs = performance.now() - commanded;
    } else await new Promise((resolve) => setTimeout(resolve, 1000));
    const marker = `Edited ${Date.now()}`;
    const source = readFileSync(articleFile, "utf8");
    const page = path.join(outDir, articleUrl, "index.html");
    const started = performance.now();
    const before = output.length;
    restore = source;
    writeFileSync(articleFile, source.replace(/^title: (["']?)/m, `title: $1${marker} `));
    await waitFor(
      () => existsSync(page) && readFileSync(page, "utf8").includes(marker),
      timeoutMs,
      "the edited page",
    );
    const editMs = performance.now() - started;
    if (readyMs === undefined) return { servingMs, editMs };
    await waitFor(
      () => output.slice(before).includes("[start] Search index updated"),
      timeoutMs,
      "the search index's update",
    );
    const searchableMs = performance.now() - started;
    writeFileSync(articleFile, source);
    restore = undefined;
    // The edit restored has its own update and index: both done before the new story comes.
    const restored = output.length;
    await waitFor(
      () => output.slice(restored).includes("[start] Search index updated"),
      timeoutMs,
      "the restored article's update",
    );
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    const slug = `bench-new-story-${now.getTime()}`;
    const newMarker = `New story ${now.getTime()}`;
    added = path.join(path.dirname(articleFile), `${slug}.md`);
    const story = source
      .replace(/^title: (["']?)/m, `title: $1${newMarker} `)
      .replace(/^date: .*$/m, `date: ${today}`);
    // Written beside, then renamed: the watcher sees a whole file appear, as an editor's save.
    writeFileSync(`${added}.tmp`, story);
    const newPage = path.join(
      outDir,
      "articles",
      today.slice(0, 4),
      today.slice(5, 7),
      slug,
      "index.html",
    );
    const addedAt = performance.now();
    const beforeNew = output.length;
    renameSync(`${added}.tmp`, added);
    await waitFor(
      () => existsSync(newPage) && readFileSync(newPage, "utf8").includes(newMarker),
      timeoutMs,
      "the new story's page",
    );
    const newStoryMs = performance.now() - addedAt;
    await waitFor(
      () => output.slice(beforeNew).includes("[start] Search index updated"),
      timeoutMs,
      "the search index's update with the new story",
    );
    const newStorySearchableMs = performance.now() - addedAt;
    return { servingMs, readyMs, editMs, searchableMs, newStoryMs, newStorySearchableMs };
  } finally {
    if (restore !== undefined) writeFileSync(articleFile, restore);
    if (added) rmSync(added, { force: true });
    // Waits for the server to end, so that it does not weigh on the next measurement.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
  }
}
