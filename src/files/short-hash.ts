import { hash } from "node:crypto";

/**
 * A short hash of `data` (SHA-256, 27 base64url characters, 160 bits): what the build cache's
 * fingerprints, the search text of a page and the content of a kept file are recorded as. Text is
 * hashed as UTF-8, so a string and the file it was written to hash alike. One call, without a
 * `Hash` object: a build hashes every page's fingerprint, and the object cost as much as the hash.
 */
export function shortHash(data: string | Uint8Array): string {
  return hash("sha256", data, "base64url").slice(0, 27);
}
