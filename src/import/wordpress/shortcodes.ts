import { embedHtml } from "./embeds.ts";

/** Counts a thing worth a line in the import's summary. */
export type Tally = (key: string, count?: number) => void;

/**
 * WordPress's own shortcode pattern (`get_shortcode_regex`) with any name in place of the
 * registered ones: `[name attrs]`, `[name attrs /]`, `[name attrs]content[/name]`, and
 * `[[name]]` for a shortcode written out as text. Groups: 1 `[` of an escaped one, 2 name,
 * 3 attributes, 4 `/` of a self-closing one, 5 content, 6 closing tag, 7 `]` of an escaped one.
 */
const SHORTCODE =
  /\[(\[?)([A-Za-z][\w-]*)(?![\w-])([^\]/]*(?:\/(?!\])[^\]/]*)*?)(?:(\/)\]|\](?:([^[]*(?:\[(?!\/\2\])[^[]*)*)(\[\/\2\]))?)(\]?)/g;

/** Photo captions: the image, then the caption text (or a `caption="…"` attribute). */
const CAPTIONS = new Set(["caption", "wp_caption"]);

/** Players and galleries: the archive does not show them, so they and their content go. */
const MEDIA = new Set(["gallery", "audio", "video", "playlist", "wpaudio", "slideshow"]);

/** Shortcodes that embed another site's content; a link to it is kept. */
const EMBEDS = new Set([
  ...["embed", "youtube", "vimeo", "dailymotion", "ted", "tweet", "twitter", "instagram"],
  ...["soundcloud", "spotify", "flickr", "slideshare", "wpvideo", "videopress", "facebook"],
]);

/** `id="12"`: what makes an unknown bracketed word a shortcode rather than "[Note: x=5]". */
const QUOTED_ATTRIBUTE = /[\w-]+\s*=\s*["'\u201c\u201d\u2033]/;

/** A shortcode's attributes, as `shortcode_parse_atts` reads them: named ones, and the others in order. */
export function shortcodeAttributes(text: string): {
  named: Map<string, string>;
  positional: string[];
} {
  const named = new Map<string, string>();
  const positional: string[] = [];
  const attribute =
    /([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)/g;
  const normalised = text.replace(/[\u00a0\u200b]/g, " ");
  for (const m of normalised.matchAll(attribute)) {
    if (m[1] !== undefined) named.set(m[1].toLowerCase(), m[2]!);
    else if (m[3] !== undefined) named.set(m[3].toLowerCase(), m[4]!);
    else if (m[5] !== undefined) named.set(m[5].toLowerCase(), m[6]!);
    else positional.push((m[7] ?? m[8] ?? m[9])!);
  }
  return { named, positional };
}

/** The address an embedding shortcode points at: a URL in it, or a video id it is known by. */
function embeddedAddress(name: string, attributes: string, content: string): string | undefined {
  const url = /https?:\/\/[^\s"'<>\]]+/.exec(`${content} ${attributes}`)?.[0];
  if (url) return url.replace(/&amp;/g, "&");
  const id = shortcodeAttributes(attributes).positional[0]?.replace(/^=/, "");
  if (!id) return undefined;
  if (name === "vimeo" && /^\d+$/.test(id)) return `https://vimeo.com/${id}`;
  if (name === "youtube" && /^[\w-]{11}$/.test(id)) return `https://www.youtube.com/watch?v=${id}`;
  if ((name === "wpvideo" || name === "videopress") && /^\w+$/.test(id)) {
    return `https://videopress.com/v/${id}`;
  }
  return undefined;
}

/**
 * A `[caption]` as the `<figure>` WordPress renders from it (`img_caption_shortcode`): the
 * image (with the link around it, if any), then the rest of the content as the caption. The
 * attachment id (`id="attachment_612"`) is kept for finding the photo's file and alt text.
 */
function captionFigure(attributes: string, content: string, tally: Tally): string {
  const { named } = shortcodeAttributes(attributes);
  const m = /((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*<\/a>)?)([\s\S]*)/i.exec(content);
  if (!m) return expandShortcodes(content, tally);
  const caption = m[2]!.trim() || named.get("caption") || "";
  const id = /(\d+)$/.exec(named.get("id") ?? "")?.[1];
  const attachment = id ? ` data-wp-attachment="${id}"` : "";
  return `<figure${attachment}>${m[1]}<figcaption>${expandShortcodes(caption, tally)}</figcaption></figure>`;
}

/**
 * The shortcodes of a post as HTML the rest of the import understands: captions become
 * `<figure>`s, embeds become links (see `embedHtml`), galleries and players are removed, and so
 * is an unknown shortcode, keeping the text it encloses (a plugin's `[highlight]…[/highlight]`
 * wraps words of the story). Square brackets that are not a shortcode ("[sic]", "[1]") stay:
 * an unknown name counts as a shortcode only with a quoted attribute (`id="3"`) or a closing tag. Each
 * removal is counted as `shortcode [name] removed`.
 */
export function expandShortcodes(html: string, tally: Tally): string {
  if (!html.includes("[")) return html;
  return html.replace(
    SHORTCODE,
    (
      match: string,
      escapeOpen: string,
      rawName: string,
      attributes: string,
      _selfClosing: string | undefined,
      content: string | undefined,
      closing: string | undefined,
      escapeClose: string,
    ) => {
      if (escapeOpen === "[" && escapeClose === "]") return match.slice(1, -1);
      const name = rawName.toLowerCase();
      const inner = content ?? "";
      // A lone extra bracket on one side is text around the shortcode.
      const around = (output: string) => escapeOpen + output + escapeClose;
      if (CAPTIONS.has(name)) return around(captionFigure(attributes, inner, tally));
      if (EMBEDS.has(name)) {
        const link = embeddedAddress(name, attributes, inner);
        const html = link ? embedHtml(link) : undefined;
        if (html) {
          tally("embeds kept as links");
          return around(html);
        }
        tally(`shortcode [${name}] removed`);
        return around("");
      }
      if (MEDIA.has(name)) {
        tally(`shortcode [${name}] removed`);
        return around("");
      }
      if (closing === undefined && !QUOTED_ATTRIBUTE.test(attributes)) return match;
      tally(`shortcode [${name}] removed`);
      return around(expandShortcodes(inner, tally));
    },
  );
}

/** A link for a web address standing alone on a line, as WordPress embeds it (`autoembed`). */
export function embedBareUrls(html: string, tally: Tally): string {
  // Not inside <pre>: an address in a code sample is text.
  return html
    .split(/(<pre\b[\s\S]*?<\/pre>)/i)
    .map((part, index) =>
      index % 2
        ? part
        : part.replace(
            /^(\s*)(?:<p>\s*)?(https?:\/\/[^\s<>"]+)(?:\s*<\/p>)?(\s*)$/gim,
            (match, before: string, url: string, after: string) => {
              const html = embedHtml(url.replace(/&amp;/g, "&"));
              if (!html) return match;
              tally("embeds kept as links");
              return `${before}${html}${after}`;
            },
          ),
    )
    .join("");
}
