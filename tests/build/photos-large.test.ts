import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { PROJECT_DIR } from "../helpers/run-build.ts";

/** One decoded copy of a 12,000 × 8,000 RGB photo is 288 MB; the build must never hold one. */
const PEAK_RSS_LIMIT_MB = 400;

interface Measured {
  maxRssMb: number;
  encodedFiles: number;
  published: string[];
}

/**
 * Processes the archive's photos in a fresh Node process, so that its peak memory (maxRSS) is the
 * photo work's alone and not the test runner's.
 */
function processInChildProcess(root: string): Measured {
  const outputDir = mkdtempSync(path.join(tmpdir(), "archive-large-out-"));
  const module = (file: string) => pathToFileURL(path.join(PROJECT_DIR, file)).href;
  const code = `
    const { processArchiveImages } = await import(${JSON.stringify(module("src/images/process-images.ts"))});
    const { loadArchive } = await import(${JSON.stringify(module("src/collections/load-archive.ts"))});
    const root = ${JSON.stringify(root)};
    const report = await processArchiveImages(loadArchive(root, {}), { root, outputDir: ${JSON.stringify(outputDir)} });
    console.log(JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024, encodedFiles: report.encodedFiles }));
  `;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
    cwd: PROJECT_DIR,
    encoding: "utf8",
    timeout: 120_000,
  });
  expect(run.stderr).toBe("");
  const result = JSON.parse(run.stdout) as Omit<Measured, "published">;
  return { ...result, published: readdirSync(path.join(outputDir, "img")).sort() };
}

describe("a 12,000-pixel-wide photo", () => {
  let measured: Measured;

  beforeAll(async () => {
    // Upscaled noise: a camera-sized file (about 13 MB) with detail in every tile.
    const noise = { type: "gaussian" as const, mean: 128, sigma: 40 };
    const big = await sharp({
      create: { width: 1200, height: 800, channels: 3, background: "#000", noise },
    })
      .resize(12_000, 8_000)
      .jpeg()
      .toBuffer();
    const root = makeFixtureSite({
      articles: {
        "2024/11/a.md": article({ images: '\n  - src: photos/big.jpg\n    alt: "Big"' }),
      },
      files: { "assets/photos/big.jpg": big },
    });
    measured = processInChildProcess(root);
  });

  it("is published at the usual widths, in both formats", () => {
    const widths = measured.published.map((file) => file.replace(/^.*-(\d+)\.(\w+)$/, "$1 $2"));
    expect(widths.sort()).toEqual(
      ["1200", "1600", "400", "800"].flatMap((width) => [`${width} jpeg`, `${width} webp`]),
    );
    expect(measured.encodedFiles).toBe(8);
  });

  it(`is processed in less than ${PEAK_RSS_LIMIT_MB} MB of memory`, () => {
    expect(measured.maxRssMb).toBeLessThan(PEAK_RSS_LIMIT_MB);
  });
});
