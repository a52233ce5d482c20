import type { ImageData } from "../content/schema.ts";
import { pictureOf } from "../images/attached-pictures.ts";
import type { RenderContext } from "./context.ts";
import { Picture } from "./Picture.tsx";

/** The article column is at most 40rem wide (42rem less its padding), else the viewport less 2rem. */
export const FIGURE_SIZES = "(min-width: 42rem) 40rem, calc(100vw - 2rem)";

/**
 * A photo with its caption and credit, or a caption-only figure when there is no photo.
 * `unindexed` keeps the figure out of the search index's text, for a page that gives Pagefind
 * the caption elsewhere (an article indexes its captions after its body).
 */
export function Figure({
  ctx,
  image,
  lead,
  unindexed = false,
}: {
  ctx: RenderContext;
  image: ImageData;
  lead: boolean;
  unindexed?: boolean;
}) {
  return (
    <figure
      class={lead ? "figure lead" : "figure"}
      data-pagefind-ignore={unindexed ? "index" : undefined}
    >
      {image.src ? (
        <Picture
          ctx={ctx}
          picture={pictureOf(image)}
          alt={image.alt ?? ""}
          sizes={FIGURE_SIZES}
          priority={lead}
        />
      ) : null}
      {image.caption || image.credit ? (
        <figcaption>
          {image.caption ? <span class="caption">{image.caption}</span> : null}
          {image.credit ? (
            <>
              {" "}
              <span class="credit">Photo: {image.credit}</span>
            </>
          ) : null}
        </figcaption>
      ) : null}
    </figure>
  );
}
