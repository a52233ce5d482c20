// npm run check [-- --root <archive>] [--verbose]: validates content and lists names to register.
import { parseArgs } from "node:util";
import { checkArchive, checkExitCode, formatCheckReport } from "../src/check/check-archive.ts";
import { reportError } from "../src/build/report-error.ts";

const { values } = parseArgs({
  options: {
    root: { type: "string", default: process.env.ARCHIVE_ROOT ?? "." },
    verbose: { type: "boolean", default: false },
  },
});

try {
  const report = checkArchive(values.root!, process.env);
  console.log(formatCheckReport(report, { verbose: values.verbose }));
  process.exitCode = checkExitCode(report);
} catch (error) {
  reportError(error, { stack: Boolean(process.env.DEBUG) });
  process.exitCode = 1;
}
