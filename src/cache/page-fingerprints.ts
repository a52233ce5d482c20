import { DateTime } from "luxon";
import type { Archive } from "../collections/archive.ts";
import { termKey } from "../collections/term-key.ts";
import type { Article } from "../content/article.ts";
import type { ParsedArticle } from "../content/load-articles.ts";
import { shortHash } from "../files/short-hash.ts";
import { attachedPicture } from "../images/attached-pictures.ts";
import type { TermKind } from "../registry/registry.ts";
import type { PageInstance } from "../render/page-instances.ts";

/** What the code derives from an article's Markdown, which the key covers: not fingerprinted. */
const DERIVED_FIELDS = ["html", "excerpt", "removedMarkup"] as const satisfies (keyof Article)[];
/** What `articleTextHash` leaves out: the derived fields, and what is not read from the file alone. */
const NOT_TEXT = [
  ...DERIVED_FIELDS,
  "textHash",
  "topics",
  "people",
  "places",
  "images",
  "lead",
] as const satisfies (keyof Article)[];

/**
 * A hash of an article's fields as read from its file (text, dates, settings), without its terms
 * and figures, which depend on the registry and the photos: what `PageFingerprints.article` would
 * otherwise serialise, body and all, on every build. The parsed-article store keeps it with the
 * article (`textHash`), so that only new and edited stories are hashed.
 */
export function articleTextHash(article: ParsedArticle | Article): string {
  const source: Record<string, unknown> = { ...article };
  for (const field of NOT_TEXT) delete source[field];
  return shortHash(new PageFingerprints().serialiseRecord(source));
}

/**
 * Fingerprints of what each bulk page shows, computed without rendering it. A page's fingerprint
 * covers its template, its output path, its pagination item and what its template reads from the
 * archive beside the item (related articles, a term's timeline and partners, names shared by
 * several terms, the number of articles). Articles are represented by a hash of every field of
 * theirs (text, dates, terms, and each figure's processed photo, which `attachPicture` keeps beside
 * the figure), so any change to an article changes every page that shows it. Objects are hashed
 * once each, however many pages share them.
 */
export class PageFingerprints {
  private readonly memo = new WeakMap<object, string>();
  private readonly articles: Set<object>;
  private readonly archiveWide: string;

  /** Without an archive, it fingerprints values only (`articleTextHash`), not pages. */
  constructor(private readonly archive?: Archive) {
    this.articles = new Set(archive?.articles);
    // Read by the article and pair templates for every term they name.
    this.archiveWide = archive ? this.of([...archive.entities.sameNamed].sort()) : "";
  }

  /**
   * The fingerprint of one article: every field, its terms, its photos; not what is derived from
   * its Markdown by this program's code, which the key covers (its HTML, excerpt and warnings).
   * The fields read from the file count through their hash (`articleTextHash`), kept by the
   * parsed-article store.
   */
  article(article: Article): string {
    let known = this.memo.get(article);
    if (!known) {
      const { topics, people, places, images, lead } = article;
      const text = article.textHash ?? articleTextHash(article);
      known = shortHash(
        `${text} ${this.serialiseRecord({ topics, people, places, images, lead })}`,
      );
      this.memo.set(article, known);
    }
    return known;
  }

  /** A record's serialisation, as fingerprints read it (not memoised: it is hashed by the caller). */
  serialiseRecord(record: Record<string, unknown>): string {
    return this.serialise(record, true);
  }

  /** A value's fingerprint, articles by their own. */
  of(value: unknown): string {
    return shortHash(this.serialise(value, false));
  }

  private serialise(value: unknown, top: boolean): string {
    if (value === null || typeof value !== "object") {
      return value === undefined ? "u" : JSON.stringify(value);
    }
    if (!top && this.articles.has(value)) return `A${this.article(value as Article)}`;
    const memoised = !top && this.memo.get(value);
    if (memoised) return `#${memoised}`;
    let text: string;
    if (Array.isArray(value)) text = `[${value.map((v) => this.serialise(v, false)).join(",")}]`;
    else if (value instanceof Map) {
      text = `M{${[...value].map(([k, v]) => `${this.serialise(k, false)}:${this.serialise(v, false)}`).join(",")}}`;
    } else if (value instanceof Set) {
      text = `S[${[...value].map((v) => this.serialise(v, false)).join(",")}]`;
    } else if (DateTime.isDateTime(value)) {
      // The instant, the zone and the locale: everything a page can show of it, cheaper than ISO.
      text = `D${value.toMillis()} ${value.zoneName} ${value.locale}`;
    } else if (typeof (value as { toJSON?: unknown }).toJSON === "function") {
      text = JSON.stringify(value);
    } else {
      // A figure's processed photo (its files' names and sizes) is attached beside it, not in it.
      const picture = attachedPicture(value);
      // A key whose value is undefined is no key: the two read the same in a template, and an
      // article from the parsed-article store has lost such keys on its way through JSON.
      const record = value as Record<string, unknown>;
      text = `{${picture ? `"@picture":${this.serialise(picture, false)},` : ""}${Object.keys(value)
        .filter((k) => record[k] !== undefined)
        .sort()
        .map(
          (k) =>
            `${JSON.stringify(k)}:${this.serialise((value as Record<string, unknown>)[k], false)}`,
        )
        .join(",")}}`;
    }
    if (top) return text;
    // Small values are cheaper to spell out than to hash.
    if (text.length < 64) return text;
    const hashed = shortHash(text);
    this.memo.set(value, hashed);
    return `#${hashed}`;
  }

  /**
   * A bulk page's fingerprint, or undefined for a template this does not know (always rendered).
   * What each template reads from the archive beside its item is listed here, by template.
   */
  page(instance: PageInstance): string | undefined {
    const extra = this.readsBeside(instance);
    if (extra === undefined) return undefined;
    return this.of([instance.template, instance.output, instance.item, extra]);
  }

  private readsBeside(instance: PageInstance): unknown {
    const archive = this.archive;
    if (!archive) return undefined;
    const item = instance.item as Record<string, unknown>;
    switch (instance.template) {
      case "article.11ty.tsx": {
        // The page lists each related article and the terms it shares, not its score (which
        // moves with the archive's size and would make every page look changed).
        const related = archive.entities.related.get(item as unknown as Article) ?? [];
        return [related.map(({ article, shared }) => [article, shared]), this.archiveWide];
      }
      case "term.11ty.tsx": {
        // Only the front page reads the term's insights; a numbered page reads its own item.
        if (item.pageNumber !== 0) return [];
        const term = item.term as { kind: TermKind; id: string };
        return [archive.entities.insights.get(termKey(term.kind, term.id)) ?? null];
      }
      case "pair.11ty.tsx":
        return [this.archiveWide];
      case "home.11ty.tsx":
        // The front page counts the archive; a numbered page lists its own articles only.
        return item.pageNumber === 0 ? [archive.articles.length] : [];
      case "archive-month.11ty.tsx":
      case "feed-term.11ty.tsx":
        return [];
      default:
        return undefined;
    }
  }
}
