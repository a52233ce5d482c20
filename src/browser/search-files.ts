// The search index's files as Pagefind asks for them, served from the bundles the build wrote
// (src/search/merge-shards.ts). Pagefind runs on the page (`noWorker`) and fetches through
// `SearchFiles.fetch`, which:
// - answers each bundle's entry file from the bundle list the search page carries, so a bundle
//   costs no request before its metadata;
// - fetches the WebAssembly once, from the folder of the scripts, whichever bundle asks, and each
//   file of the index once, whichever of the page's Pagefind instances asks;
// - turns a page's fragment (`fragment/<page>.pf_fragment`, the page named by its bundle's tag
//   and its number) into two byte-range requests on the bundle's pack file: the pack's table of
//   offsets (once per pack), then the fragment itself, so a result costs its own story; after
//   the first results, one request per bundle for every fragment's length (`prefetchTables`)
//   gives every pack's table, so later results cost one round trip, not two;
// - unzips what it passes on with the browser's own gzip, which is faster than Pagefind's
//   script, and hands Pagefind the plain file (Pagefind skips unzipping a file that starts with
//   its signature), noting the words of every index chunk it passes for prefix-fallback.ts.
// A server that ignores byte ranges sends the whole pack; it is kept, and each fragment is cut
// from it.
import { chunkWords } from "./chunk-words.ts";
import type { SearchBundleInfo, SearchIndexInfo } from "../search/bundle-info.ts";

/** What of a bundle's description the files need. */
type BundleFiles = Pick<SearchBundleInfo, "dir" | "tag" | "meta" | "packs" | "pages" | "lengths">;

/** What of the index's description the files need. */
type IndexFormat = Pick<SearchIndexInfo, "version" | "language" | "includeCharacters" | "perPack">;

const SIGNATURE = new TextEncoder().encode("pagefind_dcd");

function hasSignature(bytes: Uint8Array): boolean {
  return SIGNATURE.every((byte, i) => bytes[i] === byte);
}

/**
 * gzip, unzipped by the browser; bytes that are not gzip are returned as they are. The bytes go
 * into the stream as they are, not through a `Blob`: a search unzips a dozen small files (index
 * chunks, fragments) at once, and Chromium registers each Blob with its browser process, which
 * made unzipping them take two to three times as long, on the page's main thread.
 */
async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b || typeof DecompressionStream === "undefined") {
    return bytes;
  }
  const stream = new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(bytes as Uint8Array<ArrayBuffer>);
      controller.close();
    },
  }).pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const FRAGMENT = /^fragment\/([0-9a-z]+)\.pf_fragment$/;

/** Unsigned LEB128 numbers, one after the other (src/search/merge-shards.ts `writeLengths`). */
export function readLengths(bytes: Uint8Array): number[] {
  const lengths: number[] = [];
  let value = 0;
  let shift = 0;
  for (const byte of bytes) {
    value += (byte & 0x7f) * 2 ** shift;
    if (byte & 0x80) shift += 7;
    else {
      lengths.push(value);
      value = 0;
      shift = 0;
    }
  }
  return lengths;
}

/**
 * A pack's table of offsets, as its header holds it, from the lengths of its `count` fragments
 * (pages `first` on): its header's own length, then each fragment after the one before.
 */
export function packTable(lengths: readonly number[], first: number, count: number): Uint32Array {
  if (lengths.length < first + count) throw new Error("Too few fragment lengths for the pack");
  const table = new Uint32Array(count + 1);
  table[0] = 4 * (count + 1);
  for (let i = 0; i < count; i++) table[i + 1] = table[i]! + lengths[first + i]!;
  return table;
}

