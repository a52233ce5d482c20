import type { DateTime } from "luxon";
import { yearMonth } from "../content/dates.ts";
import type { Article } from "../content/article.ts";
import type { Site } from "../config/site.ts";
import { TERM_KINDS, type Term, type TermKind } from "../registry/registry.ts";
import { paginate, paginateFromOldest, type ListPage, type Page } from "./paginate.ts";
import { buildEntities, type Entities } from "./entities.ts";
import type { RelatedArticle } from "./related.ts";

/** A topic, person or place with the articles tagged with it, newest first. */
export interface TermEntry extends Term {
  url: string;
  articles: Article[];
}

/** A term without its articles: all that a numbered page of its listing shows of it. */
export type TermHeading = Omit<TermEntry, "articles">;

/**
 * A page of a term's listing. Only the front page reads the whole entry (its count, timeline and
 * partners), so the numbered pages below it stay the same as the term gains articles.
 */
export interface TermPage extends ListPage<Article> {
  term: TermHeading;
  /** On the front page only. */
  entry?: TermEntry;
}

/** The articles of one calendar month (in the site's time zone), newest first. */
export interface MonthEntry {
  year: string;
  /** Two digits, `01`–`12`, as in article URLs. */
  month: string;
  /** "November 2024". */
  label: string;
  /** `/archive/2024/11/`. */
  url: string;
  articles: Article[];
}

/** One year of the archive with its months, newest first. */
export interface YearEntry {
  year: string;
  /** `/archive/2024/`. */
  url: string;
  count: number;
  months: MonthEntry[];
}

export interface MonthPage extends Page<Article> {
  month: MonthEntry;
}

/** Everything the templates need, computed once per build from the validated articles. */
export interface Archive {
  site: Site;
  /** Markup the sanitiser removed from articles and registry descriptions, as warnings. */
  removedMarkup?: string[];
  /** Published articles, newest first. */
  articles: Article[];
  /** The home page's list: the front page, then numbered pages from the oldest. */
  homePages: ListPage<Article>[];
  /** Per kind, entries with at least one article, sorted by name. */
  terms: Record<TermKind, TermEntry[]>;
  termPages: TermPage[];
  /** Years with articles, newest first. */
  years: YearEntry[];
  /** Every month's article list, paginated like a topic's. */
  monthPages: MonthPage[];
  /** Timelines, co-occurrence and related articles for entity and article pages. */
  entities: Entities;
}

export const TERM_LABELS: Record<TermKind, { plural: string; singular: string }> = {
  topics: { plural: "Topics", singular: "Topic" },
  people: { plural: "People", singular: "Person" },
  places: { plural: "Places", singular: "Place" },
};

/** Newest first; ties broken by URL so the order never depends on file-system order. */
export function compareNewestFirst(a: Article, b: Article): number {
  return b.date.toMillis() - a.date.toMillis() || a.url.localeCompare(b.url);
}

/** The month archive an article's date belongs to; the same year and month as its URL. */
export function archiveMonthUrl(date: DateTime): string {
  const { year, month } = yearMonth(date);
  return `/archive/${year}/${month}/`;
}

/** Groups articles (newest first) by year and month, keeping that order. */
function groupByMonth(articles: readonly Article[]): YearEntry[] {
  const years = new Map<string, YearEntry>();
  const months = new Map<string, MonthEntry>();
  for (const article of articles) {
    const url = archiveMonthUrl(article.date);
    let month = months.get(url);
    if (!month) {
      const { year, month: monthNumber } = yearMonth(article.date);
      let yearEntry = years.get(year);
      if (!yearEntry) {
        yearEntry = { year, url: `/archive/${year}/`, count: 0, months: [] };
        years.set(year, yearEntry);
      }
      month = {
        year,
        month: monthNumber,
        label: article.date.setLocale("en-GB").toFormat("LLLL yyyy"),
        url,
        articles: [],
      };
      months.set(url, month);
      yearEntry.months.push(month);
    }
    month.articles.push(article);
    years.get(month.year)!.count += 1;
  }
  return [...years.values()];
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** Groups articles by term and paginates every list. Drafts are left out. */
export function buildArchive(
  all: readonly Article[],
  site: Site,
  options: { related?: Map<Article, RelatedArticle[]> } = {},
): Archive {
  const articles = all.filter((a) => !a.draft).sort(compareNewestFirst);
  const terms = {} as Record<TermKind, TermEntry[]>;
  const termPages: TermPage[] = [];
  for (const kind of TERM_KINDS) {
    const byId = new Map<string, TermEntry>();
    const headings = new Map<TermEntry, TermHeading>();
    for (const article of articles) {
      for (const term of article[kind]) {
        let entry = byId.get(term.id);
        if (!entry) {
          const heading = { ...term, url: `/${kind}/${term.id}/` };
          entry = { ...heading, articles: [] };
          byId.set(term.id, entry);
          headings.set(entry, heading);
        }
        entry.articles.push(article);
      }
    }
    terms[kind] = [...byId.values()].sort((a, b) => collator.compare(a.name, b.name));
    for (const entry of terms[kind]) {
      const term = headings.get(entry)!;
      for (const page of paginateFromOldest(entry.articles, site.pageSize.term, entry.url)) {
        termPages.push(page.pageNumber === 0 ? { ...page, term, entry } : { ...page, term });
      }
    }
  }
  const years = groupByMonth(articles);
  const monthPages = years.flatMap((year) =>
    year.months.flatMap((month) =>
      paginate(month.articles, site.pageSize.term, month.url).map((page) => ({ ...page, month })),
    ),
  );
  return {
    site,
    articles,
    homePages: paginateFromOldest(articles, site.pageSize.home, "/"),
    terms,
    termPages,
    years,
    monthPages,
    entities: buildEntities(articles, terms, site.pageSize.term, options.related),
  };
}
