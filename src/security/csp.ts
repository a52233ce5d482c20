/**
 * The site's Content Security Policy, one source for the `_headers` file and the `<meta>` tag
 * every page carries, so that hosts that ignore `_headers` (GitHub Pages, a plain server) still
 * enforce it. The site loads nothing from other origins and runs no inline script;
 * 'wasm-unsafe-eval' lets Pagefind compile its WebAssembly; worker-src covers Pagefind's worker
 * and the offline service worker. Frames are allowed only from the hosts in `site.embedHosts`.
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
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
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