export class SearchFiles {
  /** Bundle folder → bundle, longest folder first (the newest may be the index's own folder). */
  private readonly byDir: BundleFiles[];
  private readonly byTag: Map<string, BundleFiles>;
  /** Packs whose table of offsets is loading or loaded. */
  private readonly tables = new Map<string, Promise<Uint32Array>>();
  /** Whole files a server sent instead of a range. */
  private readonly whole = new Map<string, Promise<ArrayBuffer>>();
  private readonly shared = new Map<string, Promise<Uint8Array>>();
  /** Bundle tag → the words of its index chunks loaded so far. */
  private readonly words = new Map<string, Set<string>>();
  /** Tags of the bundles a file of which could not be loaded (offline and not saved, say). */
  private readonly broken = new Set<string>();

  constructor(
    /** The search index's folder, an absolute URL ending in `/`. */
    private readonly base: string,
    bundles: readonly BundleFiles[],
    private readonly format: IndexFormat,
    private readonly network: typeof fetch,
    /**
     * Whether each fragment is a file of its own (`fragment/<page>.pf_fragment`), as the portable
     * build writes them for the file system, where there are no byte ranges.
     */
    private readonly fragmentFiles = false,
  ) {
    this.byDir = [...bundles].sort((a, b) => b.dir.length - a.dir.length);
    this.byTag = new Map(bundles.map((bundle) => [bundle.tag, bundle]));
  }

  /** Whether a request for the index failed to reach the server at all (offline, most likely). */
  unreachable = false;

  /** The network, noting a request that reached no server. */
  private async request(href: string, init?: RequestInit): Promise<Response> {
    try {
      return await this.network(href, init);
    } catch (error) {
      this.unreachable = true;
      throw error;
    }
  }

  /** Tags of the bundles one of whose files could not be loaded. */
  brokenTags(): string[] {
    return [...this.broken];
  }

  /** Whether `prefetchTables` was asked. */
  private prefetched = false;

  /**
   * Loads, once, each bundle's file of fragment lengths (see src/search/merge-shards.ts) and from
   * it every pack's table of offsets that is not loading yet, so that no later result waits for
   * its pack's header. Asked once the first results are shown: the first search's bytes stay its
   * own. A bundle whose file fails (offline, where the saved copy does not keep it) asks each pack
   * for its header, as before.
   */
  prefetchTables(): void {
    if (this.prefetched || this.fragmentFiles) return;
    this.prefetched = true;
    const { perPack } = this.format;
    for (const bundle of this.byTag.values()) {
      if (!bundle.lengths) continue;
      const lengths = this.download(
        `${this.base}${bundle.dir}fragment/${bundle.lengths}.pf_lengths`,
      );
      bundle.packs.forEach((pack, i) => {
        const href = `${this.base}${bundle.dir}fragment/${pack}.pf_pack`;
        if (this.tables.has(href)) return;
        const count = Math.min(perPack, bundle.pages - i * perPack);
        const table = lengths.then(
          (bytes) => packTable(readLengths(bytes), i * perPack, count),
          () => this.headerTable(href, count),
        );
        this.tables.set(href, table);
        table.catch(() => this.tables.delete(href));
      });
    }
  }

  /** The words of the index chunks loaded for `tag`'s bundle. */
  wordsOf(tag: string): ReadonlySet<string> {
    return this.words.get(tag) ?? new Set();
  }

