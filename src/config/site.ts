import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DateTime } from "luxon";
import { ContentError } from "../errors/content-errors.ts";
import { formatZodIssue } from "../errors/zod-issues.ts";
import { HOST_NAMES } from "./hosts.ts";

/** The limits `host` may set for a plan or server of one's own. */
const LIMIT_FIELDS = ["maxFiles", "maxBytes", "maxFileBytes", "maxFilesPerFolder"] as const;

/** A count or a size in bytes, as hosts publish them. */
function hostLimit() {
  // A refinement rather than .int(): Zod reports a non-integer as a wrong type, and the union
  // would then answer with its general message instead of this one.
  return z
    .number()
    .positive("expected a number above 0")
    .refine(Number.isInteger, "expected a whole number (bytes for sizes: 1000000000 for 1 GB)")
    .optional();
}

/** The largest search index a reader's browser saves for offline use without asking. */
export const DEFAULT_OFFLINE_AUTO_SAVE_BYTES = 8_000_000;

/** Stories per sealed search bundle, unless the site says otherwise (`search.bundleSize`). */
export const DEFAULT_BUNDLE_SIZE = 16000;

/**
 * Stories per shard, the part of the index Pagefind indexes at once, unless the site says; the
 * newest shard is the newest bundle (see src/search/bundles.ts).
 */
export function defaultNewestBundleSize(size: number): number {
  return Math.min(500, Math.ceil(size / 8));
}

/** `_data/site.json`: settings for the whole archive. Environment variables override some at build time. */
export const siteSchema = z
  .object({
    /** The archive's name, shown in every page header and feed. */
    title: z.string().min(1),
    /** One sentence about the archive, used as the home page description. */
    description: z.string().default(""),
    /**
     * Absolute URL of the site's root, without the path prefix; `SITE_URL` overrides it.
     * @example "https://news.example.org"
     */
    url: z.url(),
    /** BCP 47 language of the articles, for `<html lang>` and Pagefind's stemming. Default `en`. */
    language: z.string().default("en"),
    /**
     * IANA time zone in which dates without an offset are read and all dates are shown.
     * @default "UTC"
     */
    timeZone: z
      .string()
      .default("UTC")
      .refine((zone) => DateTime.local().setZone(zone).isValid, {
        message: "expected an IANA time zone such as Europe/London",
      }),
    /**
     * URL path the site is served under; `PATH_PREFIX` overrides it.
     * @default "/"
     */
    pathPrefix: z.string().default("/"),
    /** Articles per page on the home page and on topic, person and place pages. */
    pageSize: z
      .object({
        home: z.number().int().positive().default(10),
        term: z.number().int().positive().default(20),
      })
      .strict()
      .prefault({}),
    /**
     * The search index (see src/search/bundles.ts): `bundleSize`, stories per sealed bundle; larger
     * bundles mean fewer files for a search to open, smaller ones less to merge again when an old
     * story changes. `SEARCH_BUNDLE_SIZE` overrides it. `newestBundleSize` (500, or an eighth of
     * `bundleSize` when that is less; `SEARCH_NEWEST_BUNDLE_SIZE`), stories per shard: Pagefind
     * indexes a shard at a time, and the newest shard, which a publish of new stories indexes
     * again, is the newest bundle.
     */
    search: z
      .object({
        bundleSize: z.number().int().positive().default(DEFAULT_BUNDLE_SIZE),
        newestBundleSize: z.number().int().positive().optional(),
      })
      .strict()
      .prefault({}),
    /**
     * Search offline (see docs/search-bundles.md): after a first visit, a reader's browser saves
     * the whole search index by itself while it is at most `autoSaveBytes` (8 MB unless set; 0
     * never); a larger index is saved when the reader asks, on the search page.
     */
    offline: z
      .object({
        autoSaveBytes: z.number().int().nonnegative().default(DEFAULT_OFFLINE_AUTO_SAVE_BYTES),
      })
      .strict()
      .prefault({}),
    /**
     * Hosts whose players may be embedded in articles with `<iframe>` (HTTPS only), e.g.
     * `["www.youtube-nocookie.com"]`. Every other iframe is removed from article HTML.
     * @default []
     */
    embedHosts: z
      .array(z.string().regex(/^[a-z0-9.-]+$/i, "expected a host name such as www.youtube.com"))
      .default([]),
    /**
     * The static host the site is deployed to, whose limits (files, total size, largest file) the
     * build checks before it replaces the previous site: one of `HOST_NAMES`, or the limits of a
     * plan or server of one's own. Unset, the build only reports the output's size.
     * @example "cloudflare-pages"
     * @example { "name": "our server", "maxBytes": 5000000000 }
     */
    host: z
      .union(
        [
          z.enum(HOST_NAMES),
          z
            .object({
              name: z.string().min(1).optional(),
              maxFiles: hostLimit(),
              maxBytes: hostLimit(),
              maxFileBytes: hostLimit(),
              maxFilesPerFolder: hostLimit(),
            })
            .strict()
            .refine((limits) => LIMIT_FIELDS.some((field) => limits[field] !== undefined), {
              error: `expected at least one of ${LIMIT_FIELDS.join(", ")}`,
            }),
        ],
        {
          error: (issue) =>
            typeof issue.input === "string"
              ? `unknown host ${JSON.stringify(issue.input)}: expected one of ${HOST_NAMES.join(", ")}, or limits of your own such as { "maxFiles": 20000 }`
              : `expected a host name (${HOST_NAMES.join(", ")}) or limits such as { "maxFiles": 20000 }`,
        },
      )
      .optional(),
  })
  .strict();

