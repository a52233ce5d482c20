// npm run import -- <file-or-folder>…; `--help` lists the options and the formats.
import { parseArgs } from "node:util";
import { formatChoices, IMPORT_FORMATS, isImportFormat } from "../src/import/importers.ts";
import { listInWords } from "../src/import/list-in-words.ts";
import { runImport } from "../src/import/run-import.ts";
import { formatSummary, importExitCode } from "../src/import/summary.ts";

const USAGE = `Usage: npm run import -- <file-or-folder>… [--format ${formatChoices()}] [--date 2024-11-12] [--out <articles folder>] [--root <archive>] [--dry-run] [--force] [--no-tag] [--limit <n>] [--verbose]`;

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    allowNegative: true,
    options: {
      format: { type: "string" },
      date: { type: "string" },
      out: { type: "string" },
      root: { type: "string", default: process.env.ARCHIVE_ROOT ?? "." },
      "dry-run": { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      tag: { type: "boolean", default: true },
      limit: { type: "string" },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length === 0) {
    console.error(`✖ Give a file or folder to import.\n${USAGE}`);
    return 2;
  }
  const format = values.format;
  if (format !== undefined && !isImportFormat(format)) {
    console.error(
      `✖ --format ${format} is not a format: use ${listInWords(IMPORT_FORMATS, "or")}.`,
    );
    return 2;
  }
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    console.error(`✖ --limit ${values.limit} is not a positive whole number.`);
    return 2;
  }
  const summary = runImport({
    root: values.root,
    inputs: positionals,
    format,
    date: values.date,
    out: values.out,
    tag: values.tag,
    force: values.force,
    dryRun: values["dry-run"],
    limit,
  });
  console.log(formatSummary(summary, { verbose: values.verbose }));
  return importExitCode(summary);
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
