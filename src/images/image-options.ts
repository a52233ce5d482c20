import path from "node:path";
import type { ImageOptions, OutputFormat } from "@11ty/eleventy-img";

/**
 * Widths every photo is published at, in pixels. 400 serves list thumbnails; 800 and 1600 fill the
 * 40rem text column at 1x and 2x; 1200 is the Open Graph size. A narrower original is never
 * enlarged: eleventy-img replaces widths above it with the original width.
 * @see https://www.11ty.dev/docs/plugins/image/#widths
 */
export const PHOTO_WIDTHS = [400, 800, 1200, 1600];

/**
 * Output formats, best first; the last is the `<img>` fallback and the Open Graph image. AVIF was
 * measured (`npx tsx scripts/bench/images.ts`, 3000 × 2000 photos, 2 cores): it halves WebP's
 * bytes, but costs 6 s per photo at sharp's default effort and 0.9 s at effort 2, against 0.4 s
 * for WebP and JPEG together. A cold build of 5,000 photos would take about 75 minutes more even
 * at effort 2, beyond CI's time limit, so it is left out.
 */
export const PHOTO_FORMATS: OutputFormat[] = ["webp", "jpeg"];

/**
 * The largest photo the build reads, in pixels (200 megapixels, e.g. 17,000 × 11,500). sharp
 * refuses larger inputs before decoding them, so a mistaken giant file fails with a message
 * instead of exhausting memory.
 * @see https://sharp.pixelplumbing.com/api-constructor#parameters (`limitInputPixels`)
 */
export const MAX_INPUT_PIXELS = 200_000_000;

/**
 * Above this many pixels a photo's outputs are encoded one at a time instead of all widths of a
 * format together: every sharp pipeline holds its own copy of the source, so this bounds memory.
 */
export const LARGE_PHOTO_PIXELS = 40_000_000;

/** The source formats sharp decodes here (sharp names AVIF `heif`, with compression `av1`). */
export const READABLE_FORMATS = ["jpeg", "png", "webp", "heif", "tiff", "gif"] as const;

/** Site-relative folder of the published files: `/img/<hash>-<width>.<format>`. */
export const PHOTO_URL_PATH = "/img/";

/** The persistent cache of encoded files under an archive: keep it between builds (and in CI). */
export function imageCacheDir(root: string): string {
  return path.join(root, ".cache", "images");
}

/**
 * eleventy-img options for writing into `outputDir`. Everything that changes the encoded bytes is
 * in a `sharp…Options` object, because eleventy-img hashes exactly those (with the source's
 * bytes) into the file name: a changed setting makes new names, so the cache never serves stale
 * files. Widths and formats are in the name itself.
 * @see https://www.11ty.dev/docs/plugins/image/#output-file-names
 */
export function eleventyImageOptions(
  outputDir: string,
  select: { widths?: number[]; formats?: OutputFormat[] } = {},
): ImageOptions {
  return {
    widths: select.widths ?? PHOTO_WIDTHS,
    formats: select.formats ?? PHOTO_FORMATS,
    outputDir,
    urlPath: PHOTO_URL_PATH,
    useCache: false,
    failOnError: true,
    // Keep JPEG for photos with an alpha channel too: every photo then has the same sources.
    formatFiltering: false,
    fixOrientation: true,
    sharpOptions: {
      limitInputPixels: MAX_INPUT_PIXELS,
      // "error" rejects truncated and undecodable data; "warning" would also reject photos that
      // browsers show fine. eleventy-img's own default is to accept anything.
      failOn: "error",
    },
    sharpWebpOptions: { quality: 80 },
    sharpJpegOptions: { quality: 80, progressive: true },
    sharpAvifOptions: { quality: 50, effort: 4 },
  };
}
