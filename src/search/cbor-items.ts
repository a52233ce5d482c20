/**
 * Just enough CBOR to walk and splice Pagefind's index chunks without decoding every word place
 * into objects: reading an item's head, skipping an item, writing a head or a text string. The
 * merge (merge-shards.ts) copies each page's entry as the bytes Pagefind wrote and rewrites only
 * the few numbers that change, which is what keeps merging a large bundle cheap.
 * @see https://www.rfc-editor.org/rfc/rfc8949.html#section-3
 */

export const ARRAY = 4;
export const TEXT = 3;
const UINT = 0;
const NEGATIVE = 1;

/** A reader over one CBOR body: `at` is the offset of the next item. */
export class CborReader {
  at = 0;
  constructor(readonly bytes: Uint8Array) {}

  /** The next item's major type and argument (a length, or an integer's value). */
  head(): [major: number, argument: number] {
    const bytes = this.bytes;
    const first = bytes[this.at++]!;
    const info = first & 31;
    let argument: number;
    if (info < 24) argument = info;
    else if (info === 24) argument = bytes[this.at++]!;
    else if (info === 25) {
      argument = (bytes[this.at]! << 8) | bytes[this.at + 1]!;
      this.at += 2;
    } else if (info === 26) {
      argument =
        bytes[this.at]! * 0x1000000 +
        ((bytes[this.at + 1]! << 16) | (bytes[this.at + 2]! << 8) | bytes[this.at + 3]!);
      this.at += 4;
    } else {
      throw new Error(`Unsupported CBOR head ${first} at ${this.at - 1}`);
    }
    return [first >> 5, argument];
  }

  /** An array's length. */
  array(): number {
    const [major, length] = this.head();
    if (major !== ARRAY) throw new Error(`Expected a CBOR array at ${this.at}`);
    return length;
  }

  /** An integer (positive or negative). */
  integer(): number {
    const [major, value] = this.head();
    if (major === UINT) return value;
    if (major === NEGATIVE) return -1 - value;
    throw new Error(`Expected a CBOR integer at ${this.at}`);
  }

  text(): string {
    const [major, length] = this.head();
    if (major !== TEXT) throw new Error(`Expected a CBOR text string at ${this.at}`);
    const value = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.at, length).toString(
      "utf8",
    );
    this.at += length;
    return value;
  }

  /** Skips one item and returns how many integers it held (for an array of integers, its length). */
  skip(): number {
    const [major, argument] = this.head();
    if (major === UINT || major === NEGATIVE) return 1;
    if (major === 2 || major === TEXT) {
      this.at += argument;
      return 0;
    }
    if (major === ARRAY) {
      let count = 0;
      for (let i = 0; i < argument; i++) count += this.skip();
      return count;
    }
    throw new Error(`Unsupported CBOR item ${major} at ${this.at}`);
  }
}

/** Writes CBOR into one growing buffer, without a small buffer per item. */
export class CborWriter {
  private buffer = Buffer.allocUnsafe(1 << 16);
  length = 0;

  private room(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + bytes) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  head(major: number, argument: number): void {
    this.room(5);
    const type = major << 5;
    const b = this.buffer;
    if (argument < 24) b[this.length++] = type | argument;
    else if (argument < 0x100) {
      b[this.length++] = type | 24;
      b[this.length++] = argument;
    } else if (argument < 0x10000) {
      b[this.length++] = type | 25;
      b[this.length++] = argument >> 8;
      b[this.length++] = argument & 0xff;
    } else {
      b[this.length++] = type | 26;
      b.writeUInt32BE(argument, this.length);
      this.length += 4;
    }
  }

  integer(value: number): void {
    if (value < 0) this.head(NEGATIVE, -1 - value);
    else this.head(UINT, value);
  }

  text(value: string): void {
    const length = Buffer.byteLength(value, "utf8");
    this.head(TEXT, length);
    this.room(length);
    this.buffer.write(value, this.length, "utf8");
    this.length += length;
  }

  /** Bytes `start` to `end` of `source`, as they are. */
  copy(source: Uint8Array, start = 0, end = source.length): void {
    this.room(end - start);
    this.buffer.set(source.subarray(start, end), this.length);
    this.length += end - start;
  }

  /** What was written (a view of the writer's buffer). */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}
