import { gunzipSync } from "node:zlib";
import { decodeText, decodeWindows1252, isGzip } from "../decode.ts";
import { quote } from "../quote.ts";

/** A saved page as text, and how its bytes were read. */
export interface DecodedPage {
  ok: true;
  text: string;
  /**
   * The WHATWG name of the encoding the text was read in, e.g. `utf-8`, `windows-1251`; `utf-8
   * with windows-1252 bytes` for UTF-8 with stray bytes in it.
   */
  encoding: string;
  /**
   * What said so: a byte order mark, the page's own `<meta>` declaration, or nothing (UTF-8, or
   * windows-1252 for bytes that are not UTF-8).
   */
  from: "bom" | "meta" | "default";
  /** True when the bytes were gzip-compressed (`.html.gz`). */
  gzipped: boolean;
}

export type PageDecoding = DecodedPage | { ok: false; problem: string };

/** How far into a page its charset declaration is looked for. */
const PRESCAN_BYTES = 2048;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The encoding a byte order mark names, and the mark's length. */
function byteOrderMark(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: "utf-8", length: 3 };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

/**
 * The charset a page declares near its start: `<meta charset="…">`, or the `charset=` of
 * `<meta http-equiv="Content-Type" content="text/html; charset=…">`. The bytes are read as
 * latin-1, which leaves the ASCII of the markup intact whatever the encoding; comments are skipped
 * so that a commented-out declaration does not count.
 */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder("latin1")
    .decode(bytes.subarray(0, PRESCAN_BYTES))
    .replace(/<!--[\s\S]*?(?:-->|$)/g, "");
  for (const tag of head.matchAll(/<meta\b[^>]*>/gi)) {
    const m = /\bcharset\s*=\s*["']?\s*([^\s"'/>;]+)/i.exec(tag[0]);
    if (m) return m[1]!.toLowerCase();
  }
  return undefined;
}

/** The WHATWG name for a charset label, or undefined when Node cannot decode it. */
export function encodingForLabel(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

function decodeAs(encoding: string, bytes: Uint8Array): string {
  if (encoding === "windows-1252") return decodeWindows1252(bytes);
  return new TextDecoder(encoding).decode(bytes);
}

/** The bytes as UTF-8, or undefined when they are not valid UTF-8. */
function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  return bytes.some((b) => b >= 0x80);
}

function unreadableLabel(label: string): string {
  return `declares the character set ${quote(label)} in a <meta> tag, which is not one this import can read: save the page again as UTF-8, or correct its charset declaration.`;
}

/**
 * A saved page's bytes as text, the way a browser reads a file without HTTP headers: gunzipped
 * when gzip-compressed, then in the encoding of its byte order mark, else of its `<meta>`
 * declaration, else UTF-8, else (bytes that are not UTF-8) windows-1252.
 *
 * One departure from a browser: a page that declares a legacy encoding but whose bytes are valid
 * UTF-8 with non-ASCII characters in them is read as UTF-8. Legacy text is practically never valid
 * UTF-8 by accident, while pages saved as UTF-8 that keep their old declaration are common.
 */
export function decodePage(input: Uint8Array): PageDecoding {
  let bytes = input;
  const gzipped = isGzip(bytes);
  if (gzipped) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      return {
        ok: false,
        problem: `is a damaged gzip file (${(error as Error).message}): save the page again.`,
      };
    }
  }
  const bom = byteOrderMark(bytes);
  if (bom) {
    const text = decodeAs(bom.encoding, bytes.subarray(bom.length));
    return { ok: true, text, encoding: bom.encoding, from: "bom", gzipped };
  }
  const label = declaredCharset(bytes);
  if (label !== undefined) {
    let encoding = encodingForLabel(label);
    if (encoding === undefined) return { ok: false, problem: unreadableLabel(label) };
    // A UTF-16 declaration read by an ASCII scan cannot be true (the standard reads it as UTF-8).
    if (encoding.startsWith("utf-16")) encoding = "utf-8";
    if (encoding !== "utf-8") {
      const asUtf8 = hasNonAscii(bytes) ? strictUtf8(bytes) : undefined;
      if (asUtf8 !== undefined)
        return { ok: true, text: asUtf8, encoding: "utf-8", from: "default", gzipped };
      return { ok: true, text: decodeAs(encoding, bytes), encoding, from: "meta", gzipped };
    }
    const decoded = decodeText(bytes);
    return { ok: true, text: decoded.text, encoding: decoded.encoding, from: "meta", gzipped };
  }
  // Undeclared: UTF-8, with any byte that is not part of a UTF-8 character read as windows-1252.
  const decoded = decodeText(bytes);
  return { ok: true, text: decoded.text, encoding: decoded.encoding, from: "default", gzipped };
}
