import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../files/atomic-write.ts";

/** A photo saved beside an input, to be copied under the archive's `assets/`. */
export interface PhotoCopy {
  /** The saved file. */
  from: string;
  /** The path under `assets/` the article names, e.g. `photos/2024/11/story-3f2a9c1e.jpg`. */
  src: string;
}

export type PhotoType = "jpeg" | "png" | "gif" | "webp" | "avif";

/** The kind of photo `bytes` (the start of a file) hold, by their magic number; undefined for another file. */
export function photoType(bytes: Uint8Array): PhotoType | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (ascii(0, 8) === "\x89PNG\r\n\x1a\n") return "png";
  if (ascii(0, 6) === "GIF87a" || ascii(0, 6) === "GIF89a") return "gif";
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "webp";
  if (ascii(4, 8) === "ftyp") {
    // The major brand, or one of the compatible brands that follow it in the same box.
    const size = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
    const boxEnd = Math.min(bytes.length, size);
    for (let at = 8; at + 4 <= boxEnd; at += 4) {
      if (at === 12) continue; // the minor version, not a brand
      if (/^avi[fs]$/.test(ascii(at, at + 4))) return "avif";
    }
  }
  return undefined;
}

const EXTENSIONS: Record<PhotoType, string> = {
  jpeg: "jpg",
  png: "png",
  gif: "gif",
  webp: "webp",
  avif: "avif",
};

/** The extension a photo's bytes call for: the name a page saved it under may not say. */
export function photoExtension(bytes: Uint8Array): string | undefined {
  const type = photoType(bytes.subarray(0, 64));
  return type ? EXTENSIONS[type] : undefined;
}

/**
 * Where a saved photo goes: `photos/<yyyy>/<mm>/<article slug>-<8 hex digits of its SHA-256>`.
 * Named by its content, so that importing the same page again names the same file, and two
 * photos of one article (or of two articles with one slug) never take each other's name.
 * Undefined when the file cannot be read or is not a photo the build can read.
 */
export function planPhoto(file: string, month: string, slug: string): PhotoCopy | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const extension = photoExtension(bytes);
  if (!extension) return undefined;
  const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 8);
  return { from: file, src: `photos/${month}/${slug}-${hash}.${extension}` };
}

/**
 * Copies photos under `<root>/assets/`, whole or not at all (see writeFileAtomic). A photo
 * already there under its content's name is the same photo and is left alone.
 */
export function copyPhotos(root: string, photos: readonly PhotoCopy[]): number {
  let copied = 0;
  for (const photo of photos) {
    const target = path.join(root, "assets", ...photo.src.split("/"));
    if (existsSync(target)) continue;
    writeFileAtomic(target, readFileSync(photo.from));
    copied++;
  }
  return copied;
}
