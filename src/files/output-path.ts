/**
 * The file a site-relative address is written to: a folder's address (`/topics/nato/`) is served
 * from its `index.html`, any other (`/feed.xml`) is a file of its own. Eleventy writes `/x/` to
 * `/x/index.html` as well; naming the file keeps that unambiguous.
 */
export function outputPath(url: string): string {
  return url.endsWith("/") ? `${url}index.html` : url;
}

/**
 * The same file relative to the site folder, as a written page is named (`/articles/a/` →
 * `articles/a/index.html`).
 */
export function outputFile(url: string): string {
  return outputPath(url).replace(/^\/+/, "");
}
