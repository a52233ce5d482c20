import { XMLParser, XMLValidator } from "fast-xml-parser";
import { foldName, slugifyName } from "../../registry/fold.ts";
import { quote } from "../quote.ts";
import { articleSlug } from "../slug.ts";
import {
  emptyTerms,
  type InputProblem,
  type ParsedInput,
  type SkippedStory,
  type SourceTerm,
  type Story,
} from "../types.ts";
import { addressKey, convertPostBody, type Attachment } from "./body.ts";
import { newlinesBetween, scanExport, type ItemSlice } from "./scan.ts";
import { plainText } from "./text.ts";
import { UploadsFolder } from "./uploads.ts";

export interface WordpressParseOptions {
  /** The export's path on disk: photos are looked up in the `uploads/` folder beside it. */
  path: string;
}

/** The export namespace (`xmlns:wp`), `http://wordpress.org/export/1.2/`, also over https. */
const EXPORT_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/\d+(?:\.\d+)*\/?$/;
const EXCERPT_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/\d+(?:\.\d+)*\/excerpt\/?$/;
const CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/";
const DC_NAMESPACE = "http://purl.org/dc/elements/1.1/";

/** A registry id: what a WordPress term slug (`nicename`) must be to serve as one. */
const REGISTRY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** An RSS document that declares WordPress's export namespace: a WXR file (Tools → Export). */
export function looksLikeWordpressExport(text: string): boolean {
  const rss = /<rss\b[^>]*>/.exec(text.slice(0, 32_768))?.[0];
  if (!rss) return false;
  return [...rss.matchAll(/\bxmlns:[\w.-]+\s*=\s*["']([^"']*)["']/g)].some((m) =>
    EXPORT_NAMESPACE.test(m[1]!),
  );
}

/** The element names of an export, with the prefixes its `<rss>` tag binds (`wp:`, `content:`, …). */
interface Names {
  wp: (local: string) => string;
  content: string;
  excerpt: string;
  creator: string;
}

function elementNames(skeleton: string): Names {
  const prefixes = { wp: "wp", content: "content", excerpt: "excerpt", dc: "dc" };
  const rss = /<rss\b[^>]*>/.exec(skeleton)?.[0] ?? "";
  for (const m of rss.matchAll(/\bxmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g)) {
    const [, prefix, uri] = m as unknown as [string, string, string];
    if (EXCERPT_NAMESPACE.test(uri)) prefixes.excerpt = prefix;
    else if (EXPORT_NAMESPACE.test(uri)) prefixes.wp = prefix;
    else if (uri === CONTENT_NAMESPACE) prefixes.content = prefix;
    else if (uri === DC_NAMESPACE) prefixes.dc = prefix;
  }
  return {
    wp: (local) => `${prefixes.wp}:${local}`,
    content: `${prefixes.content}:encoded`,
    excerpt: `${prefixes.excerpt}:encoded`,
    creator: `${prefixes.dc}:creator`,
  };
}

type XmlValue = string | number | boolean | XmlObject | XmlValue[] | undefined;
interface XmlObject {
  [name: string]: XmlValue;
}

/** The text of an element as fast-xml-parser gives it: a string, or `#text` beside attributes. */
function textOf(value: XmlValue): string {
  if (value === undefined) return "";
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === "object") return textOf(value["#text"]);
  return String(value);
}

function listOf(value: XmlValue): XmlObject[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter(
    (entry): entry is XmlObject => typeof entry === "object" && !Array.isArray(entry),
  );
}

function createParser(names: Names): XMLParser {
  const lists = new Set([
    "item",
    "category",
    names.wp("postmeta"),
    names.wp("comment"),
    names.wp("author"),
  ]);
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => lists.has(name),
  });
}

/** Why a post of another type is left out. */
const OTHER_TYPES: Record<string, string> = {
  page: "a page, not a post.",
  attachment: "an attachment (a media library entry).",
  nav_menu_item: "a menu item.",
  revision: "a revision of a post, not a post.",
  wp_navigation: "a navigation menu, not a post.",
  wp_block: "a reusable block (pattern), not a post.",
  wp_template: "a theme template, not a post.",
  wp_template_part: "a theme template part, not a post.",
  wp_global_styles: "the theme's styles, not a post.",
  wp_font_family: "a font, not a post.",
  wp_font_face: "a font, not a post.",
  custom_css: "the theme's custom CSS, not a post.",
  customize_changeset: "a saved Customizer change, not a post.",
  oembed_cache: "a cached embed, not a post.",
  user_request: "a personal data request, not a post.",
};

