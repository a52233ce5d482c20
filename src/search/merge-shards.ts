/**
 * Merges the indexes Pagefind wrote for consecutive shards of stories into one bundle, the unit
 * the search page loads: one metadata file, index chunks cut anew from every shard's words, one
 * file per filter, and the stories' fragments packed into a few files read by byte range.
 *
 * Each shard is indexed by a Pagefind process of its own (small, so that a publish or an edit
 * re-indexes little and no process holds the archive); merging them is pure data work, so a
 * bundle can be as large as searching wants it (one index: one metadata file, one chunk per
 * word, scores over the whole bundle) without Pagefind holding it in memory.
 *
 * What the merged files change, for the search page's sake (src/browser/search-files.ts):
 * - pages are numbered in the order of the shards, which hold stories oldest first, so a page's
 *   number is its place in date order, and each page's name in the metadata is that number
 *   after the bundle's tag (`<tag><number in base 36>`): a short name that costs about a byte
 *   where Pagefind's fragment hash costs five, and tells the page's bundle and date order;
 * - fragments are packed `FRAGMENTS_PER_PACK` to a file, each file starting with the byte
 *   offsets of its fragments, so that a result costs its own fragment (a range request), not a
 *   group of stories, and the site keeps few files; one more file holds every fragment's length,
 *   from which the page knows every pack's offsets in one request (`writeLengths`);
 * - index chunks are cut at `chunkSize` (Pagefind's default is about five times larger), so a
 *   word costs about its own postings in each bundle rather than its neighbours' too;
 * - sorts are left out: the search page orders by date itself, from the page numbers.
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { ARRAY, CborReader, CborWriter } from "./cbor-items.ts";
import {
  PAGEFIND_FORMAT_VERSION,
  PagefindFormatError,
  readFilter,
  readMeta,
  readPagefindBody,
  writeFilter,
  writeMeta,
  writePagefindBody,
  type FilterIndex,
  type MetaChunk,
} from "./pagefind-files.ts";

/** Fragments per pack file. */
export const FRAGMENTS_PER_PACK = 128;
/** Index chunks are cut once they hold this many word places (Pagefind's own cut: 20,000). */
export const DEFAULT_CHUNK_SIZE = 3000;

/** What one Pagefind run wrote, by path within its bundle (`fragment/…`, `index/…`, …). */
export type ShardFiles = ReadonlyMap<string, Uint8Array>;

export interface MergedBundle {
  /** Path within the bundle's folder → bytes. */
  files: Map<string, Buffer>;
  /** The metadata file's name without its folder and extension's dots: `en_<hash>`. */
  metaHash: string;
  /** The pack files, in page order: pack `i` holds pages `i * FRAGMENTS_PER_PACK` on. */
  packs: string[];
  /** The file of every fragment's length (`fragment/<lengths>.pf_lengths`, see `writeLengths`). */
  lengths: string;
  pages: number;
  /** The page names, in page (date) order. */
  codes: string[];
}

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Strings in the order Rust sorts them (by UTF-8 bytes), which the WebAssembly relies on. */
function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** Pagefind's chunk boundaries: the shortest prefixes that tell two neighbouring words apart. */
function prefixes(a: string, b: string): [string, string] {
  const ac = [...a];
  const bc = [...b];
  let common = 0;
  while (common < ac.length && common < bc.length && ac[common] === bc[common]) common++;
  return [ac.slice(0, common + 1).join(""), bc.slice(0, common + 1).join("")];
}

/** Names files by their content, as Pagefind does, lengthening a name that two files share. */
/**
 * Fragments' byte lengths, in page order, each an unsigned LEB128 number (two bytes for most):
 * from them the search page knows every pack's table of offsets (the pack's header, then each
 * fragment after the one before) without asking each pack for its header, a round trip per pack
 * that a second search would otherwise wait for (src/browser/search-files.ts).
 */
export function writeLengths(lengths: readonly number[]): Buffer {
  const bytes: number[] = [];
  for (let length of lengths) {
    while (length >= 0x80) {
      bytes.push((length & 0x7f) | 0x80);
      length >>>= 7;
    }
    bytes.push(length);
  }
  return Buffer.from(bytes);
}

