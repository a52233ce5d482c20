// The parts of @11ty/eleventy-img 6 this project uses; the package ships no type declarations.
// @see https://www.11ty.dev/docs/plugins/image/
declare module "@11ty/eleventy-img" {
  import type { SharpOptions, Metadata, WebpOptions, JpegOptions, AvifOptions } from "sharp";

  export type OutputFormat = "webp" | "jpeg" | "avif";

  export interface ImageOptions {
    widths: number[];
    formats: OutputFormat[];
    /** Where files are written; `urlPath` is what their URLs start with. */
    outputDir: string;
    urlPath: string;
    /** Off here: the build keeps its own cache folder and only asks for what is missing. */
    useCache: boolean;
    /** Reject instead of logging and resolving to undefined. */
    failOnError: boolean;
    /** Drop JPEG for photos with transparency (`["transparent"]`), or not (`false`). */
    formatFiltering: false | string[];
    /** Apply the EXIF orientation, not only for quarter turns. */
    fixOrientation: boolean;
    sharpOptions: SharpOptions;
    sharpWebpOptions: WebpOptions;
    sharpJpegOptions: JpegOptions;
    sharpAvifOptions: AvifOptions;
  }

  /** One output file, as eleventy-img plans and writes it. */
  export interface ImageStat {
    format: OutputFormat;
    width: number;
    height: number;
    /** `urlPath` + `filename`. */
    url: string;
    sourceType: string;
    srcset: string;
    /** `<hash>-<width>.<format>`; the hash covers the source's bytes and the sharp options. */
    filename: string;
    /** `outputDir` + `filename`. */
    outputPath: string;
    /** Bytes written; only after encoding. */
    size?: number;
  }

  export type ImageStats = Partial<Record<OutputFormat, ImageStat[]>>;

  export class Image {
    constructor(src: string, options: ImageOptions);
    /** The output files for a source with this sharp metadata, without encoding anything. */
    getFullStats(metadata: Metadata): ImageStats;
  }

  /** Encodes `src` into every width and format of `options`. */
  function eleventyImage(src: string, options: ImageOptions): Promise<ImageStats>;
  namespace eleventyImage {
    export { Image };
  }
  export default eleventyImage;
}