/** Why a post that is not published is left out. */
const UNPUBLISHED: Record<string, string> = {
  draft: "a draft: not published.",
  "auto-draft": "an automatic draft: not published.",
  future: "scheduled: not published yet.",
  pending: "pending review: not published.",
  private: "private: not published.",
  trash: "in the trash: not published.",
};

/** `2024-02-05 15:53:10` as its parts; undefined for WordPress's `0000-00-00 00:00:00` (no date). */
function wordpressDate(text: string): { day: string; time: string } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m || m[1] === "0000") return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour, minute, second));
  if (
    date.getUTCMonth() !== month! - 1 ||
    date.getUTCDate() !== day ||
    hour! > 23 ||
    minute! > 59 ||
    second! > 59
  )
    return undefined;
  return { day: `${m[1]}-${m[2]}-${m[3]}`, time: `${m[4]}:${m[5]}:${m[6]}` };
}

/** An absolute http(s) address, normalised; undefined for anything else. */
function webAddress(text: string): string | undefined {
  try {
    const url = new URL(text.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function decodedSlug(text: string): string {
  try {
    return decodeURIComponent(text.trim());
  } catch {
    return text.trim();
  }
}

/**
 * A category or tag as a topic from the site's own vocabulary, like a Reuters code: added to the
 * registry unless it has the name already. Its id is WordPress's slug for it (`nicename`) when
 * that is a registry id, else the slug of its name.
 */
function siteTerm(name: string, nicename: string): SourceTerm {
  const decoded = decodedSlug(nicename);
  const id = REGISTRY_ID.test(decoded) ? decoded : slugifyName(decoded) || slugifyName(name);
  return id ? { name, addition: { id, name, aliases: [] } } : { name };
}

/** A post's file name from its slug (`wp:post_name`), cut like one made from a title. */
function postSlug(postName: string): string | undefined {
  const decoded = decodedSlug(postName);
  if (!decoded || !slugifyName(decoded)) return undefined;
  return articleSlug(decoded);
}

interface Channel {
  site?: string;
  siteName?: string;
  /** `wp:author_login` → `wp:author_display_name`. */
  authors: Map<string, string>;
}

function readChannel(skeleton: string, parser: XMLParser, names: Names): Channel {
  const channel: Channel = { authors: new Map() };
  let doc: XmlObject;
  try {
    doc = parser.parse(skeleton) as XmlObject;
  } catch {
    return channel;
  }
  const rss = listOf(doc.rss)[0];
  const node = rss ? listOf(rss.channel)[0] : undefined;
  if (!node) return channel;
  channel.site =
    webAddress(textOf(node.link)) ?? webAddress(textOf(node[names.wp("base_blog_url")]));
  channel.siteName = plainText(textOf(node.title)) || undefined;
  for (const author of listOf(node[names.wp("author")])) {
    const login = textOf(author[names.wp("author_login")]).trim();
    const display = plainText(textOf(author[names.wp("author_display_name")]));
    if (login && display) channel.authors.set(login, display);
  }
  return channel;
}

/**
 * The author's display name for a post's `dc:creator` (a login). A login can hold only letters,
 * digits, spaces and `_ . - @`; a stray character around it (`themereviewteam>` occurs in
 * WordPress's own test data) is not part of it.
 */
function authorName(creator: string, authors: ReadonlyMap<string, string>): string | undefined {
  const login = creator.trim();
  return authors.get(login) ?? authors.get(login.replace(/[^\w .@-]/g, "").trim());
}

interface ParsedItem {
  item: XmlObject;
  meta: Map<string, string>;
}

/** A tally that counts into `tallies`. */
function counter(tallies: Record<string, number>) {
  return (key: string, count = 1) => {
    tallies[key] = (tallies[key] ?? 0) + count;
  };
}

/**
 * Reads a WordPress export (WXR, Tools → Export). Each published post becomes a story: its
 * title, the time it was published (UTC) and last modified, its author's display name, its
 * categories and tags as topics, its excerpt as the dek, its permalink, its slug, and its content
 * as Markdown with its photos as figures (see `convertPostBody`). Every other item — pages,
 * attachments, menu items, drafts, scheduled, private and password-protected posts — is skipped
 * with the reason. An item that cannot be read, or a post without a title or date, is a problem
 * naming its line; the rest of the export is still read. Items are found by a scan
 * (`scanExport`) and parsed one at a time, so a large export is never held as one tree.
 */
export function parseWordpressExport(
  text: string,
  display: string,
  options: WordpressParseOptions,
): ParsedInput {
  const stories: Story[] = [];
  const skipped: SkippedStory[] = [];
  const problems: InputProblem[] = [];
  const tallies: Record<string, number> = {};
  const tally = counter(tallies);
  const result: ParsedInput = { stories, skipped, problems, tallies };

  if (!looksLikeWordpressExport(text)) {
    problems.push({
      file: display,
      message:
        "is not a WordPress export: expected an RSS file declaring the namespace http://wordpress.org/export/1.2/ (Tools → Export in WordPress), or give another --format.",
    });
    return result;
  }
  const scan = scanExport(text);
  const names = elementNames(scan.skeleton);
  const parser = createParser(names);
  if (scan.problem) {
    problems.push({ file: display, line: scan.problem.line, message: scan.problem.message });
  } else {
    const valid = XMLValidator.validate(scan.skeleton);
    if (valid !== true) {
      // Elements left open at the end ("Unclosed tag", "Invalid '["rss","channel"]' found"): the
      // file stops early, as a download that was cut off does.
      const cutOff = /^(?:Unclosed tag|Invalid '\[)/.test(valid.err.msg);
      problems.push({
        file: display,
        line: cutOff ? newlinesBetween(scan.skeleton, 0, scan.skeleton.length) + 1 : valid.err.line,
        message: cutOff
          ? "ends before its </channel> and </rss>: the export is incomplete. The posts in it are imported; export the site again for the rest."
          : `is not well-formed XML here: ${valid.err.msg} The posts that can be read are imported; export the site again for the rest.`,
      });
    }
  }
  const channel = readChannel(scan.skeleton, parser, names);
  const wp = names.wp;
  const typePattern = new RegExp(`<${wp("post_type")}>\\s*(?:<!\\[CDATA\\[)?\\s*([\\w-]+)`);

  /** The line of the item's `<name>`, or the item's own line. */
  const lineOf = (slice: ItemSlice, name: string): number => {
    const at = text.indexOf(`<${name}>`, slice.start);
    return at >= 0 && at < slice.end
      ? slice.line + newlinesBetween(text, slice.start, at)
      : slice.line;
  };

  const parseItem = (slice: ItemSlice): ParsedItem | InputProblem => {
    const problem = (message: string, line = slice.line): InputProblem => ({
      file: display,
      line,
      message,
    });
    if (slice.unclosed) return problem(slice.unclosed);
    const xml = text.slice(slice.start, slice.end);
    const valid = XMLValidator.validate(xml);
    if (valid !== true) {
      return problem(
        `the <item> that starts on line ${slice.line} is not well-formed XML: ${valid.err.msg}`,
        slice.line + valid.err.line - 1,
      );
    }
    let item: XmlObject | undefined;
    try {
      item = listOf((parser.parse(xml) as XmlObject).item)[0];
    } catch (error) {
      return problem(`the <item> that starts here cannot be read: ${(error as Error).message}`);
    }
    if (!item) return problem("the <item> that starts here is empty.");
    const meta = new Map<string, string>();
    for (const entry of listOf(item[wp("postmeta")])) {
      meta.set(textOf(entry[wp("meta_key")]).trim(), textOf(entry[wp("meta_value")]));
    }
    return { item, meta };
  };

  // Attachments first: a post's featured image and photos are looked up among them, and they
  // may stand anywhere in the file.
  const attachments = new Map<string, Attachment>();
  const attachmentOutcomes = new Map<ItemSlice, SkippedStory | InputProblem>();
  for (const slice of scan.items) {
    if (slice.unclosed) continue;
    const type = typePattern.exec(text.slice(slice.start, slice.end))?.[1];
    if (type !== "attachment") continue;
    const parsed = parseItem(slice);
    if ("message" in parsed) {
      attachmentOutcomes.set(slice, parsed);
      continue;
    }
    const { item, meta } = parsed;
    const id = textOf(item[wp("post_id")]).trim();
    const title = plainText(textOf(item.title));
    if (id) {
      attachments.set(id, {
        id,
        url: webAddress(textOf(item[wp("attachment_url")])) ?? webAddress(textOf(item.guid)),
        caption: plainText(textOf(item[names.excerpt])),
        alt: plainText(meta.get("_wp_attachment_image_alt") ?? "") || undefined,
        file: meta.get("_wp_attached_file")?.trim() || undefined,
      });
    }
    attachmentOutcomes.set(slice, {
      file: display,
      line: slice.line,
      title: title || undefined,
      reason: OTHER_TYPES.attachment!,
    });
  }

  const attachmentsByAddress = new Map<string, Attachment>();
  for (const attachment of attachments.values()) {
    const key = addressKey(attachment.url);
    if (key) attachmentsByAddress.set(key, attachment);
  }
  const uploads = UploadsFolder.beside(options.path);
  for (const slice of scan.items) {
    const attachment = attachmentOutcomes.get(slice);
    if (attachment) {
      if ("reason" in attachment) skipped.push(attachment);
      else problems.push(attachment);
      continue;
    }
    const parsed = parseItem(slice);
    if ("message" in parsed) {
      problems.push(parsed);
      continue;
    }
    const { item, meta } = parsed;
    const title = plainText(textOf(item.title));
    const skip = (reason: string) =>
      skipped.push({ file: display, line: slice.line, title: title || undefined, reason });
    const type = textOf(item[wp("post_type")]).trim();
    const status = textOf(item[wp("status")]).trim();
    const id = textOf(item[wp("post_id")]).trim();
    const post = id ? `post ${id}` : "the post";
    if (!type) {
      problems.push({
        file: display,
        line: slice.line,
        message: `the <item> that starts here has no <${wp("post_type")}>: it is not a WordPress post, page or attachment.`,
      });
      continue;
    }
    if (type !== "post") {
      skip(OTHER_TYPES[type] ?? `a ${quote(type)} entry, not a post.`);
      continue;
    }
    if (status !== "publish") {
      skip(UNPUBLISHED[status] ?? `not published (its status is ${quote(status || "empty")}).`);
      continue;
    }
    if (textOf(item[wp("post_password")]).trim()) {
      skip("password-protected: its text is not public.");
      continue;
    }
    const problem = (message: string, line = slice.line) =>
      problems.push({ file: display, line, message });
    if (!title) {
      problem(
        `${post} has no title: give it one in WordPress and export again, or write one in its <title> here.`,
        lineOf(slice, "title"),
      );
      continue;
    }
    const published = wordpressDate(textOf(item[wp("post_date_gmt")]));
    const local = published ? undefined : wordpressDate(textOf(item[wp("post_date")]));
    if (!published && !local) {
      problem(
        `${quote(title)} (${post}) has no publication date: its <${wp("post_date_gmt")}> and <${wp("post_date")}> are empty or 0000-00-00.`,
      );
      continue;
    }
    const date = published ? `${published.day}T${published.time}+00:00` : local!.day;
    const modified = published
      ? wordpressDate(textOf(item[wp("post_modified_gmt")]))
      : wordpressDate(textOf(item[wp("post_modified")]));
    let updated: string | undefined;
    if (
      modified &&
      published &&
      `${modified.day} ${modified.time}` > `${published.day} ${published.time}`
    ) {
      updated = `${modified.day}T${modified.time}+00:00`;
    } else if (modified && local && modified.day > local.day) {
      // Without the GMT times the site's offset is unknown: the day is as close as it gets.
      updated = modified.day;
    }

    const canonical = webAddress(textOf(item.link));
    const guid = textOf(item.guid).trim();
    const sourceId = `wordpress:${canonical ?? (guid || `${channel.site ?? display}#${id}`)}`;
    const body = convertPostBody(
      {
        html: textOf(item[names.content]),
        featuredId: meta.get("_thumbnail_id")?.trim(),
        footnotes: meta.get("footnotes"),
      },
      { baseUrl: canonical ?? channel.site, attachments, attachmentsByAddress, uploads, tally },
    );
    if (!body.markdown && body.images.length === 0) {
      skip("empty: the post has no text and no photos.");
      continue;
    }

    const topics: SourceTerm[] = [];
    const seen = new Set<string>();
    for (const category of listOf(item.category)) {
      const domain = textOf(category["@domain"]);
      if (domain !== "category" && domain !== "post_tag") continue;
      const name = plainText(textOf(category));
      const nicename = textOf(category["@nicename"]);
      if (!name || foldName(name) === "uncategorized" || nicename === "uncategorized") continue;
      const term = siteTerm(name, nicename);
      const keys = [foldName(name), term.addition?.id].filter((key): key is string => !!key);
      if (keys.some((key) => seen.has(key))) continue;
      for (const key of keys) seen.add(key);
      topics.push(term);
    }
    const comments = listOf(item[wp("comment")]).length;
    if (comments) tally("reader comments left out", comments);

    const story: Story = {
      sourceId,
      file: display,
      line: slice.line,
      title,
      date,
      dateSource: "metadata",
      dateLine: lineOf(slice, published ? wp("post_date_gmt") : wp("post_date")),
      byline: authorName(textOf(item[names.creator]), channel.authors),
      source: channel.siteName,
      paragraphs: [],
      markdown: body.markdown,
      images: body.images,
      terms: { ...emptyTerms(), topics },
    };
    const dek = plainText(textOf(item[names.excerpt]));
    if (dek) story.dek = dek;
    if (updated) story.updated = updated;
    if (canonical) story.canonical = canonical;
    const slug = postSlug(textOf(item[wp("post_name")]));
    if (slug) story.slug = slug;
    stories.push(story);
  }
  return result;
}
