// The two helpers this project takes from @11ty/eleventy-plugin-rss 3.x, which ships no types.
// @see https://www.11ty.dev/docs/plugins/rss/
declare module "@11ty/eleventy-plugin-rss" {
  /** An RFC 3339 date in UTC without milliseconds, as Atom requires: `2024-11-13T09:00:00Z`. */
  export function dateToRfc3339(date: Date): string;
  /** Rewrites every URL attribute in `html` (href, src, srcset…) to an absolute URL against `base`. */
  export function convertHtmlToAbsoluteUrls(
    html: string,
    base: string,
    processOptions?: Record<string, unknown>,
  ): Promise<string>;
}
