import { describe, expect, it } from "vitest";
import { writeLengths } from "../../src/search/merge-shards.ts";
import { packTable, readLengths } from "../../src/browser/search-files.ts";

describe("the file of fragment lengths", () => {
  it("reads back every length it wrote, one byte for the smallest, more for the largest", () => {
    const lengths = [0, 1, 127, 128, 300, 16_383, 16_384, 70_000, 2 ** 31 + 5];
    const bytes = writeLengths(lengths);
    expect(readLengths(bytes)).toEqual(lengths);
    expect(writeLengths([127])).toHaveLength(1);
    expect(writeLengths([128])).toHaveLength(2);
    expect(writeLengths([3_000])).toHaveLength(2);
  });

  it("gives a pack's table of offsets: its header's length, then each fragment after the last", () => {
    // Two packs of three and two fragments.
    const lengths = [10, 20, 30, 5, 7];
    expect([...packTable(lengths, 0, 3)]).toEqual([16, 26, 46, 76]);
    expect([...packTable(lengths, 3, 2)]).toEqual([12, 17, 24]);
    expect(() => packTable(lengths, 3, 3)).toThrow(/Too few/);
  });
});
