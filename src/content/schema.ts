import { z } from "zod";

const text = (what: string) =>
  z.string({
    error: (issue) =>
      issue.input === undefined ? `is required: add ${what}` : `expected text (${what})`,
  });

const optionalText = (what: string) => z.string({ error: `expected text (${what})` }).optional();

/** A date as written in front matter: ISO 8601, with or without time and offset. */
const dateText = (what: string) =>
  z.union([z.string(), z.date()], {
    error: (issue) =>
      issue.input === undefined
        ? `is required: add ${what} such as 2024-11-13 or 2024-11-13T10:00:00+01:00`
        : `expected ${what} such as 2024-11-13 or 2024-11-13T10:00:00+01:00`,
  });

const names = (what: string) =>
  z
    .array(z.string().min(1), { error: `expected a list of ${what}, such as [${what}]` })
    .default([]);

/** One figure: a photo under `assets/` with its caption and credit, or a caption alone. */
export const imageSchema = z
  .object({
    /** Path under `assets/`, e.g. `photos/2024/11/blinken.jpg`. Optional: a caption-only figure has none. */
    src: optionalText("a path under assets/, such as photos/2024/11/photo.jpg"),
    /** Text alternative for readers who cannot see the photo. Required when `src` is given. */
    alt: optionalText("a short description of the photo"),
    /** The caption as published; searchable. */
    caption: optionalText("the photo caption"),
    /** The photographer or agency, e.g. `EPA`. */
    credit: optionalText("the photographer or agency"),
  })
  .strict()
  .superRefine((image, ctx) => {
    if (image.src && !image.alt?.trim()) {
      ctx.addIssue({
        code: "custom",
        path: ["alt"],
        message: `is required when src is given: describe the photo "${image.src}" for readers who cannot see it`,
      });
    }
    if (!image.src && !image.caption?.trim()) {
      ctx.addIssue({
        code: "custom",
        path: ["caption"],
        message:
          "is required for a figure without src: give the photo's src and alt, or its caption",
      });
    }
  });

/**
 * The front matter of an article. Unknown fields are rejected so that a misspelt field is not
 * silently ignored.
 */
export const frontMatterSchema = z
  .object({
    /** The headline. */
    title: text('the headline, e.g. title: "…"').trim().min(1, "must not be empty"),
    /** Publication date; a date without time or offset is read in the site's time zone. */
    date: dateText("the publication date"),
    /** Last substantive update, same format as `date`. */
    updated: dateText("the date of the last update").optional(),
    /** One-sentence summary; without it the first paragraph is the excerpt. */
    dek: optionalText("a one-sentence summary"),
    byline: optionalText("the author or agency"),
    dateline: optionalText("the place the story was filed from"),
    /** The publication or agency. */
    source: optionalText("the publication or agency"),
    /** Names, ids or aliases from `_data/topics.json`. */
    topics: names("topics"),
    /** Names, ids or aliases from `_data/people.json`. */
    people: names("people"),
    /** Names, ids or aliases from `_data/places.json`. */
    places: names("places"),
    /** Figures; the first with a `src` is the lead photo. */
    images: z.array(imageSchema, { error: "expected a list of figures" }).default([]),
    /**
     * Where the story was first published on the web (a saved page's canonical URL, a WordPress
     * post's permalink): shown as the original, and how a later import finds this article.
     */
    canonical: z
      .url({
        protocol: /^https?$/,
        error:
          "expected the story's original web address, such as https://example.com/2024/11/story",
      })
      .optional(),
    /** Drafts are left out of the built site. */
    draft: z.boolean({ error: "expected true or false" }).default(false),
  })
  .strict();

export type FrontMatterData = z.infer<typeof frontMatterSchema>;
export type ImageData = z.infer<typeof imageSchema>;
