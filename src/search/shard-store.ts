/**
 * Pagefind's output for each shard, kept between builds by its fingerprint (what Pagefind was
 * given, see `shardFingerprint`), so that a build indexes only the shards whose pages changed. One
 * file per shard under the store's folder (`.cache/search/` in the archive): a header line with the
 * files it holds, their lengths and a SHA-256 of the rest, then the files' bytes. A file that does
 * not match its header (a disk-full write, a bad copy) is not used: that shard is indexed again.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../files/atomic-write.ts";

/** A shard's files by path within its bundle (`index/…`, `fragment/…`, `pagefind.…pf_meta`, …). */
export type StoredFiles = ReadonlyMap<string, Uint8Array>;

const SUFFIX = ".pfs";

export class ShardStore {
  /** Entries read or written by this build: what `prune` keeps. */
  private readonly used = new Set<string>();

  constructor(
    readonly dir: string,
    /** Told of a damaged entry, by its file name; it is then indexed again. */
    private readonly warn: (message: string) => void = (message) => console.warn(message),
  ) {}

  private fileOf(key: string): string {
    return path.join(this.dir, `${key}${SUFFIX}`);
  }

  /** The files stored under `key`, or undefined when there are none (or they are damaged). */
  get(key: string): StoredFiles | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.fileOf(key));
    } catch {
      return undefined;
    }
    const files = decodeEntry(bytes);
    if (!files) {
      this.warn(
        `⚠ Ignored a damaged search shard in the cache (${path.basename(this.fileOf(key))}); it is indexed again.`,
      );
      return undefined;
    }
    this.used.add(key);
    return files;
  }

  /** Whether the store holds `key` (kept for the next build, as if read); its contents unchecked. */
  holds(key: string): boolean {
    if (!existsSync(this.fileOf(key))) return false;
    this.used.add(key);
    return true;
  }

  put(key: string, files: StoredFiles): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileAtomic(this.fileOf(key), encodeEntry(files));
    this.used.add(key);
  }

  /** Removes every entry this build neither read nor wrote: the store holds one build's shards. */
  prune(): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (name.endsWith(SUFFIX) && !this.used.has(name.slice(0, -SUFFIX.length))) {
        rmSync(path.join(this.dir, name), { force: true });
      }
    }
  }
}

/** An entry's bytes: the header line, then each file's bytes in the header's order. */
export function encodeEntry(files: StoredFiles): Buffer {
  const list = [...files].sort(([a], [b]) => (a < b ? -1 : 1));
  const body = Buffer.concat(list.map(([, bytes]) => bytes));
  const header = {
    files: list.map(([name, bytes]) => [name, bytes.length]),
    sha256: createHash("sha256").update(body).digest("hex"),
  };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]);
}

/** An entry's files, or undefined when its bytes do not match its header. */
export function decodeEntry(bytes: Buffer): StoredFiles | undefined {
  const newline = bytes.indexOf(10);
  if (newline < 0) return undefined;
  let header: { files: Array<[string, number]>; sha256: string };
  try {
    header = JSON.parse(bytes.subarray(0, newline).toString("utf8"));
  } catch {
    return undefined;
  }
  const body = bytes.subarray(newline + 1);
  const length = header.files?.reduce((sum, [, size]) => sum + size, 0);
  if (length !== body.length) return undefined;
  if (createHash("sha256").update(body).digest("hex") !== header.sha256) return undefined;
  const files = new Map<string, Uint8Array>();
  let at = 0;
  for (const [name, size] of header.files) {
    files.set(name, body.subarray(at, at + size));
    at += size;
  }
  return files;
}
