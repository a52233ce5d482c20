export type TextEncodingName = "utf-8" | "windows-1252" | "utf-8 with windows-1252 bytes";

export interface DecodedText {
  text: string;
  /** How the bytes were read, so a summary can say when a file was not clean UTF-8. */
  encoding: TextEncodingName;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

// Bytes 0x80–0x9F in windows-1252 (curly quotes, dashes, €); the rest of the byte range is
// latin-1. Node's TextDecoder reads "windows-1252" as plain latin-1, hence a table of our own.
// https://encoding.spec.whatwg.org/index-windows-1252.txt
const WINDOWS_1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/** One byte as windows-1252, the encoding latin-1 files written on Windows turn out to be in. */
function windows1252(byte: number): string {
  return byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80]! : String.fromCharCode(byte);
}

/** Bytes as windows-1252, every one of them (a saved page that declares that encoding). */
export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder("latin1")
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** gzip's magic bytes: a `.html.gz` renamed to `.html` (or the reverse) is still read right. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there starts none. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  const continuation = (k: number) => {
    const b = bytes[i + k];
    return b !== undefined && (b & 0xc0) === 0x80;
  };
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return continuation(1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const second = bytes[i + 1] ?? 0;
    // Reject overlong forms (E0 80–9F) and UTF-16 surrogates (ED A0–BF).
    if ((lead === 0xe0 && second < 0xa0) || (lead === 0xed && second > 0x9f)) return 0;
    return continuation(1) && continuation(2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const second = bytes[i + 1] ?? 0;
    if ((lead === 0xf0 && second < 0x90) || (lead === 0xf4 && second > 0x8f)) return 0;
    return continuation(1) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

/**
 * Reads text whose encoding is not declared. Valid UTF-8 is read as UTF-8; otherwise every byte
 * that does not begin a valid UTF-8 sequence is read as windows-1252, so a latin-1 file reads
 * correctly and a UTF-8 file with one stray byte keeps all its other characters.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const withoutBom =
    bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: utf8.decode(withoutBom), encoding: "utf-8" };
  } catch {
    // Not valid UTF-8: decode sequence by sequence below.
  }
  let text = "";
  let start = 0;
  let sawUtf8 = false;
  let i = 0;
  while (i < withoutBom.length) {
    const length = utf8SequenceLength(withoutBom, i);
    if (length > 0) {
      if (length > 1) sawUtf8 = true;
      i += length;
      continue;
    }
    text += utf8.decode(withoutBom.subarray(start, i));
    text += windows1252(withoutBom[i]!);
    i += 1;
    start = i;
  }
  text += utf8.decode(withoutBom.subarray(start));
  return { text, encoding: sawUtf8 ? "utf-8 with windows-1252 bytes" : "windows-1252" };
}
