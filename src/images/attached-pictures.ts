import type { ImageData } from "../content/schema.ts";
import type { PictureData } from "./picture-data.ts";

/**
 * Processed pictures, keyed by the article's own image objects. Templates that hold only an
 * article (lists on the home, topic, person and month pages; Open Graph tags) reach its photo
 * through here without every page passing a lookup table down. Keyed by object, so two archives
 * in one process never mix, and dropped with the archive. Eleventy hands templates the archive's
 * objects themselves (pagination items by reference), so the keys survive rendering.
 * @see https://www.11ty.dev/docs/pagination/
 */
const pictures = new WeakMap<ImageData, PictureData>();

/** Links a figure to its processed photo; `processArchiveImages` does this for every photo. */
export function attachPicture(image: ImageData, picture: PictureData): void {
  pictures.set(image, picture);
}

/**
 * The processed photo of a figure that has a `src`. Throws when images were not processed, which
 * is a mistake in the build, not in the content: rendering a broken `<img>` would hide it.
 */
export function pictureOf(image: ImageData): PictureData {
  const picture = pictures.get(image);
  if (!picture) {
    throw new Error(
      `The photo "${image.src ?? "(no src)"}" was not processed: call processArchiveImages(archive, …) from src/images/process-images.ts before rendering.`,
    );
  }
  return picture;
}

/** The processed photo attached to `value`, if it is a figure that has one (never throws). */
export function attachedPicture(value: object): PictureData | undefined {
  return pictures.get(value as ImageData);
}
