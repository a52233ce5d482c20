import { gfm } from "@joplin/turndown-plugin-gfm";
import sanitizeHtml from "sanitize-html";
import TurndownService from "turndown";
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS } from "../../security/sanitize.ts";

/**
 * Elements an imported body keeps: the article allowlist without images, figures, embeds and
 * layout containers. Figures are read apart (with their captions and credits) before the body is
 * converted; an image left in the body would be a request to another site.
 */
const BODY_TAGS = ALLOWED_TAGS.filter(
  (tag) =>
    !["img", "figure", "figcaption", "time", "span", "div", "details", "summary"].includes(tag),
);

/** Elements dropped with everything inside them, not just unwrapped. */
const DROPPED_WITH_CONTENT = [
  ...["script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math"],
  ...["form", "button", "select", "textarea", "input", "nav", "aside", "footer", "header"],
  ...["figure", "picture", "video", "audio", "canvas", "head", "title", "meta", "link"],
];

const LINK_SCHEMES = ["http:", "https:", "mailto:", "tel:"];

/** An absolute http(s), mailto or tel link, or undefined for one that is not safe to keep. */
export function absoluteLink(href: string, baseUrl?: string): string | undefined {
  const value = href.trim();
  if (!value || value.startsWith("#")) return undefined;
  try {
    const url = baseUrl ? new URL(value, baseUrl) : new URL(value);
    return LINK_SCHEMES.includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export interface ToMarkdownOptions {
  /** The page's own URL, against which relative links are resolved; without it they are unlinked. */
  baseUrl?: string;
}

/**
 * Sanitised article HTML: only BODY_TAGS and their allowed attributes, links made absolute (a
 * link that cannot be is unwrapped to its text), headings moved down so that none is an `<h1>`
 * (the page's title is the only one).
 */
export function sanitizeImportedHtml(html: string, options: ToMarkdownOptions = {}): string {
  return sanitizeHtml(html, {
    allowedTags: BODY_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES as Record<string, string[]>,
    allowedSchemes: ["http", "https", "mailto", "tel"],
    allowProtocolRelative: false,
    nonTextTags: DROPPED_WITH_CONTENT,
    disallowedTagsMode: "discard",
    transformTags: {
      h1: "h2",
      a: (tagName, attribs): sanitizeHtml.Tag => {
        const href = attribs.href ? absoluteLink(attribs.href, options.baseUrl) : undefined;
        // An anchor without a usable target keeps its text: Turndown writes an <a> without href
        // as text. (Renaming it to a tag sanitize-html unwraps misplaces the closing tag in
        // nested lists.)
        if (!href) return { tagName, attribs: {} };
        return { tagName, attribs: attribs.title ? { href, title: attribs.title } : { href } };
      },
    },
  });
}

let service: TurndownService | undefined;

function turndown(): TurndownService {
  if (service) return service;
  const created = new TurndownService({
    headingStyle: "atx",
    bulletListMarker: "-",
    codeBlockStyle: "fenced",
    emDelimiter: "_",
    strongDelimiter: "**",
    hr: "---",
  });
  created.use(gfm);
  // Turndown escapes Markdown's own characters; `<` too must stay text, or markdown-it would read
  // "<COMPANY>" in a story as an HTML tag and the sanitiser would remove it. Turndown escapes
  // "1. " at a line's start but not "1) ", which CommonMark also reads as an ordered list item:
  // the numbers of a story's own numbered paragraphs would be lost.
  const escape = created.escape.bind(created);
  created.escape = (text: string) =>
    escape(text)
      .replace(/</g, "\\<")
      .replace(/^(\s*\d+)\)/gm, "$1\\)");
  service = created;
  return created;
}

/**
 * An article body in HTML as Markdown: sanitised first (see sanitizeImportedHtml), then converted
 * by Turndown with GitHub Flavored Markdown tables. Paragraphs, headings, lists, quotes, tables
 * and links are kept; everything else is text or gone. The result has no raw HTML.
 */
export function htmlToMarkdown(html: string, options: ToMarkdownOptions = {}): string {
  const clean = sanitizeImportedHtml(html, options);
  return turndown()
    .turndown(clean)
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
