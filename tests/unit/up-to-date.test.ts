import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readArchiveInputs } from "../../src/content/archive-inputs.ts";
import { buildCacheDir } from "../../src/cache/cache-key.ts";
import { publishedUpToDate, recordPublished } from "../../src/cache/up-to-date.ts";
import { measureOutput } from "../../src/output/host-limits.ts";

/** Waits until the clock has moved past every stamp written so far. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

/** An archive of one story and one data file, and a published folder of one page. */
function archive() {
  const root = mkdtempSync(path.join(tmpdir(), "up-to-date-"));
  const story = path.join(root, "content", "articles", "2024", "11", "story.md");
  mkdirSync(path.dirname(story), { recursive: true });
  mkdirSync(path.join(root, "_data"));
  mkdirSync(buildCacheDir(root), { recursive: true });
  writeFileSync(story, "---\ntitle: A story\n---\n\nIts text.\n");
  writeFileSync(path.join(root, "_data", "site.json"), "{}\n");
  const out = path.join(root, "_site");
  mkdirSync(out);
  writeFileSync(path.join(out, "index.html"), "<p>published</p>\n");
  const record = (inputs: ReturnType<typeof readArchiveInputs>) =>
    recordPublished({
      root,
      outDir: out,
      key: "key",
      inputs,
      stamps: measureOutput(out, { paths: true }).stamps!,
      guards: [],
      summary: { articles: 1 },
    });
  const upToDate = () => publishedUpToDate(root, out, "key", readArchiveInputs(root));
  return { root, story, out, record, upToDate };
}

describe("the record of a published build (a build with nothing to do)", () => {
  it("holds while nothing changed, and not once a story is saved again", async () => {
    const site = archive();
    await tick();
    site.record(readArchiveInputs(site.root));
    expect(site.upToDate()).toEqual({ articles: 1 });
    await tick();
    writeFileSync(site.story, "---\ntitle: A story\n---\n\nIts text.\n");
    expect(site.upToDate()).toBeUndefined();
  });

  it("keeps the stamps the build read from: a story saved after they were taken is built again", async () => {
    const site = archive();
    await tick();
    // The build stamps the archive, then reads it; the story is saved in between or after.
    const inputs = readArchiveInputs(site.root);
    await tick();
    writeFileSync(site.story, "---\ntitle: A story\n---\n\nIts text, edited.\n");
    site.record(inputs);
    expect(site.upToDate()).toBeUndefined();
  });

  it("never trusts a file changed at or after the build stamped the archive", () => {
    const site = archive();
    // Stamps taken before the files' last change (here: before any was written) tell nothing.
    const inputs = readArchiveInputs(site.root);
    site.record({ ...inputs, takenMs: 0 });
    expect(site.upToDate()).toBeUndefined();
  });

  it("holds only for the published folder's files as the build left them", async () => {
    const site = archive();
    await tick();
    site.record(readArchiveInputs(site.root));
    writeFileSync(path.join(site.out, "extra.html"), "<p>added by hand</p>\n");
    expect(site.upToDate()).toBeUndefined();
  });
});
