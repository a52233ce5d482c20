import fc from "fast-check";
import { parse, type HTMLElement } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { renderArticleBody } from "../../src/content/markdown.ts";
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS } from "../../src/security/sanitize.ts";

const TAGS = [...ALLOWED_TAGS, "script", "iframe", "svg", "math", "style", "object", "form", "img"];
const ATTRS = ["href", "src", "onerror", "onclick", "style", "class", "id", "data-x", "title"];
const VALUES = [
  "javascript:alert(1)",
  "https://evil.example/x",
  "/assets/a.png",
  "x",
  '" onload="a()',
];

/** Raw HTML fragments mixed with Markdown, nested and unbalanced at random. */
const fragment = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...TAGS),
      fc.array(fc.tuple(fc.constantFrom(...ATTRS), fc.constantFrom(...VALUES)), { maxLength: 3 }),
    )
    .map(([tag, attrs]) => `<${tag}${attrs.map(([n, v]) => ` ${n}="${v}"`).join("")}>`),
  fc.constantFrom(...TAGS).map((tag) => `</${tag}>`),
  fc.constantFrom(
    "\n\n",
    "\n",
    "text ",
    "*em* ",
    "[l](javascript:x) ",
    "![i](https://e.x/i.png)",
    "<!-- c -->",
    "&lt;",
    "`code`",
  ),
  fc.string({ maxLength: 20 }),
);

function allElements(root: HTMLElement): HTMLElement[] {
  return root.querySelectorAll("*");
}

describe("the Markdown renderer under random raw HTML", () => {
  it("outputs only elements and attributes of the allowlist, and no script URL", () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), (parts) => {
        const { html } = renderArticleBody(parts.join(""));
        for (const element of allElements(parse(html))) {
          const tag = element.tagName.toLowerCase();
          expect(ALLOWED_TAGS, html).toContain(tag);
          for (const [name, value] of Object.entries(element.attributes)) {
            expect(ALLOWED_ATTRIBUTES[tag] ?? [], `${name} on <${tag}> in ${html}`).toContain(name);
            if (["href", "src", "cite"].includes(name)) {
              expect(value.replace(/\s/g, "").toLowerCase()).not.toMatch(
                /^(javascript|vbscript|data:text)/,
              );
            }
          }
          if (tag === "img")
            expect(element.getAttribute("src") ?? "").toMatch(/^(\/assets\/|data:image\/)/);
        }
      }),
      { seed: 42, numRuns: 400 },
    );
  });
});