class ContentNames {
  private readonly taken = new Set<string>();
  name(bytes: Uint8Array, length = 7): string {
    const hash = sha(bytes);
    let name = hash.slice(0, length);
    while (this.taken.has(name) && name.length < hash.length) name = hash.slice(0, name.length + 1);
    this.taken.add(name);
    return name;
  }
}

/**
 * One shard's pages for one word, as Pagefind wrote them. Pagefind numbers each page of a word's
 * list by its distance from the page before it (the first from page 0), so a shard's list joins
 * the bundle's by rewriting its first page's number; the other entries are copied as they are.
 */
interface PageRun {
  /** The chunk body the entries are read from. */
  body: Uint8Array;
  count: number;
  /** The first and last page's numbers in the shard. */
  first: number;
  last: number;
  /**
   * Spans of `body` to copy, in pairs (start, end): first the first entry after its page number
   * (its places and metadata places), then the other entries.
   */
  spans: number[];
  /** Places, metadata places and entries, for cutting chunks as Pagefind does. */
  size: number;
  /** The shard's first page's number in the bundle. */
  offset: number;
}

/**
 * Reads one page list. Metadata places name their field by its number in the shard's field list;
 * when the bundle's list differs (`fields` maps one to the other), a run is read into objects
 * and written anew (see `rewriteFields`), which only a shard without some field needs.
 */
function readPageRun(reader: CborReader, offset: number): PageRun {
  const count = reader.array();
  const run: PageRun = { body: reader.bytes, count, first: 0, last: 0, spans: [], size: 0, offset };
  let page = 0;
  for (let i = 0; i < count; i++) {
    const entryStart = reader.at;
    if (reader.array() !== 3) throw new Error("A page entry of an index chunk has three parts");
    page += reader.integer();
    const restStart = reader.at;
    run.size += reader.skip() + reader.skip() + 1;
    if (i === 0) {
      run.first = page;
      run.spans.push(restStart, reader.at);
    } else if (i === 1) {
      run.spans.push(entryStart, reader.at);
    } else {
      run.spans[3] = reader.at;
    }
  }
  run.last = page;
  return run;
}

/**
 * A run whose metadata places name fields by the shard's numbers, moved to the bundle's
 * (`fields[shard's] = bundle's`; a field is written `-1 - field` before its places).
 */
function rewriteFields(run: PageRun, fields: readonly number[]): PageRun {
  const reader = new CborReader(run.body);
  const writer = new CborWriter();
  const spans: number[] = [];
  const entry = (start: number, end: number, first: boolean) => {
    reader.at = start;
    const from = writer.length;
    if (!first) {
      reader.array();
      writer.head(ARRAY, 3);
      writer.integer(reader.integer());
    }
    const locations = reader.at;
    reader.skip();
    writer.copy(run.body, locations, reader.at);
    const length = reader.array();
    writer.head(ARRAY, length);
    for (let i = 0; i < length; i++) {
      const value = reader.integer();
      writer.integer(value < 0 ? -1 - fields[-1 - value]! : value);
    }
    if (reader.at !== end && first) throw new Error("A page entry has more than three parts");
    spans.push(from, writer.length);
  };
  const [firstStart, firstEnd, restStart, restEnd] = run.spans;
  entry(firstStart!, firstEnd!, true);
  if (restStart !== undefined) {
    let at = restStart;
    while (at < restEnd!) {
      reader.at = at;
      reader.skip();
      const end = reader.at;
      entry(at, end, false);
      at = end;
    }
    // One span for all entries after the first.
    spans.splice(2, spans.length - 2, spans[2]!, spans.at(-1)!);
  }
  return { ...run, body: Buffer.from(writer.bytes()), spans };
}

/** Runs of one word from consecutive shards, written as one page list. */
function writePageList(writer: CborWriter, runs: readonly PageRun[]): void {
  writer.head(
    ARRAY,
    runs.reduce((sum, run) => sum + run.count, 0),
  );
  let last = 0;
  for (const run of runs) {
    if (!run.count) continue;
    const first = run.offset + run.first;
    writer.head(ARRAY, 3);
    writer.integer(first - last);
    for (let i = 0; i < run.spans.length; i += 2)
      writer.copy(run.body, run.spans[i], run.spans[i + 1]);
    last = run.offset + run.last;
  }
}

