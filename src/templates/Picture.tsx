import type { PictureData } from "../images/picture-data.ts";
import type { RenderContext } from "./context.ts";

export interface PictureProps {
  ctx: RenderContext;
  picture: PictureData;
  /** The photo's description; `""` marks it decorative (e.g. a thumbnail beside its headline). */
  alt: string;
  /** How wide the photo is shown, for the browser to pick a file, e.g. `(min-width: 42rem) 40rem, 100vw`. */
  sizes: string;
  /**
   * The photo the reader came for (an article's lead): loaded at once and first. Every other photo
   * waits until it is near the viewport and decodes off the main thread.
   */
  priority?: boolean;
  class?: string;
}

/**
 * A processed photo as `<picture>`: one `<source>` per modern format, then a JPEG `<img>` with
 * `width` and `height`, so the browser reserves the photo's box before it loads (no layout shift).
 * @see https://developer.mozilla.org/en-US/docs/Web/HTML/Element/picture
 */
export function Picture({
  ctx,
  picture,
  alt,
  sizes,
  priority = false,
  class: className,
}: PictureProps) {
  const srcset = (files: PictureData["fallback"]["files"]) =>
    files.map((file) => `${ctx.url(file.url)} ${file.width}w`).join(", ");
  return (
    <picture class={className}>
      {picture.sources.map((source) => (
        <source
          key={source.format}
          type={source.type}
          srcset={srcset(source.files)}
          sizes={sizes}
        />
      ))}
      <img
        src={ctx.url(picture.img.url)}
        srcset={srcset(picture.fallback.files)}
        sizes={sizes}
        width={picture.img.width}
        height={picture.img.height}
        alt={alt}
        loading={priority ? undefined : "lazy"}
        decoding={priority ? undefined : "async"}
        fetchpriority={priority ? "high" : undefined}
      />
    </picture>
  );
}
