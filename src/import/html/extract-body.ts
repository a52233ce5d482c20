import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

export interface ExtractedBody {
  /** The article body's HTML (not yet sanitised; figures/images inside it are kept, a later step reads them). */
  html: string;
  /** What Readability found besides: used by the importer only as fallbacks. */
  title?: string;
  byline?: string;
  excerpt?: string;
  siteName?: string;
  publishedTime?: string;
  lang?: string;
  /** Plain-text length of the body. */
  textLength: number;
}

/**
 * Words in a class or id that name page furniture rather than the story: sharing, related and
 * promoted links, sign-up boxes, comments, adverts, photo galleries and their captions, author
 * boxes, view counts and datelines (the importer reads dates and authors from the page's
 * metadata). Readability already drops many such blocks, but keeps those whose names also say
 * "article", "body" or "content" (`article-body__newsletter`), which is common.
 */
const FURNITURE_WORDS = new Set([
  ...["share", "sharing", "social", "sociable", "related", "recirc", "recommended", "popular"],
  ...["trending", "respond", "replies", "ad", "ads", "advert", "adverts", "promo", "banner"],
  ...["cookie", "cookies", "gdpr", "consent", "popup", "modal", "breadcrumb", "breadcrumbs"],
  ...["pagination", "pager", "toolbar", "skip", "print", "byline", "dateline", "timestamp"],
  ...["caption", "credit", "credits", "bio", "views", "overlay", "lightbox", "tags"],
]);

/** Parts of a class or id word that mark furniture inside longer words (`inlinegallery`). */
const FURNITURE_PARTS =
  /gallery|slideshow|carousel|newsletter|signup|subscri|paywall|comment|disqus|advertis|sponsor|outbrain|taboola|addthis|sharedaddy|shareaholic/;

/** Class words that hide an element from readers (or show it to screen readers only). */
const HIDDEN_WORDS = new Set(["hidden", "hide", "invisible", "offscreen", "sr", "screen"]);

/** Roles of landmarks and widgets that are never the story. */
const FURNITURE_ROLES = new Set([
  ...["navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"],
  ...["dialog", "alertdialog", "alert", "toolbar", "tablist"],
]);

/**
 * A class or id as lower-case words: `signupTitle___15fvr` → signup, title, 15fvr;
 * `article-body__newsletter` → article, body, newsletter.
 */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function elementWords(element: Element): string[] {
  return nameWords(`${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`);
}

function isHidden(element: Element): boolean {
  if (element.hasAttribute("hidden") || element.getAttribute("aria-hidden") === "true") return true;
  const style = (element.getAttribute("style") ?? "").replace(/\s+/g, "").toLowerCase();
  if (/display:none|visibility:hidden/.test(style)) return true;
  return elementWords(element).some((word) => HIDDEN_WORDS.has(word));
}

/** Words that name a photo's caption or credit: furniture in a gallery, part of a figure. */
const CAPTION_WORDS = new Set(["caption", "credit", "credits"]);

/**
 * Whether an element is part of a photo the story shows: inside a `<figure>`, or within two
 * levels of an image (WordPress's `div.wp-caption` holds the image and `p.wp-caption-text`).
 * Its caption and credit are read with the figure, not thrown away as furniture.
 */
function isPartOfPhoto(element: Element): boolean {
  if (element.closest("figure")) return true;
  let node: Element | null = element;
  for (let depth = 0; node && depth < 3; depth++, node = node.parentElement) {
    if (node.querySelector("img, picture")) return true;
  }
  return false;
}

function isFurniture(element: Element): boolean {
  if (FURNITURE_ROLES.has(element.getAttribute("role") ?? "")) return true;
  const words = elementWords(element).filter(
    (word) => FURNITURE_WORDS.has(word) || FURNITURE_PARTS.test(word),
  );
  if (words.length === 0) return false;
  return !words.every((word) => CAPTION_WORDS.has(word)) || !isPartOfPhoto(element);
}

/** The length of the text of all paragraphs under `root`: a measure of how much story it holds. */
function paragraphText(root: Element): number {
  let length = 0;
  for (const p of root.querySelectorAll("p")) length += (p.textContent ?? "").trim().length;
  return length;
}