interface MergedWord {
  runs: PageRun[];
  variants: Map<string, PageRun[]>;
  size: number;
}

/**
 * Merges shards (oldest first) into one bundle whose pages are named `<tag><n>`. `language` is the
 * index's language (every shard is indexed in it).
 */
export function mergeShards(
  shards: readonly ShardFiles[],
  options: {
    tag: string;
    language: string;
    /** Characters Pagefind keeps in words (its entry file's `include_characters`). */
    includeCharacters?: readonly string[];
    chunkSize?: number;
    perPack?: number;
  },
): MergedBundle {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const perPack = options.perPack ?? FRAGMENTS_PER_PACK;
  const metas = shards.map((files, i) => {
    const name = [...files.keys()].find((path) => path.endsWith(".pf_meta"));
    if (!name) throw new PagefindFormatError(`shard ${i}`, "one metadata file");
    return { name, meta: readMeta(files.get(name)!, name) };
  });
  const fields = [...new Set(metas.flatMap(({ meta }) => meta.metaFields))].sort(byBytes);
  const fieldIndex = new Map(fields.map((field, i) => [field, i]));

  const words = new Map<string, MergedWord>();
  const filters = new Map<string, Map<string, number[]>>();
  const fragments: Uint8Array[] = [];
  const wordCounts: number[] = [];
  let offset = 0;
  shards.forEach((files, s) => {
    const { meta } = metas[s]!;
    const fieldMap = meta.metaFields.map((field) => fieldIndex.get(field)!);
    const same = fieldMap.every((to, from) => to === from);
    const moved = (run: PageRun) => (same ? run : rewriteFields(run, fieldMap));
    for (const [hash, wordCount, group] of meta.pages) {
      if (group) throw new PagefindFormatError(`shard ${s}`, "one fragment file per page");
      const path = `fragment/${hash}.pf_fragment`;
      const bytes = files.get(path);
      if (!bytes) throw new PagefindFormatError(path, "a fragment for every page");
      fragments.push(bytes);
      wordCounts.push(wordCount);
    }
    for (const [, , hash] of meta.chunks) {
      const path = `index/${hash}.pf_index`;
      const bytes = files.get(path);
      if (!bytes) throw new PagefindFormatError(path, "every chunk the metadata lists");
      const reader = new CborReader(readPagefindBody(bytes, path));
      if (reader.array() !== 1) throw new PagefindFormatError(path, "one list of words");
      const count = reader.array();
      for (let i = 0; i < count; i++) {
        if (reader.array() !== 3) throw new PagefindFormatError(path, "words of three parts");
        const word = reader.text();
        let merged = words.get(word);
        if (!merged) {
          merged = { runs: [], variants: new Map(), size: 0 };
          words.set(word, merged);
        }
        const run = moved(readPageRun(reader, offset));
        merged.runs.push(run);
        merged.size += run.size;
        const variants = reader.array();
        for (let v = 0; v < variants; v++) {
          if (reader.array() !== 2) throw new PagefindFormatError(path, "variants of two parts");
          const form = reader.text();
          const variantRun = moved(readPageRun(reader, offset));
          let list = merged.variants.get(form);
          if (!list) merged.variants.set(form, (list = []));
          list.push(variantRun);
          merged.size += variantRun.size;
        }
      }
    }
    for (const [, hash] of meta.filters) {
      const path = `filter/${hash}.pf_filter`;
      const bytes = files.get(path);
      if (!bytes) throw new PagefindFormatError(path, "every filter the metadata lists");
      const [name, values] = readFilter(bytes, path);
      let merged = filters.get(name);
      if (!merged) filters.set(name, (merged = new Map()));
      for (const [value, pages] of values) {
        let list = merged.get(value);
        if (!list) merged.set(value, (list = []));
        for (const page of pages) list.push(page + offset);
      }
    }
    offset += meta.pages.length;
  });

  const names = new ContentNames();
  const files = new Map<string, Buffer>();

  // Index chunks: words in Rust's order, cut once a chunk holds `chunkSize` places.
  const chunks: Array<{ words: string[]; body: Buffer }> = [];
  let writer = new CborWriter();
  let chunkWords: string[] = [];
  let size = 0;
  const flush = () => {
    const words = writer.bytes();
    const body = new CborWriter();
    body.head(ARRAY, 1);
    body.head(ARRAY, chunkWords.length);
    body.copy(words);
    chunks.push({ words: chunkWords, body: body.bytes() });
    writer = new CborWriter();
    chunkWords = [];
    size = 0;
  };
  const sorted = [...words.keys()]
    .map((word) => ({ word, key: Buffer.from(word, "utf8") }))
    .sort((a, b) => Buffer.compare(a.key, b.key));
  for (const { word } of sorted) {
    const merged = words.get(word)!;
    chunkWords.push(word);
    writer.head(ARRAY, 3);
    writer.text(word);
    writePageList(writer, merged.runs);
    const forms = [...merged.variants.keys()].sort(byBytes);
    writer.head(ARRAY, forms.length);
    for (const form of forms) {
      writer.head(ARRAY, 2);
      writer.text(form);
      writePageList(writer, merged.variants.get(form)!);
    }
    size += merged.size;
    if (size >= chunkSize) flush();
  }
  if (chunkWords.length) flush();
  const metaChunks: MetaChunk[] = chunks.map(({ words: list }) => [list[0]!, list.at(-1)!, ""]);
  for (let i = 0; i + 1 < metaChunks.length; i++) {
    const [to, from] = prefixes(metaChunks[i]![1], metaChunks[i + 1]![0]);
    metaChunks[i]![1] = to;
    metaChunks[i + 1]![0] = from;
  }
  chunks.forEach(({ body }, i) => {
    const bytes = writePagefindBody(body);
    const name = names.name(bytes);
    files.set(`index/${name}.pf_index`, bytes);
    metaChunks[i]![2] = name;
  });

  const metaFilters: Array<[string, string]> = [];
  for (const name of [...filters.keys()].sort(byBytes)) {
    const values = filters.get(name)!;
    const filter: FilterIndex = [
      name,
      [...values.keys()].sort(byBytes).map((value) => [value, values.get(value)!]),
    ];
    const bytes = writeFilter(filter);
    const hash = names.name(bytes);
    files.set(`filter/${hash}.pf_filter`, bytes);
    metaFilters.push([name, hash]);
  }

  const packs: string[] = [];
  for (let start = 0; start < fragments.length; start += perPack) {
    const blobs = fragments.slice(start, start + perPack);
    const header = Buffer.alloc(4 * (blobs.length + 1));
    let at = header.length;
    blobs.forEach((blob, i) => {
      header.writeUInt32LE(at, 4 * i);
      at += blob.length;
    });
    header.writeUInt32LE(at, 4 * blobs.length);
    const bytes = Buffer.concat([header, ...blobs]);
    const hash = names.name(bytes);
    files.set(`fragment/${hash}.pf_pack`, bytes);
    packs.push(hash);
  }
  const lengthsBytes = gzipSync(writeLengths(fragments.map((blob) => blob.length)));
  const lengths = names.name(lengthsBytes);
  files.set(`fragment/${lengths}.pf_lengths`, lengthsBytes);

  const codes = wordCounts.map((_, i) => `${options.tag}${i.toString(36)}`);
  const metaBytes = writeMeta({
    version: PAGEFIND_FORMAT_VERSION,
    pages: codes.map((code, i) => [code, wordCounts[i]!, ""]),
    chunks: metaChunks,
    filters: metaFilters,
    sorts: [],
    metaFields: fields,
  });
  const metaHash = `${options.language}_${sha(metaBytes).slice(0, 10)}`;
  files.set(`pagefind.${metaHash}.pf_meta`, metaBytes);
  files.set(
    "pagefind-entry.json",
    Buffer.from(
      JSON.stringify({
        version: PAGEFIND_FORMAT_VERSION,
        languages: {
          [options.language]: { hash: metaHash, wasm: options.language, page_count: codes.length },
        },
        include_characters: options.includeCharacters ?? [],
      }),
    ),
  );
  return { files, metaHash, packs, lengths, pages: codes.length, codes };
}
