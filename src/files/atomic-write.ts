import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

let counter = 0;

/** A file the import could not write (full disk, no permission, read-only file system), named. */
export class WriteFileError extends Error {
  readonly file: string;
  /** Node's reason, e.g. `ENOSPC: no space left on device, write`. */
  readonly reason: string;

  constructor(file: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    // The wording of src/render/file-writer.ts, so that import and build say it alike.
    super(`Could not write ${file}: ${reason}`, { cause });
    this.name = "WriteFileError";
    this.file = file;
    this.reason = reason;
  }
}

/**
 * Writes a file whole or not at all: the text goes to a temporary file in the same folder, which
 * is then renamed over the target (a rename within one file system replaces it in one step).
 * Throws a `WriteFileError` that names `file`: Node's own ("ENOSPC: …, write") names none.
 * `beforeRename` runs once the temporary file is written: the build's fault-injection tests stop
 * the process there (see `BuildStep`).
 */
export function writeFileAtomic(
  file: string,
  content: string | Uint8Array,
  options: { beforeRename?: () => void } = {},
): void {
  const dir = path.dirname(file);
  const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}.${counter++}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temporary, content);
    options.beforeRename?.();
    renameSync(temporary, file);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Under a regular file (ENOTDIR) there is no temporary file to remove.
    }
    throw new WriteFileError(file, error);
  }
}