  /** A `fetch` for Pagefind: files of the index as described above, anything else as it is. */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input, document.baseURI);
    const href = `${url.origin}${url.pathname}`;
    if (!href.startsWith(this.base)) return this.network(input, init);
    const path = href.slice(this.base.length);
    const bundle = this.byDir.find((candidate) => path.startsWith(candidate.dir));
    if (!bundle) return this.network(input, init);
    const name = path.slice(bundle.dir.length);
    if (name === "pagefind-entry.json") return this.entry(bundle);
    if (/^wasm\.[\w-]+\.pagefind$/.test(name)) return this.plain(this.once(`${this.base}${name}`));
    const fragment = FRAGMENT.exec(name);
    if (fragment)
      return this.plain(this.noteFailure(fragment[1]!.slice(0, 2), this.fragment(fragment[1]!)));
    // Kept for the page's life: the facet counts' instance asks for the same files (see
    // search-page.ts), and they are named by their content.
    const file = this.noteFailure(bundle.tag, this.once(href));
    if (name.startsWith("index/")) {
      void file.then((bytes) => this.noteWords(bundle.tag, bytes)).catch(() => undefined);
    }
    return this.plain(file);
  };

  /** `file`, its failure noted against the bundle `tag`. */
  private noteFailure(tag: string, file: Promise<Uint8Array>): Promise<Uint8Array> {
    file.catch(() => this.broken.add(tag));
    return file;
  }

  private entry(bundle: BundleFiles): Response {
    const { version, language, includeCharacters } = this.format;
    const entry = {
      version,
      languages: { [language]: { hash: bundle.meta, wasm: language, page_count: bundle.pages } },
      include_characters: includeCharacters,
    };
    return new Response(JSON.stringify(entry), { headers: { "content-type": "application/json" } });
  }

  /** A file, unzipped; a failed request rejects, as Pagefind's own fetch would fail. */
  private async download(href: string, init?: RequestInit): Promise<Uint8Array> {
    const response = await this.request(href, init);
    if (!response.ok) throw new Error(`${response.status} fetching ${href}`);
    return gunzip(new Uint8Array(await response.arrayBuffer()));
  }

  /** A file asked for more than once (the WebAssembly, by every bundle): downloaded once. */
  private once(href: string): Promise<Uint8Array> {
    let file = this.shared.get(href);
    if (!file) {
      file = this.download(href);
      this.shared.set(href, file);
      file.catch(() => this.shared.delete(href));
    }
    return file;
  }

  private async plain(bytes: Promise<Uint8Array>): Promise<Response> {
    try {
      return new Response((await bytes).slice());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Bytes `from` to `to` (exclusive) of a file, by a range request. */
  async range(href: string, from: number, to: number): Promise<ArrayBuffer> {
    const kept = this.whole.get(href);
    if (kept) return (await kept).slice(from, to);
    const response = await this.request(href, { headers: { range: `bytes=${from}-${to - 1}` } });
    if (response.status === 206) return response.arrayBuffer();
    if (!response.ok) throw new Error(`${response.status} fetching ${href}`);
    // The whole file came back: keep it for the pack's other fragments.
    const file = response.arrayBuffer();
    this.whole.set(href, file);
    return (await file).slice(from, to);
  }

  /** A page's fragment, by its name: the bundle's tag, then its number in base 36. */
  private async fragment(name: string): Promise<Uint8Array> {
    const bundle = this.byTag.get(name.slice(0, 2));
    const page = parseInt(name.slice(2), 36);
    const { perPack } = this.format;
    const pack = bundle?.packs[Math.floor(page / perPack)];
    if (!bundle || !pack || !(page < bundle.pages)) throw new Error(`No fragment ${name}`);
    if (this.fragmentFiles)
      return this.download(`${this.base}${bundle.dir}fragment/${name}.pf_fragment`);
    const href = `${this.base}${bundle.dir}fragment/${pack}.pf_pack`;
    let table = this.tables.get(href);
    if (!table) {
      const count = Math.min(perPack, bundle.pages - Math.floor(page / perPack) * perPack);
      table = this.headerTable(href, count);
      this.tables.set(href, table);
      table.catch(() => this.tables.delete(href));
    }
    const offsets = await table;
    const at = page % perPack;
    return gunzip(new Uint8Array(await this.range(href, offsets[at]!, offsets[at + 1]!)));
  }

  /** A pack's table of offsets, read from its header: the first `count + 1` numbers. */
  private async headerTable(href: string, count: number): Promise<Uint32Array> {
    const view = new DataView(await this.range(href, 0, 4 * (count + 1)));
    return Uint32Array.from({ length: count + 1 }, (_, i) => view.getUint32(4 * i, true));
  }

  private noteWords(tag: string, bytes: Uint8Array): void {
    if (!hasSignature(bytes)) return;
    let words = this.words.get(tag);
    if (!words) this.words.set(tag, (words = new Set()));
    for (const word of chunkWords(bytes.subarray(SIGNATURE.length))) words.add(word);
  }
}
