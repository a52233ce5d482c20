import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { extractBody } from "../../src/import/html/extract-body.ts";
import { htmlToMarkdown } from "../../src/import/html/to-markdown.ts";

const URL = "https://news.example.org/2024/05/harbour-ferry.html";

const STORY = [
  "The harbour ferry will run every twenty minutes from June, the port authority said on Tuesday, after a winter of complaints about crowded boats and missed connections.",
  "Two new boats, built at the yard across the bay, join the fleet next month. Each carries three hundred passengers and forty bicycles, twice as many as the boats they replace.",
  "Fares stay the same until the end of the year. The authority will review them in December, when it publishes its accounts for the first season of the new timetable.",
  "Residents of the island welcomed the change but asked for a later last crossing on Fridays, when the concert hall across the water often finishes after the final boat.",
];

function page(body: string, head = ""): Document {
  const html = `<!doctype html><html lang="en"><head><title>Harbour ferry to run every twenty minutes | Example News</title>${head}</head><body>${body}</body></html>`;
  return parseHTML(html).document as unknown as Document;
}

function paragraphs(texts: string[]): string {
  return texts.map((text) => `<p>${text}</p>`).join("\n");
}

/** The body as the importer keeps it: Markdown, as plain lines. */
function markdownOf(document: Document): string {
  const body = extractBody(document, { url: URL });
  expect(body).toBeDefined();
  return htmlToMarkdown(body!.html, { baseUrl: URL });
}

const CLUTTERED = `
  <a class="skip-link screen-reader-text" href="#main">Skip to content</a>
  <header class="site-header"><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
  <div class="cookie-consent-bar">We use cookies to improve your experience. Accept all cookies</div>
  <main id="main">
    <article class="story">
      <h1>Harbour ferry to run every twenty minutes</h1>
      <div class="article-byline">By Ada Lighthouse, transport reporter</div>
      <div class="article-body">
        <div class="share-buttons"><a href="https://social.example/share">Share on Social</a> <a href="mailto:?body=x">Email this story</a></div>
        ${paragraphs(STORY.slice(0, 2))}
        <div class="ad-slot advert-inline"><p>Advertisement</p><p>Buy the new Seagull 3000 outboard motor today, free delivery.</p></div>
        ${paragraphs(STORY.slice(2))}
        <p>You may also like</p>
        <p><a href="/2024/04/bridge.html">Bridge repairs close the east road for a week</a></p>
        <p><a href="/2024/04/ferry-strike.html">Ferry crews vote on a new pay offer</a></p>
        <div class="article-body__newsletter"><h3>Get the morning briefing</h3><p>Sign up for our newsletter and get the day's news in your inbox every morning before eight.</p></div>
      </div>
    </article>
    <section id="comments" class="comments-area">
      <h2>12 comments</h2>
      <p>Harbourwatcher: About time too, I have waited on that pier for forty minutes more than once this winter.</p>
      <p>IslandMum: Will the bicycles spaces be bookable in advance? That would really help families like ours.</p>
    </section>
  </main>
  <aside class="sidebar"><h2>Most read</h2><ul><li><a href="/a">Storm warning for the coast</a></li><li><a href="/b">School wins robotics prize</a></li></ul></aside>
  <footer><p>© Example News. All rights reserved.</p></footer>`;

describe("extracting the article body of a saved web page", () => {
  it("keeps the article's paragraphs and drops navigation, sharing, adverts, related links, sign-ups and comments", () => {
    const markdown = markdownOf(page(CLUTTERED));
    expect(markdown.split("\n\n")).toEqual(STORY);
  });

  it("returns Readability's metadata as fallbacks and the body's text length", () => {
    const body = extractBody(page(CLUTTERED), { url: URL })!;
    expect(body.title).toBe("Harbour ferry to run every twenty minutes");
    expect(body.lang).toBe("en");
    expect(body.textLength).toBe(STORY.join(" ").length);
  });

  it("keeps headings, lists, quotes and tables inside the body", () => {
    const markdown = markdownOf(
      page(`<article><h1>Harbour ferry to run every twenty minutes</h1>
        ${paragraphs(STORY.slice(0, 2))}
        <h2>What changes for passengers</h2>
        <ul><li>Boats every twenty minutes from 6am</li><li>Forty bicycle spaces on each boat</li></ul>
        <blockquote><p>We listened to the people who use the ferry every day, and this is the result.</p></blockquote>
        <table><thead><tr><th>Route</th><th>Minutes</th></tr></thead><tbody><tr><td>Pier to island</td><td>12</td></tr></tbody></table>
        ${paragraphs(STORY.slice(2))}
      </article>`),
    );
    expect(markdown).toContain("## What changes for passengers");
    expect(markdown).toMatch(/^- +Boats every twenty minutes from 6am\n- +Forty bicycle spaces/m);
    expect(markdown).toContain("> We listened to the people who use the ferry every day");
    expect(markdown).toMatch(
      /\| Route \| Minutes \|\n\| --- \| --- \|\n\| Pier to island \| 12 +\|/,
    );
    expect(markdown).toContain(STORY[3]);
  });

  it("keeps figures for the step that reads them, and drops photo galleries", () => {
    const body = extractBody(
      page(`<article>${paragraphs(STORY.slice(0, 2))}
        <figure><img src="/photos/ferry.jpg" alt="The new ferry"><figcaption>The new ferry at the pier.</figcaption></figure>
        <div class="inline-gallery"><span class="slide-count">Image 1 of 5</span><p>Crowds wait at the pier on a Friday night in March, when the last boat left without them.</p></div>
        ${paragraphs(STORY.slice(2))}</article>`),
      { url: URL },
    )!;
    expect(body.html).toContain("<figcaption>The new ferry at the pier.</figcaption>");
    expect(body.html).not.toContain("Image 1 of 5");
  });

  it("takes the JSON-LD articleBody when the page shows no body of its own", () => {
    const ld = JSON.stringify({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: "Harbour ferry to run every twenty minutes",
      articleBody: `${STORY[0]}\n\n${STORY[1]} <b>bold</b> & more`,
    });
    const body = extractBody(
      page(
        `<div id="app"><nav><a href="/">Home</a></nav><noscript>Please enable JavaScript.</noscript></div>`,
        `<script type="application/ld+json">${ld}</script>`,
      ),
      { url: URL },
    );
    expect(body?.title).toBe("Harbour ferry to run every twenty minutes");
    expect(htmlToMarkdown(body!.html).split("\n\n")).toEqual([
      STORY[0],
      `${STORY[1]} <b>bold</b> & more`.replace(/</g, "\\<"),
    ]);
  });

  it("finds no body on a page without an article", () => {
    const body = extractBody(
      page(`<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
        <main><h1>Page not found</h1><p>Sorry, we could not find that page.</p></main>
        <footer><p>© Example News</p></footer>`),
      { url: URL },
    );
    expect(body).toBeUndefined();
  });
});
