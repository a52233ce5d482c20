import { describe, expect, it } from "vitest";
import { describeKeyChange } from "../../src/cache/cache-key.ts";

/** What a build says when the build cache's key changed, in the names the user knows. */
describe("what changed in the build cache's key", () => {
  const before = { format: "4", node: "20", code: "c1", "_data/site.json": "s1", settings: "r1" };

  it("names site.json when only the settings file changed", () => {
    expect(describeKeyChange(before, { ...before, "_data/site.json": "s2", settings: "r2" })).toBe(
      "site.json changed",
    );
  });

  it("names the environment variable that overrides a setting", () => {
    const after = { ...before, "env SITE_URL": "u", settings: "r2" };
    expect(describeKeyChange(before, after)).toBe("SITE_URL changed");
  });

  it("says the code changed, with the other parts that did", () => {
    expect(describeKeyChange(before, { ...before, code: "c2" })).toBe("the code changed");
    const after = { ...before, code: "c2", "_data/site.json": "s2", "env PATH_PREFIX": "p" };
    expect(describeKeyChange(before, after)).toBe("the code, site.json and PATH_PREFIX changed");
  });

  it("says so when Node's major version changed", () => {
    expect(describeKeyChange(before, { ...before, node: "22", code: "c2" })).toBe(
      "Node's major version changed (20 → 22)",
    );
  });
});
