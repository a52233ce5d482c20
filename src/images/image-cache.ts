import { existsSync } from "node:fs";
import { copyFile, link, mkdir, mkdtemp, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";

/**
 * The folder of encoded photos that outlives builds (`.cache/images/`). Files are named by
 * eleventy-img, `<hash>-<width>.<format>`, the hash covering the source's bytes and the encoder
 * options, so a name present here is a finished encode of exactly that photo and setting.
 * Encodes land in a temporary folder and are renamed in, so an interrupted build never leaves a
 * half-written file under a valid name.
 */
export class ImageCache {
  constructor(readonly dir: string) {}

  /** True when every one of `filenames` is in the cache. */
  has(filenames: string[]): boolean {
    return filenames.every((name) => existsSync(path.join(this.dir, name)));
  }

  /** Runs `encode` into a fresh temporary folder inside the cache, then moves its files in. */
  async fill<T>(encode: (folder: string) => Promise<T>, filenames: (result: T) => string[]) {
    await mkdir(this.dir, { recursive: true });
    const folder = await mkdtemp(path.join(this.dir, ".encoding-"));
    try {
      const result = await encode(folder);
      for (const name of filenames(result)) {
        await rename(path.join(folder, name), path.join(this.dir, name));
      }
      return result;
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  /**
   * Puts cached files into `outputDir`: hard links where the file system allows (no bytes copied),
   * copies otherwise (another device, or links not supported). A file already there has the same
   * name, hence the same content, and is left alone. Being links, the published files must not be
   * edited in place (a post-processing tool should write new files).
   */
  async publish(filenames: string[], outputDir: string): Promise<void> {
    await mkdir(outputDir, { recursive: true });
    for (const name of filenames) {
      const from = path.join(this.dir, name);
      const to = path.join(outputDir, name);
      try {
        await link(from, to);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EEXIST") continue;
        if (code === "EXDEV" || code === "EPERM" || code === "ENOTSUP") await copyFile(from, to);
        else throw error;
      }
    }
  }

  /**
   * Deletes cached files that no article uses any more, so the cache holds the archive's current
   * photos only and stays small enough to keep in CI. Temporary folders left by an interrupted
   * build are removed once they are an hour old (a running build may still be using a newer one).
   */
  async prune(keep: ReadonlySet<string>): Promise<number> {
    if (!existsSync(this.dir)) return 0;
    let removed = 0;
    const hourAgo = Date.now() - 3_600_000;
    for (const entry of await readdir(this.dir, { withFileTypes: true })) {
      const full = path.join(this.dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name.startsWith(".encoding-") && (await stat(full)).mtimeMs < hourAgo) {
          await rm(full, { recursive: true, force: true });
        }
      } else if (!keep.has(entry.name)) {
        await rm(full, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
