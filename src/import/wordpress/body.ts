import { parseHTML } from "linkedom";
import { absoluteLink, htmlToMarkdown } from "../html/to-markdown.ts";
import { splitCredit as splitPhotoCredit } from "../html/figures.ts";
import type { StoryImage } from "../types.ts";
import { autop } from "./autop.ts";
import { embedHtml } from "./embeds.ts";
import { embedBareUrls, expandShortcodes, type Tally } from "./shortcodes.ts";
import { plainText } from "./text.ts";
import { uploadPathsFromUrl, type UploadsFolder } from "./uploads.ts";

/** A media library entry (an `attachment` item): what a post's photos are looked up by. */
export interface Attachment {
  /** `wp:post_id`. */
  id: string;
  /** `wp:attachment_url`: where the photo is on the web. */
  url?: string;
  /** The caption set in the media library (the attachment's excerpt), as text. */
  caption: string;
  /** `_wp_attachment_image_alt`. */
  alt?: string;
  /** `_wp_attached_file`: the path under `wp-content/uploads`, e.g. `2013/09/photo.jpg`. */
  file?: string;
}

export interface BodyContext {
  /** The post's permalink, against which relative links and photo addresses are resolved. */
  baseUrl?: string;
  attachments: ReadonlyMap<string, Attachment>;
  /** The same attachments by `addressKey` of their address. */
  attachmentsByAddress: ReadonlyMap<string, Attachment>;
  uploads?: UploadsFolder;
  tally: Tally;
}

export interface PostBody {
  /** The text as Markdown, without the photos. */
  markdown: string;
  /** The featured image first, then the photos of the text in order, each once. */
  images: StoryImage[];
}

/**
 * A caption and the credit at its end ("Bell on the wharf. Photo: Jane Doe"), read as for a
 * saved page's figures. A caption that is all credit stays whole: a figure without a photo file
 * needs its caption.
 */
export function splitCredit(text: string): { caption: string; credit?: string } {
  const split = splitPhotoCredit(text);
  return split.caption ? split : { caption: text };
}

interface Candidate {
  image: StoryImage;
  /** `attachment:<id>` and `url:<address without size or query>`: one photo shown twice has one of them in common. */
  keys: string[];
}

/** A photo's address without scheme, query or fragment: `?w=604` asks for a size of the same photo. */
export function addressKey(address: string | undefined, baseUrl?: string): string | undefined {
  if (!address) return undefined;
  try {
    const url = new URL(address, baseUrl);
    return `url:${url.hostname}${url.pathname}`;
  } catch {
    return undefined;
  }
}

/**
 * The attachment a photo's address belongs to: the same address, or the original that WordPress
 * resized (`photo-300x200.jpg` of `photo.jpg`) when the export has it. Only an address the media
 * library knows is cut back so: a file may be called `alignment-580x300.jpg` itself.
 */
function attachmentByAddress(
  context: BodyContext,
  address: string | undefined,
): Attachment | undefined {
  const key = addressKey(address);
  if (!key) return undefined;
  const byAddress = context.attachmentsByAddress;
  return byAddress.get(key) ?? byAddress.get(key.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, "$1"));
}

function absoluteAddress(
  address: string | undefined,
  baseUrl: string | undefined,
): string | undefined {
  if (!address) return undefined;
  try {
    return new URL(address, baseUrl).href;
  } catch {
    return undefined;
  }
}

/** A photo as a figure of the story: its caption (and credit) from the page, alt and file from the media library. */
function candidate(
  context: BodyContext,
  source: { address?: string; attachmentId?: string; alt?: string; caption: string },
): Candidate {
  const address = absoluteAddress(source.address, context.baseUrl);
  const attachment =
    (source.attachmentId ? context.attachments.get(source.attachmentId) : undefined) ??
    attachmentByAddress(context, address);
  const { caption, credit } = splitCredit(source.caption);
  const file = context.uploads?.find([
    attachment?.file,
    ...(address ? uploadPathsFromUrl(address) : []),
    ...(attachment?.url ? uploadPathsFromUrl(attachment.url) : []),
  ]);
  const alt = source.alt?.trim() || attachment?.alt;
  const image: StoryImage = { caption };
  if (credit) image.credit = credit;
  if (alt) image.alt = alt;
  if (file) image.file = file;
  const keys = [
    attachment ? `attachment:${attachment.id}` : undefined,
    addressKey(address),
    addressKey(attachment?.url),
  ].filter((key): key is string => key !== undefined);
  return { image, keys };
}

/**
 * The figures of a post, each photo once (a featured image is often in the text too; the first
 * place it stands keeps it, taking what the other gives that it lacks) unless it is shown again
 * with another caption. A photo without a saved
 * file and without a caption is left out: a figure needs one or the other. Both outcomes are
 * counted.
 */
