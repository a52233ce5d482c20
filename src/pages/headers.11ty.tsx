import { readFileSync } from "node:fs";
import path from "node:path";
import { contentSecurityPolicy } from "../security/csp.ts";
import type { PageData } from "../templates/page-data.ts";

export const data = { permalink: "/_headers" };

const TEMPLATE = path.join(import.meta.dirname, "..", "..", "assets", "_headers");

/**
 * `/_headers` for Netlify and Cloudflare Pages: `assets/_headers` with the site's Content
 * Security Policy, the same one every page carries in its `<meta>` tag (plus frame-ancestors).
 */
export function render({ archive }: PageData) {
  return readFileSync(TEMPLATE, "utf8").replace(
    /^(\s+Content-Security-Policy:).*$/m,
    `$1 ${contentSecurityPolicy(archive.site.embedHosts)}`,
  );
}
