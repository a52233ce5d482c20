import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

it("puts what the tests make in the run's own temporary folder, removed when the run ends", () => {
  expect(path.basename(tmpdir())).toMatch(/^news-archive-tests-/);
});
