// The words of a Pagefind index chunk, read from its CBOR body without decoding the pages: the
// search page needs to know which words a bundle has (see prefix-fallback.ts), and a chunk is
// `[[[word, pages, variants], …]]` (src/search/pagefind-files.ts). Only what Pagefind writes is
// read: definite lengths, text, integers and arrays; anything else ends the list early.
// @see https://www.rfc-editor.org/rfc/rfc8949.html#section-3

/** Reads CBOR heads and skips items, over one body. */
class CborReader {
  at = 0;
  private readonly view: DataView;
  private readonly text = new TextDecoder();

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** The next head: its major type and its argument (a length, or an integer's value). */
  head(): [major: number, argument: number] {
    const first = this.bytes[this.at++]!;
    const info = first & 31;
    if (info < 24) return [first >> 5, info];
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (!size) throw new Error("Unsupported CBOR item");
    const at = this.at;
    this.at += size;
    const argument =
      size === 1
        ? this.view.getUint8(at)
        : size === 2
          ? this.view.getUint16(at)
          : size === 4
            ? this.view.getUint32(at)
            : Number(this.view.getBigUint64(at));
    return [first >> 5, argument];
  }

  string(): string {
    const [major, length] = this.head();
    if (major !== 3) throw new Error("Expected a CBOR text string");
    const value = this.text.decode(this.bytes.subarray(this.at, this.at + length));
    this.at += length;
    return value;
  }

  skip(): void {
    const [major, argument] = this.head();
    if (major === 2 || major === 3) this.at += argument;
    else if (major === 4) for (let i = 0; i < argument; i++) this.skip();
    else if (major === 5) for (let i = 0; i < 2 * argument; i++) this.skip();
    else if (major === 6) this.skip();
  }
}

/** The words of an index chunk's body (after Pagefind's signature), in the chunk's order. */
export function chunkWords(body: Uint8Array): string[] {
  const reader = new CborReader(body);
  const words: string[] = [];
  try {
    const [outer] = reader.head();
    const [inner, count] = reader.head();
    if (outer !== 4 || inner !== 4) return words;
    for (let i = 0; i < count; i++) {
      const [entry, length] = reader.head();
      if (entry !== 4 || length < 1) return words;
      words.push(reader.string());
      for (let j = 1; j < length; j++) reader.skip();
    }
  } catch {
    // A chunk this cannot read leaves its words unknown; searching goes on without them.
  }
  return words;
}
