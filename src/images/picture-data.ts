import type { ImageStats, OutputFormat } from "@11ty/eleventy-img";

/** One published file of a photo. */
export interface PictureFile {
  /** Site-relative URL without the path prefix, e.g. `/img/Ab3dE-800.webp`. */
  url: string;
  width: number;
  height: number;
}

/** One `<source>` (or the `<img>`): every width of one format, narrowest first. */
export interface PictureSource {
  format: OutputFormat;
  /** MIME type for `<source type>`. */
  type: string;
  files: PictureFile[];
}

/** What a template needs to render a processed photo, computed once per build. */
export interface PictureData {
  /** The photo's path under `assets/`, as written in the article. */
  src: string;
  /** Sources for `<source>` elements, best format first; the JPEG fallback is not among them. */
  sources: PictureSource[];
  /** The JPEG widths, for the `<img>` itself. */
  fallback: PictureSource;
  /** The `<img>`'s `src`, `width` and `height`: the largest JPEG, so the aspect ratio is exact. */
  img: PictureFile;
  /** The JPEG closest to 1200 px wide without exceeding it: Open Graph's recommended width. */
  social: PictureFile;
  /** The narrowest file of the best format: for search-result and list thumbnails. */
  thumbnail: PictureFile;
}

const FALLBACK_FORMAT: OutputFormat = "jpeg";
const SOCIAL_WIDTH = 1200;

/**
 * Turns eleventy-img's plan or results for one photo into what the templates render. Formats keep
 * the order eleventy-img was given (best first), and the JPEG is the fallback.
 */
export function toPictureData(src: string, stats: ImageStats): PictureData {
  const sources: PictureSource[] = [];
  for (const [format, entries] of Object.entries(stats) as [OutputFormat, ImageStats["jpeg"]][]) {
    if (!entries?.length) continue;
    const files = [...entries]
      .sort((a, b) => a.width - b.width)
      .map(({ url, width, height }) => ({ url, width, height }));
    sources.push({ format, type: entries[0]!.sourceType, files });
  }
  const fallback = sources.find((source) => source.format === FALLBACK_FORMAT);
  if (!fallback) {
    throw new Error(
      `No ${FALLBACK_FORMAT} output was planned for "${src}": keep it in PHOTO_FORMATS.`,
    );
  }
  const jpegs = fallback.files;
  const social = [...jpegs].reverse().find((file) => file.width <= SOCIAL_WIDTH) ?? jpegs[0]!;
  return {
    src,
    sources: sources.filter((source) => source !== fallback),
    fallback,
    img: jpegs[jpegs.length - 1]!,
    social,
    thumbnail: sources[0]!.files[0]!,
  };
}
