import { existsSync } from "node:fs";
import path from "node:path";
import { isGzip } from "../decode.ts";
import type { Importer } from "../importer.ts";
import { parseHtmlPage } from "./html-page.ts";

/** A saved web page by its name: `.html`, `.htm`, `.xhtml`, each maybe gzipped (`.html.gz`). */
export const HTML_FILE = /\.(?:x?html?|shtml)(?:\.gz)?$/i;

/** The start of an HTML document: a doctype or an `<html>` element, after a BOM and comments. */
export function looksLikeHtml(text: string): boolean {
  const head = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .trimStart();
  return /^<!doctype html/i.test(head) || /^<html[\s>]/i.test(head);
}

/**
 * The folder of files a browser's "Save page as" writes beside `<name>.html`: `<name>_files`.
 * Its pages (saved frames, adverts) are not stories; its photos are read with the page.
 */
function isSavedPageFolder(dir: string, name: string): boolean {
  const match = /^(.+)_files$/.exec(name);
  if (!match) return false;
  const page = match[1]!;
  return [".html", ".htm", ".xhtml", ".shtml"].some(
    (extension) =>
      existsSync(path.join(dir, page + extension)) ||
      existsSync(path.join(dir, `${page + extension}.gz`)),
  );
}

/** Saved web pages, one article each. A page declares its own encoding and may be gzipped. */
export const htmlImporter: Importer<"html"> = {
  format: "html",
  expected: "a saved web page (.html)",
  files: { pattern: HTML_FILE, named: ".html" },
  companionFolder: isSavedPageFolder,
  detect: {
    name: HTML_FILE,
    declared: (file) => isGzip(file.bytes) || looksLikeHtml(file.text()),
  },
  parse: (file) => parseHtmlPage(file.bytes, file.display, { path: file.path }),
};
