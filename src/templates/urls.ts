import type { RenderContext } from "./context.ts";

/**
 * A site-relative path as an absolute URL; a URL that is already absolute is kept. Photo URLs come
 * from `leadImagePath`, whose owner may one day return either.
 */
export function absoluteSiteUrl(ctx: RenderContext, pathOrUrl: string): string {
  return /^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : ctx.absoluteUrl(pathOrUrl);
}

const IMAGE_TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  svg: "image/svg+xml",
};

/** `photo.JPG` → `image/jpeg`; undefined for an extension that is not a known image type. */
export function imageMediaType(pathOrUrl: string): string | undefined {
  const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(pathOrUrl)?.[1]?.toLowerCase();
  return extension ? IMAGE_TYPES[extension] : undefined;
}
