/**
 * Pagefind's index files, read and written: the build merges the indexes Pagefind writes for
 * small groups of stories (shards) into the bundles the search page loads (see merge-shards.ts).
 * The format is Pagefind's own, undocumented and versioned with it: every file is gzip of the
 * signature `pagefind_dcd` and a CBOR body, which the search page's WebAssembly decodes. Only the
 * version pinned in package.json is read; any other fails the build with a message, since a
 * changed layout would otherwise make a search index the page cannot use.
 * @see https://github.com/Pagefind/pagefind/blob/main/pagefind/src/index/mod.rs
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { decode, encode } from "cborg";

/** The Pagefind version whose file layout this reads and writes. */
export const PAGEFIND_FORMAT_VERSION = "1.6.0";

const SIGNATURE = Buffer.from("pagefind_dcd");

export class PagefindFormatError extends Error {
  constructor(file: string, expected: string) {
    super(
      `Pagefind wrote ${file} in a form this build does not know (${expected}). The search index is built for Pagefind ${PAGEFIND_FORMAT_VERSION}: install that version (npm ci), or update src/search/pagefind-files.ts for the new one.`,
    );
    this.name = "PagefindFormatError";
  }
}

/** The CBOR body of one of Pagefind's files, as bytes (gzip, then the signature). */
export function readPagefindBody(bytes: Uint8Array, file: string): Buffer {
  let plain: Buffer;
  try {
    plain = gunzipSync(bytes);
  } catch {
    throw new PagefindFormatError(file, "not gzip");
  }
  if (!plain.subarray(0, SIGNATURE.length).equals(SIGNATURE)) {
    throw new PagefindFormatError(file, "no pagefind_dcd signature");
  }
  return plain.subarray(SIGNATURE.length);
}

/** The CBOR body of one of Pagefind's files, decoded. */
export function readPagefindFile(bytes: Uint8Array, file: string): unknown {
  // cborg writes the shortest form of each item, as Pagefind's minicbor does: a file read and
  // written again comes back byte for byte.
  return decode(readPagefindBody(bytes, file));
}

/** Pagefind's file for an encoded CBOR body: the signature, then gzip, as Pagefind writes it. */
export function writePagefindBody(body: Uint8Array): Buffer {
  return gzipSync(Buffer.concat([SIGNATURE, body]), { level: 6 });
}

/** Pagefind's file for a CBOR body. */
export function writePagefindFile(body: unknown): Buffer {
  return writePagefindBody(encode(body));
}

/** A fragment (a page's text, address and metadata, as JSON), as Pagefind wrote it. */
export function readFragment(
  bytes: Uint8Array,
  file: string,
): { url: string } & Record<string, unknown> {
  const plain = gunzipSync(bytes);
  if (!plain.subarray(0, SIGNATURE.length).equals(SIGNATURE)) {
    throw new PagefindFormatError(file, "no pagefind_dcd signature");
  }
  return JSON.parse(plain.subarray(SIGNATURE.length).toString("utf8"));
}

/** One page in the metadata: its fragment's name, its number of words, its fragment group. */
export type MetaPage = [hash: string, wordCount: number, group: string];
/** One index chunk: the words from `from` to `to` (prefixes that tell chunks apart), its name. */
export type MetaChunk = [from: string, to: string, hash: string];

/** `pagefind.<language>_<hash>.pf_meta`: what a search loads first. */
export interface PagefindMeta {
  version: string;
  pages: MetaPage[];
  chunks: MetaChunk[];
  /** Filter name → the name of its filter file. */
  filters: Array<[name: string, hash: string]>;
  /** Sort key → page numbers in order. */
  sorts: Array<[name: string, pages: number[]]>;
  /** The metadata fields searched, in the order their indexes in an index chunk refer to. */
  metaFields: string[];
}

/** A page's entry for a word: its number, the word's places, its places in metadata fields. */
export type PageWord = [page: number, locations: number[], metaLocations: number[]];
/** A spelling of the word that differs only in diacritics, with its own pages. */
export type WordVariant = [form: string, pages: PageWord[]];
/** A word of an index chunk. */
export type IndexWord = [word: string, pages: PageWord[], variants: WordVariant[]];
/** A filter file: the filter's name and each value's pages. */
export type FilterIndex = [name: string, values: Array<[value: string, pages: number[]]>];

const isArray = Array.isArray;

export function readMeta(bytes: Uint8Array, file: string): PagefindMeta {
  const body = readPagefindFile(bytes, file);
  if (!isArray(body) || body.length !== 6 || body[0] !== PAGEFIND_FORMAT_VERSION) {
    throw new PagefindFormatError(
      file,
      `metadata of version ${PAGEFIND_FORMAT_VERSION} in six parts`,
    );
  }
  const [version, pages, chunks, filters, sorts, metaFields] = body as [
    string,
    MetaPage[],
    MetaChunk[],
    PagefindMeta["filters"],
    PagefindMeta["sorts"],
    string[],
  ];
  return { version, pages, chunks, filters, sorts, metaFields };
}

export function writeMeta(meta: PagefindMeta): Buffer {
  return writePagefindFile([
    meta.version,
    meta.pages,
    meta.chunks,
    meta.filters,
    meta.sorts,
    meta.metaFields,
  ]);
}

export function readIndexChunk(bytes: Uint8Array, file: string): IndexWord[] {
  const body = readPagefindFile(bytes, file);
  if (!isArray(body) || body.length !== 1 || !isArray(body[0])) {
    throw new PagefindFormatError(file, "an index chunk holding one list of words");
  }
  return body[0] as IndexWord[];
}

export function writeIndexChunk(words: readonly IndexWord[]): Buffer {
  return writePagefindFile([words]);
}

export function readFilter(bytes: Uint8Array, file: string): FilterIndex {
  const body = readPagefindFile(bytes, file);
  if (!isArray(body) || body.length !== 2 || typeof body[0] !== "string") {
    throw new PagefindFormatError(file, "a filter's name and values");
  }
  return body as FilterIndex;
}

export function writeFilter(filter: FilterIndex): Buffer {
  return writePagefindFile(filter);
}