function settleImages(candidates: Candidate[], tally: Tally): StoryImage[] {
  const kept: Candidate[] = [];
  for (const next of candidates) {
    // The same photo with another caption is shown again: the author placed it twice.
    const same = kept.find(
      (seen) =>
        seen.keys.some((key) => next.keys.includes(key)) &&
        (!seen.image.caption || !next.image.caption || seen.image.caption === next.image.caption),
    );
    if (!same) {
      kept.push(next);
      continue;
    }
    const image = same.image;
    if (!image.caption && next.image.caption) {
      image.caption = next.image.caption;
      if (next.image.credit) image.credit = next.image.credit;
    }
    image.alt ??= next.image.alt;
    image.file ??= next.image.file;
    same.keys.push(...next.keys);
  }
  const images: StoryImage[] = [];
  for (const { image } of kept) {
    if (!image.caption && !image.file) {
      tally("photos without caption, left out");
      continue;
    }
    if (!image.file) tally("photos only on the web, kept as caption-only figures");
    images.push(image);
  }
  return images;
}

const CAPTION_SELECTOR = "figcaption, .wp-caption-text, .wp-caption-dd";

/** Elements inside which an embed's link is a phrase of the text rather than a paragraph of its own. */
const TEXT_BLOCKS = "p, li, td, th, h1, h2, h3, h4, h5, h6, dd, dt, figcaption, caption";

/** `html` as the nodes it parses to, in `document`. */
function nodesOf(document: Document, html: string): Node[] {
  const holder = document.createElement("div");
  holder.innerHTML = html;
  return [...holder.childNodes];
}

/** Replaces `element` by its children, its caption (if any) becoming a paragraph after them. */
function unwrap(document: Document, element: Element): void {
  const caption = element.querySelector(CAPTION_SELECTOR);
  const nodes: Node[] = [];
  for (const child of [...element.childNodes]) if (child !== caption) nodes.push(child);
  if (caption && plainText(caption.innerHTML)) {
    const paragraph = document.createElement("p");
    paragraph.innerHTML = caption.innerHTML;
    nodes.push(paragraph);
  }
  element.replaceWith(...nodes);
}

/** An embed's address: its link, the address written in its wrapper, or its frame's source. */
function embedAddress(element: Element): string | undefined {
  const wrapper = element.querySelector(".wp-block-embed__wrapper");
  const written = wrapper?.textContent?.trim();
  if (written && /^https?:\/\/\S+$/.test(written)) return written;
  return (
    element.querySelector("a[href]")?.getAttribute("href") ??
    element.querySelector("iframe[src]")?.getAttribute("src") ??
    undefined
  );
}

/** Replaces a player or frame by a link to what it shows, or removes it when it has no address. */
function replaceByLink(
  document: Document,
  element: Element,
  address: string | undefined,
  tally: Tally,
  what: string,
): void {
  const inText = element.parentElement?.closest(TEXT_BLOCKS) != null;
  const html = address ? embedHtml(address, !inText) : undefined;
  if (html) {
    tally("embeds kept as links");
    element.replaceWith(...nodesOf(document, html));
  } else {
    tally(`${what} removed (no web address)`);
    element.remove();
  }
}

/**
 * Removes links left without text once the photo inside them is gone, and unwraps those that
 * lead nowhere the archive can follow (`href="#"`, `javascript:`): their text stays. Done here
 * rather than left to the sanitiser, whose stand-in element for such a link can close in the
 * wrong place when the link stands in a nested list.
 */
function cleanLinks(root: Element, baseUrl: string | undefined): void {
  for (const link of [...root.querySelectorAll("a")]) {
    if (!link.textContent?.trim() && !link.querySelector("img")) link.remove();
    else if (!absoluteLink(link.getAttribute("href") ?? "", baseUrl))
      link.replaceWith(...link.childNodes);
  }
  // A download button repeats the link of the file block it belongs to.
  for (const button of [...root.querySelectorAll("a.wp-block-file__button")]) button.remove();
}

/** Footnotes of the block editor: kept in the post's `footnotes` field, shown after the text. */
function footnotesHtml(json: string | undefined): string {
  if (!json) return "";
  let notes: unknown;
  try {
    notes = JSON.parse(json);
  } catch {
    return "";
  }
  if (!Array.isArray(notes)) return "";
  const items = notes
    .map((note) =>
      note && typeof note === "object" ? (note as { content?: unknown }).content : undefined,
    )
    .filter((content): content is string => typeof content === "string" && content.trim() !== "");
  return items.length
    ? `<hr><ol>${items.map((content) => `<li>${content}</li>`).join("")}</ol>`
    : "";
}

export interface PostContent {
  /** `content:encoded`. */
  html: string;
  /** `_thumbnail_id`: the attachment shown as the post's featured image. */
  featuredId?: string;
  /** `footnotes`: the block editor's footnotes, as JSON. */
  footnotes?: string;
}

