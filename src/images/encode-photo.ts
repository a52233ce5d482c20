import eleventyImage, { type ImageStat, type OutputFormat } from "@11ty/eleventy-img";
import { eleventyImageOptions } from "./image-options.ts";
import { PhotoProblem, sharpReason } from "./photo-problem.ts";
import type { PhotoPlan } from "./plan-photo.ts";

/** One eleventy-img call: some widths of one format. */
interface Batch {
  format: OutputFormat;
  widths: number[];
}

/**
 * Splits a photo's outputs into eleventy-img calls, run one after another. eleventy-img starts
 * every output of a call at once, and each sharp pipeline decodes the source on its own, so memory
 * grows with the outputs in flight: all widths of one format together for an ordinary photo, one
 * output at a time for a large one (a 12,000-pixel noise PNG peaked at 2.7 GB with every output
 * at once, 0.9 GB one at a time).
 */
export function encodingBatches(plan: PhotoPlan): Batch[] {
  const batches: Batch[] = [];
  for (const [format, stats] of Object.entries(plan.stats) as [OutputFormat, ImageStat[]][]) {
    const widths = stats.map((stat) => stat.width);
    if (plan.large) batches.push(...widths.map((width) => ({ format, widths: [width] })));
    else batches.push({ format, widths });
  }
  return batches;
}

/**
 * Encodes every planned output of a photo into `folder` with eleventy-img, one batch after
 * another, and returns the files written. The widths given are the planned ones, all within the
 * original, so eleventy-img names them exactly as planned.
 * @see https://www.11ty.dev/docs/plugins/image/
 */
export async function encodePhoto(plan: PhotoPlan, folder: string): Promise<ImageStat[]> {
  const written: ImageStat[] = [];
  for (const batch of encodingBatches(plan)) {
    const options = eleventyImageOptions(folder, { widths: batch.widths, formats: [batch.format] });
    try {
      const stats = await eleventyImage(plan.file, options);
      written.push(...(stats[batch.format] ?? []));
    } catch (error) {
      // sharp names the output file when writing fails: that is the disk's problem, not the photo's.
      if (error instanceof Error && error.message.includes(folder)) throw error;
      throw new PhotoProblem(
        `"${plan.src}" could not be decoded (sharp: ${sharpReason(error)}): the file is damaged or incomplete. Export or download it again and replace it.`,
        { cause: error },
      );
    }
  }
  return written;
}
