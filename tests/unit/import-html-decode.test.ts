import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodePage } from "../../src/import/html/decode-page.ts";

/** Cyrillic А–я and ASCII as windows-1251 bytes: enough for a synthetic page. */
function windows1251(text: string): Uint8Array {
  return Uint8Array.from([...text], (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return 0xc0 + code - 0x410;
    throw new Error(`no windows-1251 byte for ${c}`);
  });
}

/** "日本のニュース" in Shift_JIS. */
const SHIFT_JIS_NEWS = [
  0x93, 0xfa, 0x96, 0x7b, 0x82, 0xcc, 0x83, 0x6a, 0x83, 0x85, 0x81, 0x5b, 0x83, 0x58,
];

const ascii = (text: string) => new TextEncoder().encode(text);

function concat(...parts: (Uint8Array | number[])[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

describe("decoding a saved page", () => {
  it("reads the charset of <meta charset>: windows-1251", () => {
    const page = windows1251(
      '<html><head><meta charset="windows-1251"><title>Новости гавани</title></head></html>',
    );
    const decoded = decodePage(page);
    expect(decoded).toMatchObject({ ok: true, encoding: "windows-1251", from: "meta" });
    expect(decoded.ok && decoded.text).toContain("<title>Новости гавани</title>");
  });

  it("reads the charset of <meta http-equiv=content-type>: shift_jis", () => {
    const page = concat(
      ascii(
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><title>',
      ),
      SHIFT_JIS_NEWS,
      ascii("</title></head></html>"),
    );
    const decoded = decodePage(page);
    expect(decoded).toMatchObject({ ok: true, encoding: "shift_jis", from: "meta" });
    expect(decoded.ok && decoded.text).toContain("<title>日本のニュース</title>");
  });

  it("gunzips by the magic bytes, whatever the file is called", () => {
    const decoded = decodePage(gzipSync(Buffer.from("<title>Café</title>", "utf8")));
    expect(decoded).toMatchObject({ ok: true, text: "<title>Café</title>", gzipped: true });
  });

  it("reports a damaged gzip file", () => {
    const decoded = decodePage(Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, 0x01]));
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.problem).toMatch(/damaged gzip/);
  });

  it("lets a byte order mark win over the declaration", () => {
    const body = Buffer.from('<meta charset="windows-1252"><p>Ünïcode</p>', "utf16le");
    const decoded = decodePage(concat([0xff, 0xfe], body));
    expect(decoded).toMatchObject({
      ok: true,
      encoding: "utf-16le",
      from: "bom",
      text: '<meta charset="windows-1252"><p>Ünïcode</p>',
    });
  });

  it("reads undeclared bytes as UTF-8, and bytes that are not UTF-8 as windows-1252", () => {
    expect(decodePage(Buffer.from("<p>naïve</p>", "utf8"))).toMatchObject({
      text: "<p>naïve</p>",
      encoding: "utf-8",
    });
    const legacy = decodePage(
      concat(ascii("<p>"), [0x93, 0x63, 0x61, 0x66, 0xe9, 0x94], ascii("</p>")),
    );
    expect(legacy).toMatchObject({
      text: "<p>“café”</p>",
      encoding: "windows-1252",
      from: "default",
    });
  });

  it("reads a declared windows-1252 page with the curly quotes Node's decoder loses", () => {
    const page = concat(ascii('<meta charset="iso-8859-1"><p>'), [0x93, 0x80, 0x94], ascii("</p>"));
    expect(decodePage(page)).toMatchObject({
      text: '<meta charset="iso-8859-1"><p>“€”</p>',
      encoding: "windows-1252",
    });
  });

  it("reads a page saved as UTF-8 that kept its old legacy declaration as UTF-8", () => {
    const decoded = decodePage(Buffer.from('<meta charset="windows-1251"><p>Новости</p>', "utf8"));
    expect(decoded).toMatchObject({
      ok: true,
      encoding: "utf-8",
      text: '<meta charset="windows-1251"><p>Новости</p>',
    });
  });

  it("ignores a declaration after the first 2 KB or in a comment", () => {
    const late = `${" ".repeat(2100)}<meta charset="windows-1251">`;
    expect(decodePage(ascii(late))).toMatchObject({ encoding: "utf-8", from: "default" });
    expect(decodePage(ascii('<!-- <meta charset="shift_jis"> --><p>x</p>'))).toMatchObject({
      encoding: "utf-8",
    });
  });

  it("refuses a charset it cannot read, naming it", () => {
    const decoded = decodePage(ascii('<meta charset="x-martian-7">'));
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.problem).toMatch(/"x-martian-7".*save the page again as UTF-8/);
  });
});