/**
 * A post's content as the archive keeps it. A classic-editor post is stored as WordPress's
 * editor wrote it (paragraphs separated by blank lines): its bare addresses become embed links,
 * its shortcodes are expanded, then `autop` makes the paragraphs. A block-editor post (it has
 * `<!-- wp:… -->` comments) is HTML already, so only its shortcodes are expanded. Then photos
 * (`<figure>`, `[caption]`, the older `.wp-caption` markup, bare `<img>`s) are taken out as
 * figures, embeds and frames become links, players are removed, and the rest is converted by
 * `htmlToMarkdown`, which sanitises it.
 */
export function convertPostBody(content: PostContent, context: BodyContext): PostBody {
  const { tally } = context;
  const blocks = /<!--\s*\/?wp:/.test(content.html);
  // Block delimiters, `<!--more-->` and `<!--nextpage-->` are markers for WordPress, not text.
  let html = content.html.replace(/<!--[\s\S]*?-->/g, "");
  if (!blocks) html = embedBareUrls(html, tally);
  html = expandShortcodes(html, tally);
  if (!blocks) html = autop(html);
  html += footnotesHtml(content.footnotes);

  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const body = document.body;
  const candidates: Candidate[] = [];
  if (content.featuredId) {
    const attachment = context.attachments.get(content.featuredId);
    if (attachment) {
      candidates.push(
        candidate(context, {
          attachmentId: attachment.id,
          alt: attachment.alt,
          caption: attachment.caption,
        }),
      );
    } else tally("featured images not in the export, left out");
  }

  const photo = (img: Element, caption: string, attachmentId?: string) =>
    candidates.push(
      candidate(context, {
        address: img.getAttribute("src") ?? undefined,
        attachmentId:
          attachmentId ??
          /\bwp-image-(\d+)\b/.exec(img.getAttribute("class") ?? "")?.[1] ??
          img.getAttribute("data-id") ??
          undefined,
        alt: img.getAttribute("alt") ?? undefined,
        caption,
      }),
    );

  for (const figure of [...body.querySelectorAll("figure, .wp-caption")]) {
    if (!body.contains(figure)) continue;
    const className = figure.getAttribute("class") ?? "";
    if (figure.querySelector("figure, .wp-caption")) {
      // A gallery: its photos are figures of their own, read next.
      unwrap(document, figure);
    } else if (/\bwp-block-embed\b/.test(className)) {
      const caption = figure.querySelector(CAPTION_SELECTOR);
      const captionHtml =
        caption && plainText(caption.innerHTML) ? `<p>${caption.innerHTML}</p>` : "";
      const address = embedAddress(figure);
      const link = address ? embedHtml(address) : undefined;
      tally(link ? "embeds kept as links" : "embed removed (no web address)");
      figure.replaceWith(...nodesOf(document, (link ?? "") + captionHtml));
    } else {
      const images = [...figure.querySelectorAll("img")];
      if (images.length === 0) {
        for (const player of [...figure.querySelectorAll("audio, video")]) {
          tally(`${player.tagName.toLowerCase()} player removed`);
          player.remove();
        }
        unwrap(document, figure);
        continue;
      }
      const caption = figure.querySelector(CAPTION_SELECTOR)?.innerHTML ?? "";
      const id =
        figure.getAttribute("data-wp-attachment") ??
        /attachment_(\d+)/.exec(figure.getAttribute("id") ?? "")?.[1];
      images.forEach((img, index) =>
        photo(img, index === 0 ? plainText(caption) : "", index === 0 ? id : undefined),
      );
      figure.remove();
    }
  }
  for (const img of [...body.querySelectorAll("img")]) {
    photo(img, "");
    img.remove();
  }
  for (const frame of [...body.querySelectorAll("iframe")]) {
    replaceByLink(document, frame, frame.getAttribute("src") ?? undefined, tally, "embedded frame");
  }
  for (const object of [...body.querySelectorAll("object")]) {
    const address =
      object.getAttribute("data") ??
      object.querySelector("embed[src]")?.getAttribute("src") ??
      object.querySelector('param[name="movie"], param[name="src"]')?.getAttribute("value") ??
      undefined;
    replaceByLink(document, object, address, tally, "embedded object");
  }
  for (const embed of [...body.querySelectorAll("embed")]) {
    replaceByLink(
      document,
      embed,
      embed.getAttribute("src") ?? undefined,
      tally,
      "embedded object",
    );
  }
  for (const player of [...body.querySelectorAll("audio, video")]) {
    tally(`${player.tagName.toLowerCase()} player removed`);
    player.remove();
  }
  cleanLinks(body, context.baseUrl);
  // Preformatted text (verse, tables of figures) keeps its spacing only as a code block.
  for (const pre of [...body.querySelectorAll("pre")]) {
    if (pre.querySelector("code")) continue;
    const code = document.createElement("code");
    code.append(...pre.childNodes);
    pre.append(code);
  }

  return {
    markdown: htmlToMarkdown(body.innerHTML, { baseUrl: context.baseUrl }),
    images: settleImages(candidates, tally),
  };
}
