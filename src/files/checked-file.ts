import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { writeFileAtomic } from "./atomic-write.ts";
import { shortHash } from "./short-hash.ts";

/**
 * Files that say how long they are and what they hold: a first line with the body's length in
 * bytes and its hash, then the body. A file cut short (a full disk, a copy stopped half-way) or
 * changed by anything but its writer is known as damaged when read, instead of being taken for a
 * shorter, valid one. What the build cache keeps is written this way.
 */
const MAGIC = "checked-file";

/** The first line of a checked file holding `body`. */
function header(body: Buffer): string {
  return `${MAGIC} ${body.length} ${shortHash(body)}\n`;
}

/** Writes `body` whole or not at all (see `writeFileAtomic`), after a line that checks it. */
export function writeCheckedFile(
  file: string,
  body: string,
  options: { beforeRename?: () => void } = {},
): void {
  const bytes = Buffer.from(body, "utf8");
  writeFileAtomic(file, Buffer.concat([Buffer.from(header(bytes)), bytes]), options);
}

/**
 * A checked file's body, or why it cannot be trusted, or `unchecked`: a whole JSON file without
 * the first line, as written before files were checked (not damaged, only of an earlier version).
 */
export type CheckedRead = { body: string } | { damaged: string } | { unchecked: true };

/** Whether `content` is one whole JSON value, as files were written before they were checked. */
function isWholeJson(content: Buffer): boolean {
  if (content[0] !== 0x7b) return false;
  try {
    JSON.parse(content.toString("utf8"));
    return true;
  } catch {
    return false;
  }
}

const HEADER = new RegExp(`^${MAGIC} (\\d+) ([\\w-]+)\\n`);

/** Reads a checked file, checking its length and hash. Throws when it cannot be read at all (ENOENT…). */
export function readCheckedFile(file: string): CheckedRead {
  const content = readFileSync(file);
  const first = content.subarray(0, 200).toString("latin1");
  const match = HEADER.exec(first);
  if (!match) {
    return isWholeJson(content)
      ? { unchecked: true }
      : { damaged: "it does not start with its length and checksum" };
  }
  const body = content.subarray(match[0].length);
  const length = Number(match[1]);
  if (body.length !== length) {
    return { damaged: `it holds ${body.length} of the ${length} bytes it was written with` };
  }
  if (shortHash(body) !== match[2]) return { damaged: "its checksum does not match what it holds" };
  return { body: body.toString("utf8") };
}

/**
 * Checks a checked file's length against its header without reading its body: the quick test,
 * for files read later or not at all. Undefined when it looks whole, else why not.
 */
export function checkedFileLengthProblem(file: string): string | undefined {
  let first: string;
  let size: number;
  const fd = openSync(file, "r");
  try {
    size = statSync(file).size;
    const buffer = Buffer.alloc(200);
    first = buffer.subarray(0, readSync(fd, buffer, 0, 200, 0)).toString("latin1");
  } finally {
    closeSync(fd);
  }
  const match = HEADER.exec(first);
  if (!match) return "it does not start with its length and checksum";
  const length = Number(match[1]);
  const held = size - match[0].length;
  return held === length
    ? undefined
    : `it holds ${held} of the ${length} bytes it was written with`;
}
