import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Gives each test run its own temporary folder: every site, archive and server folder the tests
 * make (with `mkdtemp` under `os.tmpdir()`) goes inside it, and it is removed when the run ends,
 * so repeated runs do not fill the disk. KEEP_TEST_OUTPUT=1 keeps it to look into after a failure.
 * Workers and the builds they start inherit TMPDIR from this process.
 */
export default function setup(): () => Promise<void> {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(path.join(tmpdir(), "news-archive-tests-"));
  process.env.TMPDIR = dir;
  // Removed without blocking, so that the test workers can report their exit meanwhile.
  return async () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    if (process.env.KEEP_TEST_OUTPUT) console.log(`Test output kept in ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  };
}
