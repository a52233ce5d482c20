/**
 * Relative URLs for a site opened from the file system, where `/` is the disk's root and folders
 * do not open their index.html by themselves.
 */

/** The folder of a site-relative page path: `articles/2024/11/x/index.html` → `articles/2024/11/x/`. */
function folderOf(pagePath: string): string {
  const slash = pagePath.lastIndexOf("/");
  return slash < 0 ? "" : pagePath.slice(0, slash + 1);
}

/**
 * From the page at `pagePath` (relative to the site root, e.g. `topics/nato/index.html`) to
 * `target` (relative to the site root, e.g. `people/x/`, `assets/css/site.css?v=1#top`).
 * A folder target gets `index.html`.
 */
export function relativeUrl(pagePath: string, target: string, folderIndex = true): string {
  const match = /^([^?#]*)(.*)$/.exec(target)!;
  let targetPath = match[1]!;
  const rest = match[2]!;
  if (folderIndex && (targetPath === "" || targetPath.endsWith("/"))) targetPath += "index.html";
  const from = folderOf(pagePath).split("/").filter(Boolean);
  const to = targetPath.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const up = from.length - common;
  return `${"../".repeat(up)}${to.slice(common).join("/")}${rest}` || "./";
}

const URL_ATTRIBUTES = /(\s(?:href|src|action|poster)=")([^"]*)"/g;
/** Folders the page's scripts add file names to: they stay folders. */
const FOLDER_ATTRIBUTES = /(\s(?:data-bundle-path|data-pagefind-bundle|data-base)=")([^"]*)"/g;
const SRCSET = /(\ssrcset=")([^"]*)"/g;

/**
 * Rewrites the site's own root-relative URLs (those under `pathPrefix`) in a page's attributes to
 * relative ones; absolute URLs (canonical, feeds' self links in JSON-LD) stay as they are.
 */
export function rewriteHtmlUrls(html: string, pagePath: string, pathPrefix: string): string {
  const local = (value: string, folderIndex = true) =>
    value.startsWith(pathPrefix) && !value.startsWith("//")
      ? relativeUrl(pagePath, value.slice(pathPrefix.length), folderIndex)
      : value;
  return html
    .replace(URL_ATTRIBUTES, (_, start: string, value: string) => `${start}${local(value)}"`)
    .replace(
      FOLDER_ATTRIBUTES,
      (_, start: string, value: string) => `${start}${local(value, false)}"`,
    )
    .replace(
      SRCSET,
      (_, start: string, value: string) =>
        `${start}${value
          .split(",")
          .map((candidate) => {
            const [url, ...descriptor] = candidate.trim().split(/\s+/);
            return [local(url!), ...descriptor].join(" ");
          })
          .join(", ")}"`,
    );
}
