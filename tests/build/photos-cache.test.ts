import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { loadArchive } from "../../src/collections/load-archive.ts";
import { processArchiveImages } from "../../src/images/process-images.ts";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { runBuild } from "../helpers/run-build.ts";

/** A 1600 × 1000 photo of one colour (quick to encode); `seed` picks the colour. */
function photo(seed: number) {
  const background = { r: 40 * seed, g: 90, b: 160 };
  return sharp({ create: { width: 1600, height: 1000, channels: 3, background } })
    .jpeg()
    .toBuffer();
}

/** An archive of two articles, each with its own photo: 4 widths × 2 formats = 8 files each. */
async function twoPhotoArchive(): Promise<string> {
  const figure = (name: string) => `\n  - src: photos/${name}.jpg\n    alt: "Photo ${name}"`;
  return makeFixtureSite({
    articles: {
      "2024/11/a.md": article({ title: '"A"', images: figure("a") }),
      "2024/11/b.md": article({ title: '"B"', images: figure("b") }),
    },
    files: { "assets/photos/a.jpg": await photo(1), "assets/photos/b.jpg": await photo(2) },
  });
}

/** What `npm run build` does for photos, into a fresh output folder as every build has. */
function processPhotos(root: string) {
  const outputDir = mkdtempSync(path.join(tmpdir(), "archive-photos-out-"));
  return processArchiveImages(loadArchive(root, {}), { root, outputDir }).then((report) => ({
    report,
    published: readdirSync(path.join(outputDir, "img")).sort(),
  }));
}

const cacheDir = (root: string) => path.join(root, ".cache", "images");

describe("the photo cache", () => {
  it("encodes every width and format of a new photo once", async () => {
    const { report } = await processPhotos(await twoPhotoArchive());
    expect(report).toMatchObject({ photos: 2, encodedPhotos: 2, encodedFiles: 16, cachedFiles: 0 });
  });

  it("encodes nothing when no photo changed, and still publishes every file", async () => {
    const root = await twoPhotoArchive();
    const first = await processPhotos(root);
    const second = await processPhotos(root);
    expect(second.report).toMatchObject({ encodedPhotos: 0, encodedFiles: 0, cachedFiles: 16 });
    expect(second.published).toEqual(first.published);
  });

  it("re-encodes only the photo that changed", async () => {
    const root = await twoPhotoArchive();
    await processPhotos(root);
    writeFileSync(path.join(root, "assets/photos/b.jpg"), await photo(3));
    const { report } = await processPhotos(root);
    expect(report).toMatchObject({ encodedPhotos: 1, encodedFiles: 8, cachedFiles: 8 });
  });

  it("re-encodes a photo whose cached files were deleted", async () => {
    const root = await twoPhotoArchive();
    const { published } = await processPhotos(root);
    const [victim] = published.filter((file) => file.endsWith("-800.webp"));
    rmSync(path.join(cacheDir(root), victim!));
    const { report } = await processPhotos(root);
    expect(report).toMatchObject({ encodedPhotos: 1, encodedFiles: 8 });
  });

  it("drops the files of a replaced photo, keeping only what the archive uses", async () => {
    const root = await twoPhotoArchive();
    await processPhotos(root);
    writeFileSync(path.join(root, "assets/photos/b.jpg"), await photo(3));
    const { published } = await processPhotos(root);
    expect(readdirSync(cacheDir(root)).sort()).toEqual(published);
  });

  it("survives between builds: a second build rewrites no cached file", async () => {
    const root = await twoPhotoArchive();
    const site = path.join(mkdtempSync(path.join(tmpdir(), "archive-photos-site-")), "_site");
    const stamps = () =>
      readdirSync(cacheDir(root))
        .sort()
        .map((file) => `${file} ${statSync(path.join(cacheDir(root), file)).mtimeMs}`);
    expect(runBuild(root, site).status).toBe(0);
    const before = stamps();
    expect(before).toHaveLength(16);
    expect(runBuild(root, site).status).toBe(0);
    expect(stamps()).toEqual(before);
    expect(readdirSync(path.join(site, "img"))).toHaveLength(16);
  });
});