/**
 * Hidden elements and page furniture (see FURNITURE_WORDS) under `root`, outermost first. An
 * element holding at least half of the paragraph text is never furniture, whatever its name: a
 * furniture-like name on the story's own container is a misfit, not a reason to lose the story.
 */
function findFurniture(root: Element): Element[] {
  const total = paragraphText(root);
  const found: Element[] = [];
  for (const element of root.querySelectorAll("*")) {
    if (found.some((outer) => outer.contains(element))) continue;
    if (!isHidden(element) && !isFurniture(element)) continue;
    if (total > 0 && paragraphText(element) >= total / 2) continue;
    found.push(element);
  }
  return found;
}

function removeFurniture(root: Element): void {
  for (const element of findFurniture(root)) element.remove();
}

/** Marks furniture for removal after Readability, which keeps the attribute. */
function markFurniture(root: Element): void {
  for (const element of findFurniture(root)) element.setAttribute(FURNITURE_MARK, "");
}

/**
 * A line that introduces links to other stories ("You may also like", "Related:", "Read more:"),
 * in several of the languages the importer meets.
 */
const RELATED_LABEL =
  /^(you may also like|you might also like|related( (stories|articles|content|coverage|links))?|read (more|also|next)|also read|see also|more (from|on|about|stories|news)|recommended|further reading|most (read|popular)|leia (mais|também)|lesen sie auch|mehr zum thema|à lire aussi|lire aussi|leggi anche|ver también|lee también)\b/i;

function textOf(node: Element): string {
  return (node.textContent ?? "").replace(/\s+/g, " ").trim();
}

/** A block whose text is all links (a list of other stories), or nothing but a label and a link. */
function isLinkOnly(block: Element): boolean {
  const text = textOf(block);
  if (!text) return false;
  let linked = 0;
  for (const link of block.querySelectorAll("a")) linked += textOf(link).length;
  return linked >= text.length * 0.9;
}

/** "Related: <a>Other story</a>": a label, then one link. */
function isRelatedLine(block: Element): boolean {
  const text = textOf(block);
  const label = text.match(/^([^:]{1,40}):/);
  if (!label || !RELATED_LABEL.test(label[1]!)) return false;
  let linked = 0;
  for (const link of block.querySelectorAll("a")) linked += textOf(link).length;
  return linked >= (text.length - label[0].length) * 0.8;
}

/**
 * Removes links to other stories that publishers put inside the story's own container: a short
 * "You may also like" line with the run of link-only blocks after it, and "Related: …" lines.
 */
function removeRelatedLinks(root: Element): void {
  for (const block of [...root.querySelectorAll("p, h2, h3, h4, h5, h6, li, div")]) {
    if (!block.isConnected) continue;
    if (isRelatedLine(block)) {
      block.remove();
      continue;
    }
    const text = textOf(block);
    if (text.length > 60 || !RELATED_LABEL.test(text) || block.querySelector("p, div")) continue;
    let next = block.nextElementSibling;
    if (!next || !isLinkOnly(next)) continue;
    while (next && isLinkOnly(next)) {
      const after: Element | null = next.nextElementSibling;
      next.remove();
      next = after;
    }
    block.remove();
  }
}

