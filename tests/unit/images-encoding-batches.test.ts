import { describe, expect, it } from "vitest";
import { imageStats as stats } from "../helpers/image-stats.ts";
import { encodingBatches } from "../../src/images/encode-photo.ts";

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
