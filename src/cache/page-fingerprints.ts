import { DateTime } from "luxon";
import type { Archive } from "../collections/archive.ts";
import type { Article } from "../content/article.ts";
import type { ParsedArticle } from "../content/load-articles.ts";
import { shortHash } from "../files/short-hash.ts";
import { attachedPicture } from "../images/attached-pictures.ts";
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
 * The articles a fingerprint covers: those it holds itself, and those of the values it shares
 * with other fingerprints (kept once each).
 */
export interface Reach {
  articles: Article[];
  shared: Reach[];
  /** The last `covering` that asked about this reach (its number), and its answer. */
  askedBy?: number;
  covers?: boolean;
}

const NOTHING: Reach = Object.freeze({ articles: [], shared: [] }) as Reach;
let questions = 0;

/**
 * Tells whether a reach covers any of `articles`. Each reach, however many reaches share it, is
 * looked into once per returned function.
 */
export function covering(articles: ReadonlySet<Article>): (reach: Reach) => boolean {
  const by = ++questions;
  const covers = (reach: Reach): boolean => {
    if (reach.askedBy === by) return reach.covers!;
    let found = false;
    for (const article of reach.articles) if ((found = articles.has(article))) break;
    if (!found) for (const shared of reach.shared) if ((found = covers(shared))) break;
    reach.askedBy = by;
    reach.covers = found;
    return found;
  };
  return covers;
}

/**
 * Tells whether two pages' inputs (`PageFingerprints.page`'s: template, output, item, reads) are
 * the same without serialising them: values held by both are compared by identity first, then as
 * the fingerprint reads them (arrays, maps and sets in order; records by their defined keys, with
 * the photo attached beside a figure; dates by instant, zone and locale). Articles (`articles`,
 * both archives') are the same only when they are the same object, which is stricter than their
 * fingerprint. So the same inputs always make the same fingerprint, and a caller whose unchanged
 * stories are the same objects from one archive to the next (`npm start`) finds the pages a
 * change left alone at the cost of a walk, not a hash. A large value compared once is not
 * compared again, however many pages hold it. A value attached to an object after it was
 * compared (a figure's photo processed again) is not seen: photos change with a whole build.
 */
export function inputsComparer(articles: ReadonlySet<object>): (a: unknown, b: unknown) => boolean {
  const memo = new WeakMap<object, WeakMap<object, boolean>>();
  const json = (value: object) => typeof (value as { toJSON?: unknown }).toJSON === "function";
  const same = (a: unknown, b: unknown): boolean => {
    if (a === b) return true;
    // Different primitives, or a primitive and an object.
    if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
    if (articles.has(a) || articles.has(b)) return false;
    const large =
      (Array.isArray(a) && a.length >= 16) ||
      ((a instanceof Map || a instanceof Set) && a.size >= 16);
    const known = large ? memo.get(a)?.get(b) : undefined;
    if (known !== undefined) return known;
    const result = compare(a, b);
    if (large) {
      let pairs = memo.get(a);
      if (!pairs) memo.set(a, (pairs = new WeakMap()));
      pairs.set(b, result);
    }
    return result;
  };
  const compare = (a: object, b: object): boolean => {
    if (Array.isArray(a) || Array.isArray(b)) {
      if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
      return true;
    }
    if (a instanceof Map || a instanceof Set || b instanceof Map || b instanceof Set) {
      const left = a as Map<unknown, unknown>;
      const right = b as Map<unknown, unknown>;
      if (left.constructor !== right.constructor || left.size !== right.size) return false;
      const others = right.entries();
      for (const [key, value] of left.entries()) {
        const [otherKey, otherValue] = others.next().value as [unknown, unknown];
        if (!same(key, otherKey) || !same(value, otherValue)) return false;
      }
      return true;
    }
    if (DateTime.isDateTime(a) || DateTime.isDateTime(b)) {
      return (
        DateTime.isDateTime(a) &&
        DateTime.isDateTime(b) &&
        a.toMillis() === b.toMillis() &&
        a.zoneName === b.zoneName &&
        a.locale === b.locale
      );
    }
    if (json(a) || json(b)) return json(a) && json(b) && JSON.stringify(a) === JSON.stringify(b);
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    let keys = 0;
    for (const key in left) {
      if (!Object.hasOwn(left, key) || left[key] === undefined) continue;
      keys++;
      if (right[key] === undefined || !Object.hasOwn(right, key) || !same(left[key], right[key])) {
        return false;
      }
    }
    for (const key in right) if (Object.hasOwn(right, key) && right[key] !== undefined) keys--;
    return keys === 0 && same(attachedPicture(a), attachedPicture(b));
  };
  return same;
}

