import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { headersForPath, parseHeadersFile } from "../../src/serve/headers.ts";

const HEADERS_FILE = path.resolve(import.meta.dirname, "..", "..", "assets", "_headers");

describe("reading a _headers file", () => {
  const rules = parseHeadersFile(
    [
      "# comment",
      "/*",
      "  X-Content-Type-Options: nosniff",
      "  Content-Security-Policy: default-src 'self'; img-src 'self'",
      "",
      "/pagefind/index/*",
      "  Cache-Control: public, max-age=31536000, immutable",
      "/articles/:year/:month/",
      "  X-Month: yes",
      "/static/*",
      "  X-Robots-Tag: noindex",
      "/static/*",
      "  X-Robots-Tag: nosnippet",
    ].join("\n"),
  );

  it("applies a splat rule to every path below it, slashes included", () => {
    expect(headersForPath(rules, "/pagefind/index/en_1a2b.pf_index").get("cache-control")).toBe(
      "public, max-age=31536000, immutable",
    );
    expect(headersForPath(rules, "/pagefind/pagefind.js").has("cache-control")).toBe(false);
  });

  it("keeps a value's own colons and semicolons", () => {
    expect(headersForPath(rules, "/").get("content-security-policy")).toBe(
      "default-src 'self'; img-src 'self'",
    );
  });

  it("matches one path segment with a :placeholder", () => {
    expect(headersForPath(rules, "/articles/2024/11/").get("x-month")).toBe("yes");
    expect(headersForPath(rules, "/articles/2024/11/story/").has("x-month")).toBe(false);
  });

  it("joins the values of a header that two matching rules set, as Cloudflare Pages does", () => {
    expect(headersForPath(rules, "/static/a.css").get("x-robots-tag")).toBe("noindex, nosnippet");
  });

  it("names the line of a header that belongs to no path", () => {
    expect(() => parseHeadersFile("  X-Frame-Options: DENY", "site/_headers")).toThrow(
      'site/_headers:1: expected an indented "Name: value" line under a path, got "X-Frame-Options: DENY"',
    );
  });
});

describe("the site's _headers file", () => {
  const rules = parseHeadersFile(readFileSync(HEADERS_FILE, "utf8"));

  it("sets one Content-Security-Policy on every path that allows Pagefind's WebAssembly and nothing inline", () => {
    for (const pathname of ["/", "/search/", "/pagefind/pagefind.js", "/feed.xml"]) {
      const csp = headersForPath(rules, pathname).get("content-security-policy") ?? "";
      expect(csp, pathname).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp, pathname).not.toContain("unsafe-inline");
    }
  });

  it("lets browsers keep the search index's content-hashed files and makes them revalidate the rest", () => {
    const cache = (pathname: string) => headersForPath(rules, pathname).get("cache-control");
    for (const file of [
      "2024-01-01/index/1a2b3c4.pf_index",
      "2024-01-01/filter/2b3c4d5.pf_filter",
      "2024-01-01/fragment/3c4d5e6.pf_pack",
    ]) {
      expect(cache(`/pagefind/${file}`), file).toContain("immutable");
    }
    for (const file of ["pagefind.js", "wasm.en.pagefind", "2024-01-01/bundle.json"]) {
      expect(cache(`/pagefind/${file}`), file).toBeUndefined();
    }
    expect(cache("/index.html")).toBeUndefined();
  });
});
