// Writes pages to disk, for `FileWriter` (file-writer.ts): in the calling thread, or as the
// writer thread itself. Plain JavaScript, so that the thread starts the same under tsx, vitest
// and plain Node.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isMainThread, parentPort, workerData } from "node:worker_threads";

/**
 * A function that writes a file under `outputDir`, making its folder first. Each folder is made
 * once, parents first, so every file costs at most one mkdir call (a recursive mkdir of a path
 * with missing parents tries the path, then each parent, then the path again).
 */
export function filesUnder(outputDir) {
  const made = new Set();
  const makeFolder = (dir) => {
    if (made.has(dir)) return;
    const parent = path.dirname(dir);
    if (parent !== dir && dir !== outputDir) makeFolder(parent);
    try {
      mkdirSync(dir);
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    made.add(dir);
  };
  return (file, content) => {
    const target = path.join(outputDir, file);
    makeFolder(path.dirname(target));
    writeFileSync(target, content);
  };
}

// As the writer thread: batches of files in, a count of files written (or the first failure) out.
if (!isMainThread && workerData?.writeFilesUnder) {
  const write = filesUnder(workerData.writeFilesUnder);
  let failed = false;
  parentPort.on("message", ({ files }) => {
    if (failed) return;
    for (const { file, bytes } of files) {
      try {
        write(file, bytes);
      } catch (error) {
        failed = true;
        parentPort.postMessage({ error: { file, message: error.message } });
        return;
      }
    }
    parentPort.postMessage({ written: files.length });
  });
}
