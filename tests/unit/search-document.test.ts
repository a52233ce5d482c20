import { describe, expect, it } from "vitest";
import { searchDocument } from "../../src/search/search-document.ts";

const page = (body: string) =>
  `<!doctype html>\n<html lang="fr" data-base="/"><head><title>T</title><meta name="description" content="about data-pagefind-body"/></head>` +
  `<body><nav><a href="/">Home</a></nav><main id="main"><article class="article" data-pagefind-body data-pagefind-filter="year:1987">` +
  `${body}</article><aside class="related"><h2>Related</h2></aside></main><footer>Footer</footer></body></html>`;

describe("the document Pagefind reads of an article page", () => {
  it("keeps the <html> tag and the indexed element, and drops the head, the site's chrome and the related articles after it", () => {
    const document = searchDocument(page("<h1>Headline</h1><p>Body</p>"));
    expect(document).toBe(
      `<!doctype html>\n<html lang="fr" data-base="/"><body><article class="article" data-pagefind-body data-pagefind-filter="year:1987"><h1>Headline</h1><p>Body</p></article></body></html>`,
    );
  });

  it("keeps an article's own HTML whole, even markup that closes <article> or <main>", () => {
    const body = "<p>Before</p></article></main><p>After the author's stray tags</p>";
    const document = searchDocument(page(body));
    expect(document).toContain(`${body}</article>`);
    expect(document).not.toContain("<aside class=");
  });

  it("leaves a page without an indexed element as it is", () => {
    const html = `<html lang="en"><head></head><body><main><p>List</p></main></body></html>`;
    expect(searchDocument(html)).toBe(html);
  });
});
