import { stat } from "node:fs/promises";
import sharp, { type Metadata } from "sharp";
import eleventyImage, { type ImageStats } from "@11ty/eleventy-img";
import {
  eleventyImageOptions,
  LARGE_PHOTO_PIXELS,
  MAX_INPUT_PIXELS,
  PHOTO_WIDTHS,
  READABLE_FORMATS,
} from "./image-options.ts";
import { EXPECTED_FORMATS, PhotoProblem, sharpReason } from "./photo-problem.ts";

/** What one photo will be published as, decided without decoding its pixels. */
export interface PhotoPlan {
  /** Path under `assets/`, as the article writes it. */
  src: string;
  /** Absolute path of the source file. */
  file: string;
  /** Every output file, named by eleventy-img, with `outputPath` in the cache folder. */
  stats: ImageStats;
  /** Large enough that its outputs are encoded one at a time to bound memory. */
  large: boolean;
}

/** Formats sharp may recognise but this build does not publish, by what people call them. */
const FORMAT_NAMES: Record<string, string> = {
  svg: "an SVG drawing",
  pdf: "a PDF document",
  heif: "a HEIC photo",
  jp2k: "a JPEG 2000 image",
  jxl: "a JPEG XL image",
  raw: "a camera raw file",
};

function checkFormat(src: string, metadata: Metadata): void {
  const format = metadata.format ?? "unknown";
  const readable =
    (READABLE_FORMATS as readonly string[]).includes(format) &&
    (format !== "heif" || metadata.compression === "av1");
  if (!readable) {
    const name = FORMAT_NAMES[format] ?? `a ${format} file`;
    throw new PhotoProblem(
      `"${src}" is ${name}, which the build cannot publish as a photo: expected ${EXPECTED_FORMATS}. Convert it to JPEG and update src.`,
    );
  }
}

function checkSize(src: string, width: number, height: number): void {
  const pixels = width * height;
  if (pixels > MAX_INPUT_PIXELS) {
    const mp = (n: number) => Math.round(n / 1_000_000);
    throw new PhotoProblem(
      `"${src}" is ${width} × ${height} pixels (${mp(pixels)} megapixels), more than the ${mp(MAX_INPUT_PIXELS)} megapixels the build reads: scale it down (photos are published at most ${Math.max(...PHOTO_WIDTHS)} pixels wide).`,
    );
  }
}

/**
 * Plans already made in this process, by file, checked against size and modification time: a
 * rebuild under `npm start` re-reads only the photos that changed, instead of hashing them all.
 */
const planned = new Map<string, { stamp: string; plan: PhotoPlan }>();

/** Like `readPhotoPlan`, answered from memory when the file has not changed since last time. */
export async function planPhoto(src: string, file: string, cacheDir: string): Promise<PhotoPlan> {
  let stamp: string;
  try {
    const { size, mtimeMs } = await stat(file);
    stamp = `${size}:${mtimeMs}:${cacheDir}:${src}`;
  } catch (error) {
    throw new PhotoProblem(`"${src}" cannot be read (${sharpReason(error)}). Fix the path.`, {
      cause: error,
    });
  }
  const known = planned.get(file);
  if (known?.stamp === stamp) return known.plan;
  const plan = await readPhotoPlan(src, file, cacheDir);
  planned.set(file, { stamp, plan });
  return plan;
}

/**
 * Reads a photo's header with sharp (format, size, orientation; no pixels are decoded), checks
 * that the build can publish it, and asks eleventy-img which files it would write. The plan's
 * file names are eleventy-img's own (`<hash>-<width>.<format>`, the hash taken over the source's
 * bytes and the encoder options), so they double as cache keys.
 * @see https://sharp.pixelplumbing.com/api-input#metadata
 */
export async function readPhotoPlan(
  src: string,
  file: string,
  cacheDir: string,
): Promise<PhotoPlan> {
  let metadata: Metadata;
  try {
    // Only the header is read here, so no pixel limit: checkSize reports a giant photo in words.
    metadata = await sharp(file, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new PhotoProblem(
      `"${src}" is not an image the build can read (sharp: ${sharpReason(error)}): expected ${EXPECTED_FORMATS}. Replace the file or fix the path.`,
      { cause: error },
    );
  }
  checkFormat(src, metadata);
  if (!metadata.width || !metadata.height) {
    throw new PhotoProblem(
      `"${src}" has no width or height in its header: expected ${EXPECTED_FORMATS}. Export it again.`,
    );
  }
  checkSize(src, metadata.width, metadata.height);
  // getFullStats swaps width and height for EXIF quarter turns, exactly as encoding will.
  const image = new eleventyImage.Image(file, eleventyImageOptions(cacheDir));
  const stats = image.getFullStats({ ...metadata });
  return { src, file, stats, large: metadata.width * metadata.height > LARGE_PHOTO_PIXELS };
}
