import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DateTime } from "luxon";
import { ContentError } from "../content/errors.ts";
import { formatZodIssue } from "../content/zod-issues.ts";

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
     * Hosts whose players may be embedded in articles with `<iframe>` (HTTPS only), e.g.
     * `["www.youtube-nocookie.com"]`. Every other iframe is removed from article HTML.
     * @default []
     */
    embedHosts: z
      .array(z.string().regex(/^[a-z0-9.-]+$/i, "expected a host name such as www.youtube.com"))
      .default([]),
  })
  .strict();

export type Site = z.infer<typeof siteSchema>;

/** Makes `/news`, `news/` and `/news/` all mean `/news/`. */
export function normalizePathPrefix(prefix: string): string {
  const trimmed = prefix.trim().replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

/** Reads `_data/site.json` under `root`, then applies `SITE_URL`, `PATH_PREFIX`, `PAGE_SIZE_*`. */
export function loadSite(root: string, env: NodeJS.ProcessEnv = process.env): Site {
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
  return site;
}
