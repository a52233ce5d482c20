/**
 * A photo that cannot be published, described for the person who added it: what the file is,
 * what was expected and how to fix it. `processArchiveImages` turns it into a ContentError that
 * names the article and the field (`images[0].src`).
 */
export class PhotoProblem extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = "PhotoProblem";
  }
}

/** The formats named in every message, in the order people know them. */
export const EXPECTED_FORMATS = "a JPEG, PNG, WebP, AVIF, TIFF or GIF file";

/** sharp's own message, first line only: it says what libvips found wrong. */
export function sharpReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]!.trim();
}
