/**
 * The site's Content Security Policy, one source for the `_headers` file and the `<meta>` tag
 * every page carries, so that hosts that ignore `_headers` (GitHub Pages, a plain server) still
 * enforce it. The site loads nothing from other origins and runs no inline script;
 * 'wasm-unsafe-eval' lets Pagefind compile its WebAssembly. Frames are allowed only from the hosts
 * in `site.embedHosts`.
 *
 * Directives that would only repeat `default-src 'self'` are left out, since the policy is in every
 * page of an archive of tens of thousands (about 95 bytes a page): styles, fonts, fetches and the
 * manifest fall back to `default-src`; workers (Pagefind's and the offline service worker) to
 * `script-src`, which allows this origin's scripts.
 * @see https://www.w3.org/TR/CSP3/#directive-fallback-list
 */
export function contentSecurityPolicy(
  embedHosts: readonly string[],
  { meta = false }: { meta?: boolean } = {},
): string {
  const frames = embedHosts.length
    ? embedHosts.map((host) => `https://${host}`).join(" ")
    : "'none'";
  const directives = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "img-src 'self' data:",
    `frame-src ${frames}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ];
  // A meta policy cannot set frame-ancestors (browsers ignore it there and warn in the console).
  // @see https://www.w3.org/TR/CSP3/#meta-element
  if (!meta) directives.push("frame-ancestors 'none'");
  return directives.join("; ");
}
