import { describe, expect, it } from "vitest";
import type { ImageStat, ImageStats, OutputFormat } from "@11ty/eleventy-img";
import { encodingBatches } from "../../src/images/encode-photo.ts";

const TYPES: Record<OutputFormat, string> = {
  webp: "image/webp",
  jpeg: "image/jpeg",
  avif: "image/avif",
};

/** eleventy-img's plan for a 3:2 photo in the given formats and widths. */
function stats(formats: OutputFormat[], widths: number[]): ImageStats {
  return Object.fromEntries(
    formats.map((format) => [
      format,
      widths.map((width): ImageStat => ({
        format,
        width,
        height: Math.floor((width * 2) / 3),
        url: `/img/h-${width}.${format}`,
        sourceType: TYPES[format],
        srcset: `/img/h-${width}.${format} ${width}w`,
        filename: `h-${width}.${format}`,
        outputPath: `/cache/h-${width}.${format}`,
      })),
    ]),
  );
}

describe("encoding batches", () => {
  const plan = (large: boolean) => ({
    src: "photos/a.jpg",
    file: "/archive/assets/photos/a.jpg",
    stats: stats(["webp", "jpeg"], [400, 800]),
    large,
  });

  it("encodes all widths of one format together for an ordinary photo", () => {
    expect(encodingBatches(plan(false))).toEqual([
      { format: "webp", widths: [400, 800] },
      { format: "jpeg", widths: [400, 800] },
    ]);
  });

  it("encodes a large photo one output at a time to bound memory", () => {
    expect(encodingBatches(plan(true))).toEqual([
      { format: "webp", widths: [400] },
      { format: "webp", widths: [800] },
      { format: "jpeg", widths: [400] },
      { format: "jpeg", widths: [800] },
    ]);
  });
});
