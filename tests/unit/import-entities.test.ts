import { describe, expect, it } from "vitest";
import { decodeEntities } from "../../src/import/entities.ts";
import { monthNumber } from "../../src/import/month-names.ts";

describe("decoding character references", () => {
  it("decodes decimal, hexadecimal and common named references, in any case", () => {
    expect(decodeEntities("&#8217;&#x2019;&AMP;&rsquo;&nbsp;")).toBe("’’&’\u00a0");
  });

  it("keeps a reference it does not know, and one to no character, as written", () => {
    expect(decodeEntities("&bogus; &#0; &#x110000;")).toBe("&bogus; &#0; &#x110000;");
  });

  it("removes references to control characters only when asked to", () => {
    expect(decodeEntities("A&#3;&#x85;B")).toBe("A\u0003\u0085B");
    expect(decodeEntities("A&#3;&#x85;B", { dropControls: true })).toBe("AB");
  });
});

describe("month names", () => {
  it("reads a month by the first three letters of its name, and none from another word", () => {
    expect(["Jan", "SEPT.", "november", "Foo"].map(monthNumber)).toEqual([1, 9, 11, 0]);
  });
});
