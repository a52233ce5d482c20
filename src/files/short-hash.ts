import { createHash } from "node:crypto";

/**
 * A short hash of `text` (SHA-256, 27 base64url characters, 160 bits): what the build cache's
 * fingerprints and the search text of a page are recorded as.
 */
export function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, 27);
}
