import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { listFiles } from "./site-files.ts";

/**
 * Comparing two builds of one archive. Pagefind's output is deterministic: two whole builds write
 * the same bytes in every file but sw.js, whose build id is new each time. So sites are compared
 * file by file, byte for byte, and sw.js by its precache list and its code with the build id
 * taken out.
 */

/** The precache list the build wrote into sw.js: the array literal naming Pagefind's entry. */
export function precacheOf(sw: string): string[] {
  const arrays = sw.match(/\[(?:"(?:[^"\\]|\\.)*",?)+\]/g) ?? [];
  const list = arrays.find((array) => array.includes('"pagefind/pagefind-entry.json"'));
  if (!list) throw new Error("sw.js holds no precache list naming pagefind/pagefind-entry.json");
  return JSON.parse(list) as string[];
}

/** sw.js without what changes from build to build: its precache list and its 12-digit build id. */
function workerCode(sw: string): string {
  const list = JSON.stringify(precacheOf(sw));
  return sw.replace(list, "PRECACHE").replace(/"[0-9a-f]{12}"/g, '"BUILD"');
}

/** Files of `site` that differ from `reference`'s (sw.js compared as above); both list alike. */
export function differences(reference: string, site: string): string[] {
  const files = listFiles(reference);
  expect(listFiles(site)).toEqual(files);
  return files.filter((file) => {
    const a = readFileSync(path.join(reference, file));
    const b = readFileSync(path.join(site, file));
    if (file !== "sw.js") return !a.equals(b);
    const [swA, swB] = [a.toString("utf8"), b.toString("utf8")];
    return (
      JSON.stringify(precacheOf(swA)) !== JSON.stringify(precacheOf(swB)) ||
      workerCode(swA) !== workerCode(swB)
    );
  });
}