function optional(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

type Article = NonNullable<ReturnType<Readability["parse"]>>;

interface Reading {
  article: Article;
  /** The body after cleaning. */
  html: string;
  text: string;
}

/** Readability's reading of `document`, its furniture removed, or undefined when it finds none. */
function read(document: Document): Reading | undefined {
  // Classes are kept for the cleaning; the sanitiser drops them later.
  const article = new Readability(document, { keepClasses: true }).parse();
  if (!article?.content) return undefined;
  const { document: body } = parseHTML(
    `<!doctype html><html><body>${article.content}</body></html>`,
  );
  for (const marked of [...body.querySelectorAll(`[${FURNITURE_MARK}]`)]) marked.remove();
  removeFurniture(body.body);
  removeRelatedLinks(body.body);
  const text = textOf(body.body);
  // Cleaning that leaves no story behind was wrong about it: keep Readability's own body.
  if (text.length < MIN_BODY_TEXT && (article.length ?? 0) >= MIN_BODY_TEXT) {
    return { article, html: article.content, text: article.textContent ?? "" };
  }
  return { article, html: body.body.innerHTML, text };
}

const FURNITURE_MARK = "data-import-furniture";

/** Fewer characters than this are not an article body (a caption, a teaser). */
const MIN_BODY_TEXT = 140;

/**
 * Extracts the body from a parsed page (linkedom `parseHTML(html).document`); may mutate the
 * document. Undefined when no article body is found: nothing longer than a caption.
 *
 * Readability reads the page twice: once with page furniture removed first, which usually lets it
 * settle on the story's own container, and once as published, its furniture only marked and
 * removed from the result. Removing blocks changes Readability's scores, and it can then settle
 * on a wider container (the story with a column of teasers beside it); removing furniture should
 * only ever shorten a body, so the reading as published is taken when it is the shorter.
 */
export function extractBody(
  document: Document,
  _options: { url?: string },
): ExtractedBody | undefined {
  const structured = jsonLdArticleBody(document);
  const published = document.cloneNode(true) as Document;
  markFurniture(published.body);
  removeFurniture(document.body);
  const cleaned = read(document);
  const asPublished = read(published);
  const chosen =
    !cleaned || (asPublished && narrower(asPublished.text, cleaned.text)) ? asPublished : cleaned;
  if (chosen && textSize(chosen.text) >= MIN_BODY_TEXT) return toBody(chosen);
  return structured && fromJsonLd(structured);
}

/**
 * The `articleBody` a page states in its JSON-LD (schema.org Article and its kinds), when it is a
 * body rather than a teaser. Sites often cut it to a few hundred characters or leave it empty,
 * and on pages where Readability finds a body that body is as complete, so it is used only when
 * Readability finds none (a page built by script, its text only in the metadata).
 */
function jsonLdArticleBody(document: Document): { body: string; headline?: string } | undefined {
  let best: { body: string; headline?: string } | undefined;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    const body = record.articleBody;
    if (typeof body === "string" && body.trim().length > (best?.body.length ?? MIN_BODY_TEXT - 1)) {
      const headline = typeof record.headline === "string" ? record.headline : undefined;
      best = { body: body.trim(), headline };
    }
    Object.values(record).forEach(visit);
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ""));
    } catch {
      // A page's broken metadata is no reason to fail its import.
    }
  }
  return best;
}

/**
 * A JSON-LD body as HTML: as given when it is HTML already (some sites put markup there),
 * otherwise paragraphs at its blank lines (or line breaks), text escaped.
 */
function fromJsonLd({ body, headline }: { body: string; headline?: string }): ExtractedBody {
  if (/<\/?(p|br|div|h[2-6]|ul|ol|blockquote)\b[^>]*>/i.test(body)) {
    const { document } = parseHTML(`<!doctype html><html><body>${body}</body></html>`);
    return { html: body, title: optional(headline), textLength: textOf(document.body).length };
  }
  const escape = (text: string) =>
    text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const paragraphs = (/\n\s*\n/.test(body) ? body.split(/\n\s*\n/) : body.split("\n"))
    .map((paragraph) => paragraph.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  const text = paragraphs.join(" ");
  return {
    html: paragraphs.map((paragraph) => `<p>${escape(paragraph)}</p>`).join("\n"),
    title: optional(headline),
    textLength: text.length,
  };
}

function toBody({ article, html, text }: Reading): ExtractedBody {
  return {
    html,
    title: optional(article.title),
    byline: optional(article.byline),
    excerpt: optional(article.excerpt),
    siteName: optional(article.siteName),
    publishedTime: optional(article.publishedTime),
    lang: optional(article.lang),
    textLength: textSize(text),
  };
}

/** Whether a reading as published, shorter than the other but more than a caption, is the better. */
function narrower(asPublished: string, cleaned: string): boolean {
  const size = textSize(asPublished);
  return size >= MIN_BODY_TEXT && size < textSize(cleaned);
}

function textSize(text: string): number {
  return text.replace(/\s+/g, " ").trim().length;
}
