import type { ImageStat, ImageStats, OutputFormat } from "@11ty/eleventy-img";

const TYPES: Record<OutputFormat, string> = {
  webp: "image/webp",
  jpeg: "image/jpeg",
  avif: "image/avif",
};

/** eleventy-img's plan for a 3:2 photo in the given formats and widths. */
export function imageStats(formats: OutputFormat[], widths: number[]): ImageStats {
  return Object.fromEntries(
    formats.map((format) => [
      format,
      widths.map((width): ImageStat => ({
        format,
        width,
        height: Math.floor((width * 2) / 3),
        url: `/img/h-${width}.${format}`,
        sourceType: TYPES[format],
        srcset: `/img/h-${width}.${format} ${width}w`,
        filename: `h-${width}.${format}`,
        outputPath: `/cache/h-${width}.${format}`,
      })),
    ]),
  );
}