/**
 * Fingerprints of what each bulk page shows, computed without rendering it. A page's fingerprint
 * covers its template, its output path, its pagination item and what its template declares it
 * reads from the archive beside the item (related articles, a term's timeline and partners, names
 * shared by several terms, the number of articles). Articles are represented by a hash of every field of
 * theirs (text, dates, terms, and each figure's processed photo, which `attachPicture` keeps beside
 * the figure), so any change to an article changes every page that shows it. Objects are hashed
 * once each, however many pages share them.
 */
export class PageFingerprints {
  private readonly memo = new WeakMap<object, string>();
  private readonly articles: Set<object>;
  /** With `reach`: what each value memoised in `memo` covers. */
  private readonly reaches: WeakMap<object, Reach> | undefined;
  /** With `reach`: the reach of the value being serialised. */
  private reaching: Reach | undefined;

  /**
   * Without an archive, it fingerprints values only (`articleTextHash`), not pages. `articleMemo`
   * keeps articles' fingerprints from one archive to the next, for a caller whose unchanged
   * articles are the same objects in both (`npm start`'s updates). With `reach`, it also tells
   * which articles each page's fingerprint covers (`pageReach`).
   */
  constructor(
    archive?: Archive,
    private readonly articleMemo = new WeakMap<Article, string>(),
    options: { reach?: boolean } = {},
  ) {
    this.articles = new Set(archive?.articles);
    if (options.reach) this.reaches = new WeakMap();
  }

  /**
   * The fingerprint of one article: every field, its terms, its photos; not what is derived from
   * its Markdown by this program's code, which the key covers (its HTML, excerpt and warnings).
   * The fields read from the file count through their hash (`articleTextHash`), kept by the
   * parsed-article store.
   */
  article(article: Article): string {
    let known = this.articleMemo.get(article);
    if (!known) {
      const { topics, people, places, images, lead } = article;
      const text = article.textHash ?? articleTextHash(article);
      known = shortHash(
        `${text} ${this.serialiseRecord({ topics, people, places, images, lead })}`,
      );
      this.articleMemo.set(article, known);
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
    if (!top && this.articles.has(value)) {
      this.reaching?.articles.push(value as Article);
      return `A${this.article(value as Article)}`;
    }
    const memoised = !top && this.memo.get(value);
    if (memoised) {
      const shared = this.reaches?.get(value);
      if (shared && shared !== NOTHING) this.reaching?.shared.push(shared);
      return `#${memoised}`;
    }
    const outer = this.reaching;
    const own: Reach | undefined = this.reaches && {
      articles: [],
      shared: [],
      askedBy: 0,
      covers: false,
    };
    this.reaching = own;
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
    this.reaching = outer;
    // Small values are cheaper to spell out than to hash.
    if (top || text.length < 64) {
      if (own && outer) {
        outer.articles.push(...own.articles);
        outer.shared.push(...own.shared);
      }
      return text;
    }
    const hashed = shortHash(text);
    this.memo.set(value, hashed);
    if (own) {
      const empty = own.articles.length === 0 && own.shared.length === 0;
      this.reaches!.set(value, empty ? NOTHING : own);
      if (!empty) outer?.shared.push(own);
    }
    return `#${hashed}`;
  }

  /**
   * A page's fingerprint: its template, its output path, its pagination item and what its template
   * `reads` from the archive beside the item, the one declaration of what the page shows (see
   * `BulkPageData`); undefined for a template that declares none (always rendered).
   */
  page(instance: PageInstance): string | undefined {
    if (!instance.reads) return undefined;
    return this.of([instance.template, instance.output, instance.item, instance.reads.value]);
  }

  /**
   * A page's fingerprint and the articles it covers: every article the page shows is among them,
   * so an edit to other articles leaves the page as it is. Only with `reach`.
   */
  pageReach(instance: PageInstance): { fingerprint: string; reach: Reach } | undefined {
    if (!this.reaches) throw new Error("PageFingerprints.pageReach needs the `reach` option.");
    const reach: Reach = { articles: [], shared: [], askedBy: 0, covers: false };
    this.reaching = reach;
    try {
      const fingerprint = this.page(instance);
      return fingerprint === undefined ? undefined : { fingerprint, reach };
    } finally {
      this.reaching = undefined;
    }
  }
}
