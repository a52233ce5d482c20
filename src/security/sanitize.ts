import sanitizeHtml from "sanitize-html";

/** One thing the sanitiser took out of a piece of content, for the build's and check's warnings. */
export interface Removal {
  /** Line in the content's source where the markup stands, when known. */
  line?: number;
  /** What was removed, e.g. `<script>` or `onerror on <img>`. */
  what: string;
}

/** Elements that article HTML may keep: formatting, links, lists, tables, figures, images. */
export const ALLOWED_TAGS: readonly string[] = [
  ...["p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code"],
  ...["em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "q"],
  ...["abbr", "cite", "dfn", "kbd", "samp", "var", "time", "span", "div", "a", "img"],
  ...["ul", "ol", "li", "dl", "dt", "dd", "figure", "figcaption", "details", "summary"],
  ...["table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col"],
];

/**
 * Attributes each element may keep. No `style`, `class`, `id` or `data-*`: content must not
 * restyle the page, clobber the page's scripts or set Pagefind's `data-pagefind-*` attributes.
 */
export const ALLOWED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ["href", "title"],
  img: ["src", "alt", "title", "width", "height"],
  abbr: ["title"],
  time: ["datetime"],
  blockquote: ["cite"],
  q: ["cite"],
  ol: ["start", "reversed", "type"],
  li: ["value"],
  td: ["colspan", "rowspan", "align"],
  th: ["colspan", "rowspan", "align", "scope"],
  col: ["span"],
  colgroup: ["span"],
  iframe: ["src", "title", "width", "height", "allow", "allowfullscreen", "sandbox", "loading"],
};

const LINK_SCHEMES = ["http", "https", "mailto", "tel"];

export interface SanitizeOptions {
  /** Hosts whose players may be embedded with `<iframe>` over HTTPS (`site.embedHosts`). */
  embedHosts?: readonly string[];
}

/**
 * An image the site itself serves (under `/assets/`) or a `data:image/…` URL. Anything else is a
 * request to another origin, or to a file the site does not have.
 */
function isLocalImage(src: string): boolean {
  const value = src.trim();
  if (/^data:image\/(png|jpe?g|gif|webp|avif);/i.test(value)) return true;
  return value.startsWith("/assets/") && !value.includes("..");
}

function isEmbed(src: string, hosts: readonly string[]): boolean {
  try {
    const url = new URL(src);
    return url.protocol === "https:" && hosts.includes(url.hostname);
  } catch {
    return false;
  }
}

function options(embedHosts: readonly string[]): sanitizeHtml.IOptions {
  const allowIframes = embedHosts.length > 0;
  return {
    allowedTags: allowIframes ? [...ALLOWED_TAGS, "iframe"] : [...ALLOWED_TAGS],
    allowedAttributes: ALLOWED_ATTRIBUTES as Record<string, string[]>,
    allowedSchemes: LINK_SCHEMES,
    allowedSchemesByTag: { img: ["data"], iframe: ["https"] },
    allowProtocolRelative: false,
    allowedIframeHostnames: [...embedHosts],
    // An image from another origin would be a request to a third party; an iframe from a host
    // not allowed would be removed by allowedIframeHostnames too, but without a warning.
    exclusiveFilter: (frame) =>
      (frame.tag === "img" && !isLocalImage(frame.attribs.src ?? "")) ||
      (frame.tag === "iframe" && !isEmbed(frame.attribs.src ?? "", embedHosts)),
    transformTags: {
      // An embedded player runs in its own sandbox, loaded only when scrolled to.
      iframe: (tagName, attribs) => ({
        tagName,
        attribs: {
          ...attribs,
          sandbox: "allow-scripts allow-same-origin allow-presentation",
          loading: "lazy",
        },
      }),
    },
    disallowedTagsMode: "discard",
  };
}

const cache = new Map<string, sanitizeHtml.IOptions>();
function optionsFor(embedHosts: readonly string[] = []): sanitizeHtml.IOptions {
  const key = embedHosts.join(" ");
  let found = cache.get(key);
  if (!found) cache.set(key, (found = options(embedHosts)));
  return found;
}

/** Sanitised HTML: everything outside the allowlist is removed, text inside removed tags kept. */
export function sanitizeArticleHtml(html: string, opts: SanitizeOptions = {}): string {
  return sanitizeHtml(html, optionsFor(opts.embedHosts));
}

/**
 * What sanitising `fragment` would remove, described for a warning. Inspects each opening tag
 * the way the allowlist does; the fragment is a piece of raw HTML from Markdown.
 */
export function describeRemovals(fragment: string, opts: SanitizeOptions = {}): string[] {
  const found: string[] = [];
  const base = optionsFor(opts.embedHosts);
  const tags = new Set(base.allowedTags as string[]);
  sanitizeHtml(fragment, {
    ...base,
    onOpenTag: (tag, attribs) => {
      if (!tags.has(tag)) {
        found.push(`<${tag}>`);
        return;
      }
      const allowed = ALLOWED_ATTRIBUTES[tag] ?? [];
      for (const [name, value] of Object.entries(attribs)) {
        if (!allowed.includes(name)) found.push(`${name} on <${tag}>`);
        else if (name === "href" && !linkAllowed(value))
          found.push(`${schemeOf(value)} link on <a>`);
      }
      if (tag === "img" && !isLocalImage(attribs.src ?? "")) {
        found.push(`<img src> outside /assets/ (${quoteUrl(attribs.src ?? "")})`);
      }
      if (tag === "iframe" && !isEmbed(attribs.src ?? "", opts.embedHosts ?? [])) {
        found.push("<iframe> from a host not in embedHosts");
      }
    },
  });
  return found;
}

function quoteUrl(url: string): string {
  return url.length > 80 ? `${url.slice(0, 79)}…` : url;
}

function schemeOf(url: string): string {
  return /^\s*([a-z][a-z0-9+.-]*:)/i.exec(url)?.[1]?.toLowerCase() ?? "protocol-relative";
}

function linkAllowed(href: string): boolean {
  // Browsers ignore control characters and spaces in a scheme ("java\tscript:").
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const value = href.replace(/[\u0000-\u0020]/g, "");
  if (value.startsWith("//")) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  return !scheme || LINK_SCHEMES.includes(scheme);
}

/**
 * Plain-text fields (captions, credits, deks, registry descriptions) are shown as text, escaped;
 * markup in them is removed rather than shown as code. Returns the text and what was removed.
 */
export function stripMarkup(text: string): { text: string; removed: string[] } {
  if (!/<[a-z!/?]/i.test(text)) return { text, removed: [] };
  const found = describeRemovals(text);
  const removed = found.length ? found : ["markup"];
  return { text: textOfHtml(text), removed };
}

/**
 * The text of an HTML fragment on one line: every tag removed (script and style with their
 * contents), entities decoded, runs of white space made one space.
 */
export function textOfHtml(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}
