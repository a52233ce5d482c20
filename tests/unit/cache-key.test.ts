import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cacheKey, describeKeyChange } from "../../src/cache/cache-key.ts";
import type { Site } from "../../src/config/site.ts";

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

/** The key of an archive that is the project itself, as the README's archive is. */
describe("the build cache's key of an archive kept in the project", () => {
  it("changes with the project's stylesheet, not with a new or replaced photo", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cache-key-"));
    try {
      const write = (file: string, text: string) => {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), text);
      };
      write("src/page.ts", "export {};");
      write("assets/css/site.css", "body {}");
      write("assets/photos/2024/05/harbour.jpg", "jpeg 1");
      write("_data/site.json", "{}");
      const key = () =>
        cacheKey({ projectDir: dir, root: dir, site: { title: "T" } as unknown as Site }).key;
      const first = key();
      write("assets/photos/2024/05/harbour.jpg", "jpeg 2");
      write("assets/photos/2024/06/crane.jpg", "jpeg 3");
      expect(key()).toBe(first);
      write("assets/css/site.css", "body { margin: 0 }");
      expect(key()).not.toBe(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
