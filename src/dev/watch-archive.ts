import chokidar from "chokidar";

/**
 * Watches folders for saved files, however the editor saves them: in place, or by writing a
 * temporary file and renaming it over the original (`sed -i`, "safe write"). Node's `fs.watch`
 * follows the file it was given, so after the first such save it watches a file that is gone;
 * chokidar watches the folders and reports the renamed-in file as a change.
 * @see https://github.com/paulmillr/chokidar#persistence
 */
export function watchFiles(
  folders: string[],
  onChange: (file: string) => void,
): { close(): Promise<void>; ready: Promise<void> } {
  const watcher = chokidar.watch(folders, {
    ignoreInitial: true,
    // A rename-over shows as unlink then add; within this many ms chokidar reports one change.
    atomic: 100,
    // One event once a large file has stopped growing, not one per chunk written.
    awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 10 },
  });
  for (const event of ["add", "change", "unlink"] as const) watcher.on(event, onChange);
  const ready = new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  return { close: () => watcher.close(), ready };
}
