import type { ComponentChildren } from "preact";
import { contentSecurityPolicy } from "../security/csp.ts";
import type { RenderContext } from "../templates/context.ts";
import { siteFeedLinks, type FeedLink } from "../feeds/feed-links.ts";
import { socialMetaTags, type MetaTag, type PageSocial } from "../seo/open-graph.ts";
import { FeedAlternates, SocialMetaTags } from "../seo/SeoHead.tsx";

export interface LayoutProps {
  ctx: RenderContext;
  /** The page's own title; the site title is appended. */
  title: string;
  description?: string;
  /** Site-relative URL of this page, for the canonical link. */
  path: string;
  head?: ComponentChildren;
  /** Link-preview data beyond title, description and URL (type, photo, dates). */
  social?: PageSocial;
  /** Feeds of this page's own, advertised next to the whole archive's. */
  feeds?: FeedLink[];
  scripts?: string[];
  children: ComponentChildren;
}

const NAV = [
  ["/", "Latest"],
  ["/topics/", "Topics"],
  ["/people/", "People"],
  ["/places/", "Places"],
  ["/archive/", "Archive"],
] as const;

/**
 * The social tags less `twitter:title` and `twitter:description`, which say again what
 * `og:title` and `og:description` say: X reads the Open Graph tags when its own are missing, and
 * the repeat cost every page a second copy of its title and description (6 MB on a 20,000-story
 * archive). `twitter:card` stays, as it has no Open Graph counterpart.
 * @see https://developer.x.com/en/docs/x-for-websites/cards/guides/getting-started
 */
function withoutTwitterRepeats(tags: MetaTag[]): MetaTag[] {
  return tags.filter((tag) => tag.key !== "twitter:title" && tag.key !== "twitter:description");
}

/** The page shell: skip link, header with search box, main landmark, footer. */
export function Layout({
  ctx,
  title,
  description,
  path,
  head,
  social,
  feeds = [],
  scripts = [],
  children,
}: LayoutProps) {
  const { site, url } = ctx;
  const fullTitle = path === "/" ? site.title : `${title} · ${site.title}`;
  return (
    <html lang={site.language} data-base={url("/")} data-pagefind-bundle={url("/pagefind/")}>
      <head>
        <meta charset="utf-8" />
        {/* The policy travels with the page, for hosts that ignore `_headers`. */}
        <meta
          http-equiv="Content-Security-Policy"
          content={contentSecurityPolicy(site.embedHosts, { meta: true })}
        />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={description || site.description} />
        <link rel="canonical" href={ctx.absoluteUrl(path)} />
        <SocialMetaTags
          tags={withoutTwitterRepeats(
            socialMetaTags(
              {
                siteName: site.title,
                title: path === "/" ? site.title : title,
                description: description || site.description,
                url: ctx.absoluteUrl(path),
              },
              social,
            ),
          )}
        />
        <FeedAlternates ctx={ctx} feeds={[...siteFeedLinks(site), ...feeds]} />
        <link rel="icon" href={url("/assets/favicon.svg")} type="image/svg+xml" />
        <link rel="stylesheet" href={url("/assets/css/site.css")} />
        {head}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <a class="site-title" href={url("/")}>
            {site.title}
          </a>
          <nav aria-label="Sections">
            <ul>
              {NAV.map(([href, label]) => (
                <li key={href}>
                  <a href={url(href)} aria-current={href === path ? "page" : undefined}>
                    {label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <form class="search-box" role="search" action={url("/search/")} method="get">
            <label for="site-search">Search the archive</label>
            <input id="site-search" type="search" name="q" placeholder="Search (press /)" />
            <button type="submit">Search</button>
          </form>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <p>{site.title}. Search works in your browser, offline once loaded.</p>
          <p>
            Follow: <a href={url("/feed.xml")}>Atom feed</a> ·{" "}
            <a href={url("/feed.json")}>JSON Feed</a>
          </p>
        </footer>
        <script src={url("/assets/js/site.js")} defer />
        {scripts.map((src) => (
          <script key={src} src={url(src)} defer />
        ))}
      </body>
    </html>
  );
}
