import { Worker } from "node:worker_threads";
import { filesUnder } from "./write-files.mjs";

/** Pages handed over in one message: fewer, larger messages cost the rendering thread less. */
const BATCH = 16;
/** Pages encoded but not yet on disk before `write` asks the caller to wait (about 10 MB). */
const BACKLOG = 512;

/**
 * Writes files under one folder, from a second thread when asked. Creating folders and files is
 * a quarter of a large build's time on the file systems measured, all of it system calls that
 * need not hold up rendering: with a core to spare, that time comes off the build. Without one
 * (Pagefind indexing on it), the thread only competes with Pagefind, so the files are then
 * written inline. Measured on two cores, full Reuters archive: pages-only builds went from 13.4
 * to 11.1 s (medians of 3); complete builds were no faster with the thread, once 3 s slower.
 *
 * (A pool of asynchronous writes on libuv's threads measured slower than writing inline.)
 *
 * Pages are encoded here and their bytes moved, not copied, to the thread. `write` returns a
 * promise to wait for when the thread has fallen `BACKLOG` pages behind; `close` waits for every
 * file to be on disk and reports the first file that could not be written.
 */
export class FileWriter {
  readonly #worker: Worker | undefined;
  readonly #writeInline: ((file: string, content: string) => void) | undefined;
  readonly #encoder = new TextEncoder();
  #batch: Array<{ file: string; bytes: Uint8Array }> = [];
  #sent = 0;
  #written = 0;
  #error: Error | undefined;
  #waiting: Array<{ resolve: () => void; reject: (error: Error) => void; until: number }> = [];

  constructor(outputDir: string, options: { thread: boolean }) {
    if (!options.thread) {
      this.#writeInline = filesUnder(outputDir);
      return;
    }
    this.#worker = new Worker(new URL("./write-files.mjs", import.meta.url), {
      workerData: { writeFilesUnder: outputDir },
    });
    this.#worker.on("message", (message: { written?: number; error?: WriteError }) => {
      if (message.error) {
        this.#fail(couldNotWrite(message.error.file, message.error.message));
      } else {
        this.#written += message.written ?? 0;
        this.#wake();
      }
    });
    this.#worker.on("error", (error) => this.#fail(error));
    this.#worker.on("exit", (code) => {
      if (this.#written < this.#sent) {
        this.#fail(new Error(`The file writer stopped (exit code ${code}) with files unwritten.`));
      }
    });
  }

  /** Queues `content` for `file` (relative to the output folder). */
  write(file: string, content: string): Promise<void> | undefined {
    if (this.#writeInline) {
      try {
        this.#writeInline(file, content);
      } catch (error) {
        throw couldNotWrite(file, (error as Error).message);
      }
      return undefined;
    }
    if (this.#error) throw this.#error;
    this.#batch.push({ file, bytes: this.#encoder.encode(content) });
    this.#sent++;
    if (this.#batch.length >= BATCH) this.#flush();
    if (this.#sent - this.#written < BACKLOG) return undefined;
    return this.#until(this.#sent - BACKLOG / 2);
  }

  /** Waits until every queued file is written, then stops the writer. */
  async close(): Promise<void> {
    if (!this.#worker) return;
    try {
      if (this.#error) throw this.#error;
      this.#flush();
      await this.#until(this.#sent);
    } finally {
      await this.#worker.terminate();
    }
  }

  #flush(): void {
    if (this.#batch.length === 0) return;
    const files = this.#batch;
    this.#batch = [];
    this.#worker!.postMessage(
      { files },
      files.map(({ bytes }) => bytes.buffer as ArrayBuffer),
    );
  }

  /** Resolves once `count` files are written. */
  #until(count: number): Promise<void> {
    if (this.#error) return Promise.reject(this.#error);
    if (this.#written >= count) return Promise.resolve();
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject, until: count }));
  }

  #wake(): void {
    this.#waiting = this.#waiting.filter((waiter) => {
      if (this.#written < waiter.until) return true;
      waiter.resolve();
      return false;
    });
  }

  #fail(error: Error): void {
    this.#error ??= error;
    for (const waiter of this.#waiting) waiter.reject(this.#error);
    this.#waiting = [];
  }
}

/** The same error whichever thread failed to write the file. */
function couldNotWrite(file: string, reason: string): Error {
  return new Error(`Could not write ${file}: ${reason}`);
}

interface WriteError {
  file: string;
  message: string;
}
