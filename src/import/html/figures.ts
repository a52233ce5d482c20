import { closeSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { photoType } from "../photos.ts";
import type { StoryImage } from "../types.ts";
import type { MetadataImage } from "./metadata-types.ts";

/** Summary lines for photos that could not be imported as photos. */
export const FIGURE_TALLIES = {
  webOnly: "photos only on the web, kept as caption-only figures",
  webOnlyWithoutCaption: "photos only on the web without a caption, left out",
  withoutText: "photos without caption or alt text, left out",
  outsideFolder: "photo paths outside the page's folder, not copied",
  notAPhotoFile: "photo files that are not JPEG, PNG, WebP, GIF or AVIF, not copied",
  leadWithoutCaption: "share photos from a page's metadata without a caption, left out",
} as const;

export interface ReadFiguresOptions {
  /** The share or lead photo from the page's metadata: placed first unless the body has it. */
  leadImage?: MetadataImage;
  /** The saved page on disk: photo files are looked for beside it, never outside its folder. */
  pageFile: string;
  /** The page's address, to tell the same photo from another. */
  baseUrl?: string;
}

export interface ReadFigures {
  images: StoryImage[];
  tallies: Record<string, number>;
}

/** One photo as the page shows it, before its file is looked for. */
interface Candidate {
  /** Addresses of the same photo, best first: `src`, lazy-loading attributes, `srcset`. */
  sources: string[];
  caption?: string;
  credit?: string;
  alt?: string;
  /** The metadata's share photo rather than one shown in the body. */
  lead?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Credits

const CREDIT_WORD = String.raw`(?:photo(?:graph)?s?|pictures?|images?|credits?|fotos?|source)`;

/** Known agencies: "AFP via Getty Images" or "Reuters" at the end of a caption is a credit. */
const AGENCY =
  /(?:Reuters|AP(?: Photo)?|AFP|Getty Images|EPA(?:-EFE)?|Bloomberg|Shutterstock|Alamy(?: Stock Photo)?|PA(?: Wire| Media)?|ANP|dpa|AAP|Xinhua|Anadolu(?: Agency)?|NurPhoto|SOPA Images|Sipa|ZUMA(?: Wire| Press)?|Associated Press|Agence France-Presse|iStock(?:photo)?|Unsplash|Pixabay|Wikimedia Commons)$/i;

/** Lower-case words a name may have: "Ana de la Cruz", "AFP via Getty Images". */
const PARTICLES = new Set([
  "de",
  "la",
  "le",
  "van",
  "von",
  "der",
  "den",
  "di",
  "da",
  "du",
  "dos",
  "del",
  "el",
  "al",
  "bin",
  "via",
  "for",
  "and",
  "y",
  "e",
  "of",
  "the",
]);

function looksLikeNameCredit(text: string): boolean {
  const words = text.split(/[\s/]+/).filter(Boolean);
  if (words.length === 0 || words.length > 10 || text.length > 80) return false;
  return words.every((word) => /^[\p{Lu}\p{N}(]/u.test(word) || PARTICLES.has(word.toLowerCase()));
}

/** "(c) 2019 Jane Doe", "Photo by Jane Doe" → "Jane Doe". */
function cleanCredit(text: string): string {
  return text
    .replace(new RegExp(String.raw`^${CREDIT_WORD}\s*(?::|by\b)\s*`, "i"), "")
    .replace(/^(?:©|\(c\)|copyright\b)\s*(?:\d{4}\s*)?/i, "")
    .replace(/^by\s+/i, "")
    .replace(/[\s.;,]+$/, "")
    .trim();
}

/** Where a caption ends before its credit: at its start, after a sentence, or at a separator. */
function endsASentence(before: string): boolean {
  return before.trim() === "" || /[.!?…"”’)\]]\s*$/.test(before) || /\s[|–—/-]\s*$/.test(before);
}

function trimCaption(text: string): string {
  return text.replace(/[\s|–—-]+$/, "").trim();
}

/**
 * A caption split into its text and the photo credit at its end: "(Photo: Jane Doe)", "Photo: Jane
 * Doe", "© Jane Doe", "Jane Doe/Reuters", "AFP via Getty Images". A caption without one is
 * returned whole.
 */
export function splitCredit(caption: string): { caption: string; credit?: string } {
  const text = caption.replace(/\s+/g, " ").trim();
  const withCredit = (at: number, credit: string) => {
    const cleaned = cleanCredit(credit);
    return cleaned
      ? { caption: trimCaption(text.slice(0, at)), credit: cleaned }
      : { caption: text };
  };
  // "(Photo: Jane Doe)", "(© Jane Doe)", "(Jane Doe/Reuters)"
  const parenthesised = /\s*\(([^()]{2,100})\)\s*$/.exec(text);
  if (parenthesised) {
    const inner = parenthesised[1]!.trim();
    if (
      new RegExp(String.raw`^${CREDIT_WORD}\s*(?::|by\b)`, "i").test(inner) ||
      /^(?:©|copyright\b)/i.test(inner) ||
      (inner.includes("/") && looksLikeNameCredit(inner)) ||
      AGENCY.test(inner)
    ) {
      return withCredit(parenthesised.index, inner);
    }
  }
  // "Photo: Jane Doe", "Photograph by Jane Doe"
  const keyword = new RegExp(String.raw`\b${CREDIT_WORD}\s*(?::|by\b)\s*`, "gi");
  const keywordMatches = [...text.matchAll(keyword)].filter((m) =>
    endsASentence(text.slice(0, m.index)),
  );
  const lastKeyword = keywordMatches.pop();
  if (lastKeyword && text.length - lastKeyword.index <= 120) {
    return withCredit(lastKeyword.index, text.slice(lastKeyword.index));
  }
  // "© Jane Doe"
  const copyright = text.lastIndexOf("©");
  if (copyright >= 0 && text.length - copyright <= 100)
    return withCredit(copyright, text.slice(copyright));
  // "Jane Doe/Reuters", "REUTERS/Jane Doe", "AFP via Getty Images" after the last sentence
  const segment = /(?:^|[.!?…"”]\s+|\s[|–—-]\s+)([^.!?|–—]+?)\.?$/.exec(text);
  if (segment) {
    const candidate = segment[1]!.trim();
    const at = segment.index + segment[0].indexOf(segment[1]!);
    if ((candidate.includes("/") || AGENCY.test(candidate)) && looksLikeNameCredit(candidate)) {
      return withCredit(at, candidate);
    }
  }
  return { caption: text };
}

// ---------------------------------------------------------------------------------------------
// Reading the body

const CREDIT_ELEMENTS =
  'small, .credit, [class*="credit"], [class*="Credit"], [class*="copyright"], [itemprop="copyrightHolder"], [itemprop="creditText"]';

/** Addresses of one `<img>`, best first; `srcset` and `<picture>` sources are the same photo. */
function sourcesOf(img: Element): string[] {
  const sources: string[] = [];
  for (const name of [
    "src",
    "data-src",
    "data-original",
    "data-lazy-src",
    "data-url",
    "data-hi-res-src",
  ]) {
    const value = img.getAttribute(name)?.trim();
    if (value) sources.push(value);
  }
  const srcsets = [img.getAttribute("srcset"), img.getAttribute("data-srcset")];
  const picture = img.parentElement?.localName === "picture" ? img.parentElement : undefined;
  for (const source of picture?.querySelectorAll("source") ?? [])
    srcsets.push(source.getAttribute("srcset"));
  for (const srcset of srcsets) {
    for (const entry of (srcset ?? "").split(/,\s+/)) {
      const url = entry.trim().split(/\s+/)[0];
      if (url) sources.push(url);
    }
  }
  return [...new Set(sources)];
}

/** A 1×1 pixel, a spacer or a lazy-loading placeholder: not a photo. */
function isPlaceholder(img: Element, sources: string[]): boolean {
  const width = Number(img.getAttribute("width"));
  const height = Number(img.getAttribute("height"));
  if ((width > 0 && width <= 2) || (height > 0 && height <= 2)) return true;
  const real = sources.filter((src) => !src.startsWith("data:"));
  if (real.length === 0) return sources.every(isTinyDataUrl);
  return real.every((src) =>
    /(?:^|\/)(?:spacer|pixel|blank|clear|transparent|trans|1x1|dot|empty|shim|px)\.gif(?:[?#]|$)/i.test(
      src,
    ),
  );
}

/** An SVG placeholder, or an inline image of at most 2×2 pixels (or too short to be a photo). */
function isTinyDataUrl(src: string): boolean {
  if (/^data:image\/svg/i.test(src)) return true;
  const comma = src.indexOf(",");
  if (comma < 0 || !/;base64$/i.test(src.slice(0, comma))) return true;
  const bytes = Buffer.from(src.slice(comma + 1), "base64");
  if (bytes.length < 128) return true;
  const size = pixelSize(bytes);
  return size !== undefined && size.width <= 2 && size.height <= 2;
}

function textOf(element: Element | null | undefined): string | undefined {
  const text = element?.textContent?.replace(/\s+/g, " ").trim();
  return text ? text : undefined;
}

/** A figure's caption and credit: a credit element inside it, else a credit at the caption's end. */
function captionOf(container: Element): { caption?: string; credit?: string } {
  const captionElement = container.querySelector(
    "figcaption, .wp-caption-text, [class*='caption']",
  );
  let credit: string | undefined;
  for (const element of container.querySelectorAll(CREDIT_ELEMENTS)) {
    if (element.querySelector("img")) continue;
    const text = textOf(element);
    if (!text) continue;
    credit ??= cleanCredit(text) || undefined;
    element.remove();
  }
  const text = textOf(captionElement);
  if (!text) return { credit };
  const split = splitCredit(text);
  return { caption: split.caption || undefined, credit: credit ?? split.credit };
}

function altOf(img: Element): string | undefined {
  return img.getAttribute("alt")?.replace(/\s+/g, " ").trim() || undefined;
}

/** Every photo in an article body, in order: figures with their captions, then lone images. */
function bodyCandidates(bodyHtml: string): Candidate[] {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${bodyHtml}</body></html>`);
  const candidates: Candidate[] = [];
  const seen = new Set<Element>();
  const add = (img: Element, extra: Partial<Candidate>) => {
    seen.add(img);
    const sources = sourcesOf(img);
    if (sources.length === 0 || isPlaceholder(img, sources)) return;
    candidates.push({ sources, alt: altOf(img), ...extra });
  };
  const containers = [...document.querySelectorAll("figure, .wp-caption")].filter(
    (element) => !element.parentElement?.closest("figure, .wp-caption"),
  );
  const order = [...document.querySelectorAll("figure, .wp-caption, img")];
  for (const element of order) {
    if (element.localName === "img") {
      if (!seen.has(element)) add(element, {});
      continue;
    }
    if (!containers.includes(element)) continue;
    const imgs = [...element.querySelectorAll("img")];
    if (imgs.length === 0) continue;
    const { caption, credit } = captionOf(element);
    imgs.forEach((img, index) => add(img, index === 0 ? { caption, credit } : {}));
  }
  return candidates;
}

// ---------------------------------------------------------------------------------------------
// Files

/** Width and height from a PNG or GIF header. */
function pixelSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (imageType(bytes) === "png" && bytes.length >= 24)
    return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
  if (imageType(bytes) === "gif" && bytes.length >= 10)
    return { width: view.readUInt16LE(6), height: view.readUInt16LE(8) };
  return undefined;
}

/** The photo format its first bytes show, or undefined for anything else (HTML, SVG, text). */
export const imageType = photoType;

function readHead(file: string, length: number): Uint8Array {
  const fd = openSync(file, "r");
  try {
    const buffer = new Uint8Array(length);
    const read = readSync(fd, buffer, 0, length, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

type LocalFile = { file: string } | { outside: true } | { notAPhoto: true } | undefined;

/**
 * The photo file a relative `src` names beside the page: `./page_files/photo.jpg` as a browser's
 * "Save page as" writes it, `../images/photo.jpg` in a site mirror. Only files inside the page's
 * folder (symbolic links followed) that are JPEG, PNG, WebP, GIF or AVIF by their first bytes.
 */
function localFile(src: string, folder: string): LocalFile {
  // An absolute address, a protocol-relative one or a root-relative one is on the web.
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("/") || src.startsWith("\\"))
    return undefined;
  let relative = src.replace(/[?#].*$/, "");
  try {
    relative = decodeURIComponent(relative);
  } catch {
    // A stray "%" is part of the name.
  }
  if (!relative) return undefined;
  const file = path.resolve(folder, relative);
  if (!isInside(folder, file)) return { outside: true };
  try {
    if (!statSync(file).isFile()) return undefined;
    const real = realpathSync(file);
    if (!isInside(realpathSync(folder), real)) return { outside: true };
    const head = readHead(real, 64);
    if (!imageType(head)) return { notAPhoto: true };
    const size = pixelSize(head);
    if (size && size.width <= 2 && size.height <= 2) return undefined;
    return { file };
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Same photo

const GENERIC_NAMES =
  /^(?:image|images|photo|picture|img|default|thumb|thumbnail|large|medium|small|original|full|index|main)$/i;

/**
 * Names under which a photo may appear twice: its address without query, and its file name
 * without the size a CMS adds ("photo-800x600.jpg", "photo@2x.jpg"). A browser's saved copy keeps
 * the file name of the address it came from, so a saved file and the share image match by name.
 */
function identities(sources: string[], baseUrl: string | undefined): string[] {
  const keys: string[] = [];
  for (const src of sources) {
    if (src.startsWith("data:")) continue;
    let address = src;
    try {
      address = new URL(src, baseUrl ?? "file:///").href;
    } catch {
      // Kept as written.
    }
    const withoutQuery = address.replace(/[?#].*$/, "");
    const name = decodeURIComponentSafe(withoutQuery.slice(withoutQuery.lastIndexOf("/") + 1))
      .toLowerCase()
      .replace(/(?:[-_]\d{2,5}x\d{2,5}|[-_]scaled|@\dx|\s*\(\d+\))(?=\.[a-z0-9]+$)/, "");
    if (baseUrl || /^https?:/i.test(address))
      keys.push(`url:${withoutQuery.replace(/[-_]\d{2,5}x\d{2,5}(?=\.[a-z0-9]+$)/i, "")}`);
    const stem = name.replace(/\.[a-z0-9]+$/, "");
    if (stem.length >= 5 && !GENERIC_NAMES.test(stem)) keys.push(`name:${name}`);
  }
  return keys;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Fills what `into` lacks from a second copy of the same photo. */
function merge(into: Candidate, from: Candidate): void {
  into.caption ??= from.caption;
  into.credit ??= from.credit;
  into.alt ??= from.alt;
  into.sources.push(...from.sources.filter((src) => !into.sources.includes(src)));
}

function deduplicate(candidates: Candidate[], baseUrl: string | undefined): Candidate[] {
  const kept: { candidate: Candidate; keys: Set<string> }[] = [];
  for (const candidate of candidates) {
    const keys = identities(candidate.sources, baseUrl);
    const same = kept.find((k) => keys.some((key) => k.keys.has(key)));
    if (same) {
      merge(same.candidate, candidate);
      for (const key of keys) same.keys.add(key);
    } else {
      kept.push({ candidate, keys: new Set(keys) });
    }
  }
  return kept.map((k) => k.candidate);
}

// ---------------------------------------------------------------------------------------------

function count(tallies: Record<string, number>, key: string): void {
  tallies[key] = (tallies[key] ?? 0) + 1;
}

/** The figure a candidate becomes, or undefined (counted) when it has too little to show. */
function toImage(
  candidate: Candidate,
  folder: string,
  tallies: Record<string, number>,
): StoryImage | undefined {
  let file: string | undefined;
  for (const src of candidate.sources) {
    const found = localFile(src, folder);
    if (!found) continue;
    if ("file" in found) {
      file = found.file;
      break;
    }
    count(
      tallies,
      "outside" in found ? FIGURE_TALLIES.outsideFolder : FIGURE_TALLIES.notAPhotoFile,
    );
    break;
  }
  const caption = candidate.caption ?? "";
  const alt = candidate.alt ?? candidate.caption;
  const credit = candidate.credit ? { credit: candidate.credit } : {};
  if (file) {
    if (!alt) {
      count(tallies, FIGURE_TALLIES.withoutText);
      return undefined;
    }
    return { caption, ...credit, alt, file };
  }
  if (!caption) {
    // A share photo is often a crop made for social networks, or the site's logo: not one the
    // article showed.
    if (candidate.lead) count(tallies, FIGURE_TALLIES.leadWithoutCaption);
    else count(tallies, alt ? FIGURE_TALLIES.webOnlyWithoutCaption : FIGURE_TALLIES.withoutText);
    return undefined;
  }
  count(tallies, FIGURE_TALLIES.webOnly);
  return { caption, ...credit, ...(alt ? { alt } : {}) };
}

/**
 * The figures of an extracted article body: every `<figure>` and `<img>` in it, with the caption
 * from its `<figcaption>` and the credit from a credit element or the caption's end, plus the
 * metadata's lead photo first unless the body has it. A photo saved beside the page gets its
 * `file`; a photo only on the web becomes a caption-only figure, or is left out without a caption.
 * Placeholders, spacers and tracking pixels are not photos; one photo met twice (a `srcset` size,
 * a `<noscript>` copy, the share image) is one figure.
 */
export function readFigures(bodyHtml: string, options: ReadFiguresOptions): ReadFigures {
  const tallies: Record<string, number> = {};
  const folder = path.dirname(path.resolve(options.pageFile));
  const body = bodyCandidates(bodyHtml);
  const lead = options.leadImage;
  const leadCandidate: Candidate[] = [];
  if (lead && !lead.url.startsWith("data:")) {
    const split =
      lead.caption && !lead.credit
        ? splitCredit(lead.caption)
        : { caption: lead.caption, credit: lead.credit };
    leadCandidate.push({
      sources: [lead.url],
      caption: split.caption || undefined,
      credit: split.credit,
      alt: lead.alt,
      lead: true,
    });
  }
  // The body's copy comes first so that a lead photo it has keeps the body's place and caption.
  const unique = deduplicate([...body, ...leadCandidate], options.baseUrl);
  const leadKept = leadCandidate.length > 0 && unique.includes(leadCandidate[0]!);
  const ordered = leadKept
    ? [leadCandidate[0]!, ...unique.filter((c) => c !== leadCandidate[0])]
    : unique;
  const images: StoryImage[] = [];
  for (const candidate of ordered) {
    const image = toImage(candidate, folder, tallies);
    if (image) images.push(image);
  }
  return { images, tallies };
}