export type Site = z.infer<typeof siteSchema>;

/** Makes `/news`, `news/` and `/news/` all mean `/news/`. */
export function normalizePathPrefix(prefix: string): string {
  const trimmed = prefix.trim().replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

/** The environment variables that override a setting (see `loadSite`), for messages naming them. */
export const SETTINGS_ENV = [
  "SITE_URL",
  "PATH_PREFIX",
  "PAGE_SIZE_HOME",
  "PAGE_SIZE_TERM",
  "SEARCH_BUNDLE_SIZE",
  "SEARCH_NEWEST_BUNDLE_SIZE",
] as const;

/**
 * Reads `_data/site.json` under `root`, then applies the overrides `env` holds: `SITE_URL`,
 * `PATH_PREFIX`, `PAGE_SIZE_*`, `SEARCH_BUNDLE_SIZE` and `SEARCH_NEWEST_BUNDLE_SIZE`. The entry
 * points pass the process's environment; nothing below them reads it.
 */
export function loadSite(root: string, env: NodeJS.ProcessEnv = {}): Site {
  const file = path.join(root, "_data", "site.json");
  const relative = path.relative(root, file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ContentError(
      relative,
      `expected a JSON object with the site's title and url (${(error as Error).message}).`,
      { cause: error },
    );
  }
  const parsed = siteSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new ContentError(relative, formatZodIssue(first).message, {
      field: formatZodIssue(first).field,
    });
  }
  const site = parsed.data;
  if (env.SITE_URL) site.url = env.SITE_URL;
  site.url = site.url.replace(/\/+$/, "");
  site.pathPrefix = normalizePathPrefix(env.PATH_PREFIX ?? site.pathPrefix);
  if (env.PAGE_SIZE_HOME) site.pageSize.home = Number(env.PAGE_SIZE_HOME);
  if (env.PAGE_SIZE_TERM) site.pageSize.term = Number(env.PAGE_SIZE_TERM);
  if (env.SEARCH_BUNDLE_SIZE) site.search.bundleSize = Number(env.SEARCH_BUNDLE_SIZE);
  if (env.SEARCH_NEWEST_BUNDLE_SIZE) {
    site.search.newestBundleSize = Number(env.SEARCH_NEWEST_BUNDLE_SIZE);
  }
  return site;
}
