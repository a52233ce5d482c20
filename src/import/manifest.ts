import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../files/atomic-write.ts";

/**
 * `content/.imported.json`: for every file an import wrote, the story it came from and the
 * SHA-256 of the text written. An article whose text no longer has that hash was edited by a
 * person and is not overwritten. A manifest beside the articles keeps the front matter free of
 * bookkeeping and the strict schema unchanged; it is committed with the articles.
 */
export const MANIFEST_FILE = path.join("content", ".imported.json");

const manifestSchema = z.object({
  about: z.string().optional(),
  articles: z.record(
    z.string(),
    z.object({
      /** The story's identity in its source, e.g. `reuters-21578:42`. */
      from: z.string(),
      sha256: z.string(),
    }),
  ),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = Manifest["articles"][string];

const ABOUT =
  "Written by `npm run import`: the source and SHA-256 of each article as imported, so that a later import does not overwrite an article edited since. Keep it with the articles.";

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Reads the manifest under `root`; a missing file is an empty manifest. */
export function readManifest(root: string): Manifest {
  const file = path.join(root, MANIFEST_FILE);
  if (!existsSync(file)) return { articles: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(
      `${MANIFEST_FILE} is not valid JSON (${(error as Error).message}): restore it from git, or delete it (articles already there are then kept as if written by hand).`,
      { cause: error },
    );
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `${MANIFEST_FILE} is not an import manifest (expected {"articles": {file: {from, sha256}}}): restore it from git, or delete it.`,
    );
  }
  return parsed.data;
}

export function writeManifest(root: string, manifest: Manifest): void {
  const articles = Object.fromEntries(
    Object.keys(manifest.articles)
      .sort()
      .map((file) => [file, manifest.articles[file]!]),
  );
  writeFileAtomic(
    path.join(root, MANIFEST_FILE),
    `${JSON.stringify({ about: ABOUT, articles }, null, 2)}\n`,
  );
}
