import { createHash } from "node:crypto";

/**
 * A short hash of `data` (SHA-256, 27 base64url characters, 160 bits): what the build cache's
 * fingerprints, the search text of a page and the content of a kept file are recorded as. Text is
 * hashed as UTF-8, so a string and the file it was written to hash alike.
 */
export function shortHash(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("base64url").slice(0, 27);
}
