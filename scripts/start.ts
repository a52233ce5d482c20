// npm start [-- --port 8080 --root <archive> --out <dir>]: builds the archive, serves it with live
// reload and working search, and rebuilds what an edit changes.
import path from "node:path";
import { parseArgs } from "node:util";
import { startDev } from "../src/dev/start-dev.ts";
import { reportError } from "../src/build/report-error.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.PORT ?? "8080" },
    root: { type: "string", default: process.env.ARCHIVE_ROOT ?? "." },
    out: { type: "string", default: "_site" },
  },
});

try {
  await startDev({
    root: path.resolve(values.root!),
    projectDir: path.resolve(import.meta.dirname, ".."),
    outDir: path.resolve(values.out!),
    port: Number(values.port),
    env: process.env,
    debug: Boolean(process.env.DEBUG),
  });
} catch (error) {
  reportError(error, { stack: Boolean(process.env.DEBUG) });
  process.exit(1);
}
