import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { loadArchive } from "../../src/collections/load-archive.ts";
import { processArchiveImages } from "../../src/images/process-images.ts";
import { article, makeFixtureSite, type FixtureSite } from "../helpers/fixture-site.ts";
import { runBuild } from "../helpers/run-build.ts";
import { listFiles } from "../helpers/site-files.ts";

const noise = { type: "gaussian" as const, mean: 128, sigma: 30 };
const jpeg = (width = 800, height = 600) =>
  sharp({ create: { width, height, channels: 3, background: "#000", noise } })
    .jpeg()
    .toBuffer();

/** A PNG whose header claims `width` × `height` pixels, without the pixels: cheap to make. */
async function pngHeaderClaiming(width: number, height: number): Promise<Buffer> {
  const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: "#fff" } })
    .png()
    .toBuffer();
  // IHDR: length (8–11), type (12–15), width (16–19), height (20–23), …, CRC of 12–28 (29–32).
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

/** An article whose one figure is `photos/<name>`, with the file's content. */
function withPhoto(name: string, content: string | Buffer, extra: FixtureSite = {}): FixtureSite {
  return {
    articles: { "2024/11/a.md": article({ images: `\n  - src: photos/${name}\n    alt: "A"` }) },
    files: { [`assets/photos/${name}`]: content },
    ...extra,
  };
}

/** Validates and processes a fixture archive's photos and returns the message it fails with. */
async function problem(fixture: FixtureSite): Promise<string> {
  const root = makeFixtureSite(fixture);
  const outputDir = mkdtempSync(path.join(tmpdir(), "archive-photo-errors-"));
  try {
    await processArchiveImages(loadArchive(root, {}), { root, outputDir });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the photos to be rejected");
}

describe("bad photos are reported with the article, the field and the fix", () => {
  it("reports a file that is not an image", async () => {
    expect(await problem(withPhoto("a.jpg", "These are notes, not a photo.\n")))
      .toMatchInlineSnapshot(`
      "The archive has 1 problem:
        - content/articles/2024/11/a.md: images[0].src: "photos/a.jpg" is not an image the build can read (sharp: Input file contains unsupported image format): expected a JPEG, PNG, WebP, AVIF, TIFF or GIF file. Replace the file or fix the path."
    `);
  });

  it("reports a photo cut short", async () => {
    const whole = await jpeg();
    expect(await problem(withPhoto("a.jpg", whole.subarray(0, whole.length * 0.6))))
      .toMatchInlineSnapshot(`
      "The archive has 1 problem:
        - content/articles/2024/11/a.md: images[0].src: "photos/a.jpg" could not be decoded (sharp: VipsJpeg: Premature end of input file): the file is damaged or incomplete. Export or download it again and replace it."
    `);
  });

  it("reports a format the build does not publish as a photo", async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect/></svg>';
    expect(await problem(withPhoto("map.svg", svg))).toMatchInlineSnapshot(`
      "The archive has 1 problem:
        - content/articles/2024/11/a.md: images[0].src: "photos/map.svg" is an SVG drawing, which the build cannot publish as a photo: expected a JPEG, PNG, WebP, AVIF, TIFF or GIF file. Convert it to JPEG and update src."
    `);
  });

  it("reports a photo of more pixels than the build reads, before decoding it", async () => {
    expect(await problem(withPhoto("huge.png", await pngHeaderClaiming(20_000, 15_000))))
      .toMatchInlineSnapshot(`
      "The archive has 1 problem:
        - content/articles/2024/11/a.md: images[0].src: "photos/huge.png" is 20000 × 15000 pixels (300 megapixels), more than the 200 megapixels the build reads: scale it down (photos are published at most 1600 pixels wide)."
    `);
  });

  it("names every article that uses a bad photo", async () => {
    const figure = '\n  - caption: "First"\n  - src: photos/a.jpg\n    alt: "A"';
    const message = await problem({
      articles: {
        "2024/11/a.md": article({ images: figure }),
        "2024/11/b.md": article({ title: '"B"', images: figure }),
      },
      files: { "assets/photos/a.jpg": "not a photo" },
    });
    expect(message).toMatch(/^The archive has 2 problems:/);
    expect(message).toContain('- content/articles/2024/11/a.md: images[1].src: "photos/a.jpg"');
    expect(message).toContain('- content/articles/2024/11/b.md: images[1].src: "photos/a.jpg"');
  });

  it("reports every bad photo in one run", async () => {
    const message = await problem({
      articles: {
        "2024/11/a.md": article({ images: '\n  - src: photos/a.jpg\n    alt: "A"' }),
        "2024/11/b.md": article({ title: '"B"', images: '\n  - src: photos/b.svg\n    alt: "B"' }),
      },
      files: { "assets/photos/a.jpg": "not a photo", "assets/photos/b.svg": "<svg/>" },
    });
    expect(message).toMatch(/^The archive has 2 problems:/);
    expect(message).toContain('a.md: images[0].src: "photos/a.jpg" is not an image');
    expect(message).toContain('b.md: images[0].src: "photos/b.svg" is ');
  });
});

