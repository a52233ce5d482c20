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
 * What the merged files change, for the search page's sake (src/browser/fragment-fetch.ts):
 * - pages are numbered in the order of the shards, which hold stories oldest first, so a page's
 *   number is its place in date order, and each page's name in the metadata is that number
 *   after the bundle's tag (`<tag><number in base 36>`): a short name that costs about a byte
 *   where Pagefind's fragment hash costs five, and tells the page's bundle and date order;
 * - fragments are packed `FRAGMENTS_PER_PACK` to a file, each file starting with the byte
 *   offsets of its fragments, so that a result costs its own fragment (a range request), not a
 *   group of stories, and the site keeps few files;
 * - index chunks are cut at `chunkSize` (Pagefind's default is about five times larger), so a
 *   word costs about its own postings in each bundle rather than its neighbours' too;
 * - sorts are left out: the search page orders by date itself, from the page numbers.
 */
import { createHash } from "node:crypto";
import {
  PAGEFIND_FORMAT_VERSION,
  PagefindFormatError,
  readFilter,
  readIndexChunk,
  readMeta,
  writeFilter,
  writeIndexChunk,
  writeMeta,
  type FilterIndex,
  type IndexWord,
  type MetaChunk,
  type PageWord,
  type WordVariant,
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
 * A word's pages as one list: Pagefind numbers each page of a word's list by its distance from
 * the page before it (the first from page 0), so a shard's list joins the bundle's by moving its
 * first page by the shard's place in the bundle; the rest keep their distances. Metadata places
 * name their field by its number in the shard's field list, which is moved to the bundle's.
 */
class PageList {
  readonly pages: PageWord[] = [];
  /** The last page's number in the bundle. */
  private last = 0;

  /** `fields` maps the shard's field numbers to the bundle's; undefined when they are the same. */
  append(entries: readonly PageWord[], offset: number, fields?: readonly number[]): number {
    let page = offset;
    let size = 0;
    for (let i = 0; i < entries.length; i++) {
      let entry = entries[i]!;
      page += entry[0];
      if (fields && entry[2].length) {
        entry = [
          entry[0],
          entry[1],
          entry[2].map((value) => (value < 0 ? -(fields[-value - 1]! + 1) : value)),
        ];
      }
      if (i === 0) entry = [page - this.last, entry[1], entry[2]];
      this.pages.push(entry);
      size += entry[1].length + entry[2].length + 1;
    }
    if (entries.length) this.last = page;
    return size;
  }
}

interface MergedWord {
  pages: PageList;
  variants: Map<string, PageList>;
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
    const moved = meta.metaFields.map((field) => fieldIndex.get(field)!);
    const shardFields = moved.every((to, from) => to === from) ? undefined : moved;
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
      for (const [word, pages, variants] of readIndexChunk(bytes, path)) {
        let merged = words.get(word);
        if (!merged) {
          merged = { pages: new PageList(), variants: new Map(), size: 0 };
          words.set(word, merged);
        }
        merged.size += merged.pages.append(pages, offset, shardFields);
        for (const [form, variantPages] of variants) {
          let list = merged.variants.get(form);
          if (!list) merged.variants.set(form, (list = new PageList()));
          merged.size += list.append(variantPages, offset, shardFields);
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
  const chunks: Array<{ words: IndexWord[] }> = [];
  let current: IndexWord[] = [];
  let size = 0;
  for (const word of [...words.keys()].sort(byBytes)) {
    const merged = words.get(word)!;
    const variants: WordVariant[] = [...merged.variants]
      .sort(([a], [b]) => byBytes(a, b))
      .map(([form, list]) => [form, list.pages]);
    current.push([word, merged.pages.pages, variants]);
    size += merged.size;
    if (size >= chunkSize) {
      chunks.push({ words: current });
      current = [];
      size = 0;
    }
  }
  if (current.length) chunks.push({ words: current });
  const metaChunks: MetaChunk[] = chunks.map(({ words: list }) => [list[0]![0], list.at(-1)![0], ""]);
  for (let i = 0; i + 1 < metaChunks.length; i++) {
    const [to, from] = prefixes(metaChunks[i]![1], metaChunks[i + 1]![0]);
    metaChunks[i]![1] = to;
    metaChunks[i + 1]![0] = from;
  }
  chunks.forEach(({ words: list }, i) => {
    const bytes = writeIndexChunk(list);
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
  return { files, metaHash, packs, pages: codes.length, codes };
}
