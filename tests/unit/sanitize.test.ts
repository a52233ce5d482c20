import { describe, expect, it } from "vitest";
import { renderArticleBody } from "../../src/content/markdown.ts";
import { contentSecurityPolicy } from "../../src/security/csp.ts";
import { sanitizeArticleHtml, stripMarkup } from "../../src/security/sanitize.ts";

describe("sanitising article HTML", () => {
  it("keeps formatting, links, lists, tables, figures and site images", () => {
    const html =
      '<p><em>a</em> <strong>b</strong> <a href="https://example.org/x" title="t">link</a></p>' +
      '<ul><li>one</li></ul><table><tbody><tr><td colspan="2">cell</td></tr></tbody></table>' +
      '<figure><img src="/assets/photos/a.jpg" alt="A"><figcaption>Cap</figcaption></figure>';
    expect(sanitizeArticleHtml(html)).toBe(html.replace('alt="A">', 'alt="A" />'));
  });

  it("removes scripts, handlers, javascript: and data: links, iframes, forms and styles", () => {
    const out = sanitizeArticleHtml(
      '<script>alert(1)</script><img src="/assets/a.png" onerror="alert(2)" alt="">' +
        '<a href="javascript:alert(3)">j</a><a href="data:text/html,x">d</a>' +
        '<iframe src="https://www.youtube.com/embed/x"></iframe><form><input></form>' +
        '<p style="color:red" class="c" id="i" data-pagefind-filter="topic">p</p>',
    );
    expect(out).toBe('<img src="/assets/a.png" alt="" /><a>j</a><a>d</a><p>p</p>');
  });

  it("keeps an embed only from a host the site allows, sandboxed", () => {
    const iframe = '<iframe src="https://www.youtube.com/embed/x" title="Video"></iframe>';
    expect(sanitizeArticleHtml(iframe, { embedHosts: ["www.youtube.com"] })).toBe(
      '<iframe src="https://www.youtube.com/embed/x" title="Video" sandbox="allow-scripts allow-same-origin allow-presentation" loading="lazy"></iframe>',
    );
    expect(sanitizeArticleHtml(iframe, { embedHosts: ["player.vimeo.com"] })).toBe("");
  });

  it("lists what it removed from a body with the line it stands on", () => {
    const body = renderArticleBody(
      'First.\n\n<div onmouseover="x()">Hi</div>\n\n![p](https://evil.example/p.png)\n',
    );
    expect(body.removed).toEqual([
      { line: 3, what: "onmouseover on <div>" },
      { line: 5, what: "<img src> outside /assets/ (https://evil.example/p.png)" },
    ]);
    expect(body.html).not.toContain("onmouseover");
    expect(body.html).not.toContain("evil.example");
  });

  it("turns markup in a caption into plain text and says so", () => {
    expect(stripMarkup("Ministers <b>meet</b> &amp; talk<script>alert(1)</script>")).toEqual({
      text: "Ministers meet & talk",
      removed: ["<script>"],
    });
    expect(stripMarkup("Plain & simple < 3")).toEqual({ text: "Plain & simple < 3", removed: [] });
  });
});

describe("the Content Security Policy", () => {
  it("leaves frame-ancestors out of the meta tag, where browsers ignore it", () => {
    expect(contentSecurityPolicy([], { meta: true })).not.toContain("frame-ancestors");
    expect(contentSecurityPolicy([])).toContain("frame-ancestors 'none'");
  });

  it("names no directive that only repeats default-src, as every page carries it", () => {
    const directives = contentSecurityPolicy([], { meta: true }).split("; ");
    expect(directives).toContain("default-src 'self'");
    expect(directives.filter((d) => d !== "default-src 'self'" && / 'self'$/.test(d))).toEqual([
      "base-uri 'self'",
      "form-action 'self'",
    ]);
  });

  it("allows frames only from the site's embed hosts", () => {
    expect(contentSecurityPolicy([])).toContain("frame-src 'none'");
    expect(contentSecurityPolicy(["www.youtube.com"])).toContain(
      "frame-src https://www.youtube.com",
    );
  });
});
