import { readFileSync } from "node:fs";

/** One block of a `_headers` file: a path pattern and the headers for responses it matches. */
export interface HeaderRule {
  /** `/*`, `/pagefind/index/*`, `/articles/:year/*`… relative to the deployed folder's root. */
  pattern: string;
  headers: Array<[name: string, value: string]>;
  matcher: RegExp;
}

export class HeadersFileError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = "HeadersFileError";
  }
}

/**
 * Reads the `_headers` format of Netlify and Cloudflare Pages: a line starting with `/` opens a
 * rule, indented `Name: value` lines belong to it, `#` starts a comment. In a pattern, `*` matches
 * anything (slashes too) and `:name` one path segment.
 * @see https://docs.netlify.com/routing/headers/#syntax-for-the-headers-file
 * @see https://developers.cloudflare.com/pages/configuration/headers/
 */
export function parseHeadersFile(text: string, file = "_headers"): HeaderRule[] {
  const rules: HeaderRule[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    if (!/^\s/.test(raw)) {
      if (!line.startsWith("/")) {
        throw new HeadersFileError(file, i + 1, `expected a path starting with "/", got "${line}"`);
      }
      rules.push({ pattern: line, headers: [], matcher: patternToRegExp(line) });
      return;
    }
    const rule = rules.at(-1);
    const colon = line.indexOf(":");
    if (!rule || colon <= 0) {
      throw new HeadersFileError(
        file,
        i + 1,
        `expected an indented "Name: value" line under a path, got "${line}"`,
      );
    }
    rule.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  });
  return rules;
}

export function readHeadersFile(file: string): HeaderRule[] {
  return parseHeadersFile(readFileSync(file, "utf8"), file);
}

function patternToRegExp(pattern: string): RegExp {
  const source = pattern
    .split(/(\*|:[A-Za-z0-9_]+)/)
    .map((part) =>
      part === "*"
        ? ".*"
        : part.startsWith(":")
          ? "[^/]+"
          : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("");
  return new RegExp(`^${source}$`);
}

/**
 * The headers for a path under the deployed root. Every matching rule applies; a header that two
 * matching rules set gets both values joined by a comma, as Cloudflare Pages does.
 */
export function headersForPath(
  rules: readonly HeaderRule[],
  pathname: string,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const rule of rules) {
    if (!rule.matcher.test(pathname)) continue;
    for (const [name, value] of rule.headers) {
      const key = name.toLowerCase();
      const existing = out.get(key);
      out.set(key, existing ? `${existing}, ${value}` : value);
    }
  }
  return out;
}