describe("a bad photo stops the build", () => {
  interface Case {
    name: string;
    /** The figure's `src` and its second front matter line. */
    figure: [src: string, line: string];
    /** The file at `assets/<src>`, if any. */
    file?: () => Promise<Buffer | string>;
    expected: string;
  }
  const cases: Case[] = [
    {
      name: "a missing file",
      figure: ["photos/missing.jpg", 'alt: "A"'],
      expected: 'images[0].src: the photo "photos/missing.jpg" does not exist',
    },
    {
      name: "a path outside assets/",
      figure: ["../_data/site.json", 'alt: "A"'],
      expected: 'images[0].src: "../_data/site.json" leaves the assets/ folder',
    },
    {
      name: "a photo without alt",
      figure: ["photos/a.jpg", 'caption: "C"'],
      file: () => jpeg(),
      expected: "images[0].alt: is required when src is given",
    },
    {
      name: "a file that is not an image",
      figure: ["photos/a.jpg", 'alt: "A"'],
      file: async () => "not a photo",
      expected: 'images[0].src: "photos/a.jpg" is not an image the build can read',
    },
    {
      name: "a damaged photo",
      figure: ["photos/a.jpg", 'alt: "A"'],
      file: async () => (await jpeg()).subarray(0, 4000),
      expected: 'images[0].src: "photos/a.jpg" could not be decoded',
    },
    {
      name: "an unsupported format",
      figure: ["photos/a.svg", 'alt: "A"'],
      file: async () => '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>',
      expected: 'images[0].src: "photos/a.svg" is an SVG drawing',
    },
    {
      name: "an oversized photo",
      figure: ["photos/a.png", 'alt: "A"'],
      file: () => pngHeaderClaiming(20_000, 15_000),
      expected: 'images[0].src: "photos/a.png" is 20000 × 15000 pixels',
    },
  ];

  for (const { name, figure, file, expected } of cases) {
    it(`for ${name}, naming the article and the image and keeping the previous site`, async () => {
      const root = makeFixtureSite({ articles: { "2024/11/ok.md": article({ title: '"OK"' }) } });
      const site = path.join(mkdtempSync(path.join(tmpdir(), "archive-photo-stop-")), "_site");
      expect(runBuild(root, site).status).toBe(0);
      const before = listFiles(site);

      const [src, line] = figure;
      if (file) {
        const target = path.join(root, "assets", src);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, await file());
      }
      writeFileSync(
        path.join(root, "content/articles/2024/11/a.md"),
        article({ images: `\n  - src: ${src}\n    ${line}` }),
      );
      const run = runBuild(root, site);

      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`content/articles/2024/11/a.md`);
      expect(run.stderr).toContain(expected);
      expect(listFiles(site)).toEqual(before);
    });
  }
});
