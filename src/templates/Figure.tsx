import type { ImageData } from "../content/schema.ts";
import type { RenderContext } from "./context.ts";

/** A photo with its caption and credit, or a caption-only figure when there is no photo. */
export function Figure({
  ctx,
  image,
  lead,
}: {
  ctx: RenderContext;
  image: ImageData;
  lead: boolean;
}) {
  return (
    <figure class={lead ? "figure lead" : "figure"}>
      {image.src ? (
        <img
          src={ctx.url(`/assets/${image.src}`)}
          alt={image.alt}
          loading={lead ? undefined : "lazy"}
          decoding={lead ? undefined : "async"}
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
