import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseFrontMatter } from "../../src/content/front-matter.ts";
import { loadArchive } from "../../src/collections/load-archive.ts";
import { readManifest } from "../../src/import/manifest.ts";
import { importReuters } from "../../src/import/reuters/import-collection.ts";
import type { ImportSummary } from "../../src/import/run-import.ts";
import { makeFixtureSite } from "../helpers/fixture-site.ts";

const CORPUS = process.env.REUTERS_DIR ?? path.resolve("../shared/corpora/reuters21578");

function corpusFiles(): string[] {
  if (!existsSync(path.join(CORPUS, "reut2-000.sgm"))) {
    throw new Error(
      `The Reuters-21578 corpus is not in ${CORPUS}: put reut2-000.sgm … reut2-021.sgm there, or set REUTERS_DIR to the folder that holds them.`,
    );
  }
  return readdirSync(CORPUS)
    .filter((name) => /^reut2-\d+\.sgm$/.test(name))
    .sort()
    .map((name) => path.join(CORPUS, name));
}

/** Counts taken straight from the SGML, independently of the importer. */
function countStories(): { stories: number; withBody: number } {
  let stories = 0;
  let withBody = 0;
  for (const file of corpusFiles()) {
    const text = readFileSync(file, "latin1");
    stories += text.match(/<REUTERS /g)?.length ?? 0;
    withBody += text.match(/<BODY>/g)?.length ?? 0;
  }
  return { stories, withBody };
}

describe("importing the whole Reuters-21578 corpus", () => {
  let root: string;
  let summary: ImportSummary;
  let seconds: number;
  let fileOf: Map<string, string>;

  beforeAll(() => {
    corpusFiles();
    root = makeFixtureSite();
    const started = performance.now();
    summary = importReuters({ sourceDir: CORPUS, root });
    seconds = (performance.now() - started) / 1000;
    fileOf = new Map(
      Object.entries(readManifest(root).articles).map(([file, entry]) => [entry.from, file]),
    );
  });

  function frontMatterOf(newId: number) {
    const file = fileOf.get(`reuters-21578:${newId}`);
    if (!file) throw new Error(`story ${newId} was not imported`);
    return parseFrontMatter(readFileSync(path.join(root, file), "utf8"), file).data as Record<
      string,
      unknown
    >;
  }

  it("imports every story with a body and skips, and counts, every story without one", () => {
    const { stories, withBody } = countStories();
    expect(withBody).toBe(19_043);
    expect(summary.counts).toEqual({
      imported: withBody,
      updated: 0,
      unchanged: 0,
      kept: 0,
      skipped: stories - withBody,
      failed: 0,
    });
  });

  it("takes well under a minute", () => {
    expect(seconds).toBeLessThan(60);
  });

  it("reads the first story's date, title, dateline and tags", () => {
    expect(frontMatterOf(1)).toMatchObject({
      title: "BAHIA COCOA REVIEW",
      date: "1987-02-26T15:01:01.790+00:00",
      dateline: "Salvador",
      source: "Reuters",
      topics: expect.arrayContaining(["Cocoa"]),
      places: expect.arrayContaining(["El Salvador", "United States", "Uruguay"]),
    });
  });

  it("names the people a story is tagged with", () => {
    expect(frontMatterOf(348)).toMatchObject({
      title: "ARGENTINE DEBT NEGOTIATOR CONFIDENT OF ACCORD",
      date: "1987-03-02T07:39:01.670+00:00",
      people: expect.arrayContaining([
        "Mario Brodersohn",
        "James Baker",
        "Paul Volcker",
        "Michel Camdessus",
      ]),
    });
  });

  it("keeps the day of the story whose time is garbled", () => {
    expect(frontMatterOf(17192)).toMatchObject({
      title: "KUMAGAI GUMI'S UNIT SEEKS LISTING IN HONG KONG",
      date: "1987-03-31",
    });
  });

  it("adds the corpus's topics, places and people to the registry with the codes as ids", () => {
    const people = JSON.parse(readFileSync(path.join(root, "_data/people.json"), "utf8")) as Array<{
      id: string;
      name: string;
    }>;
    expect(people).toContainEqual({ id: "james-baker", name: "James Baker" });
    const places = JSON.parse(readFileSync(path.join(root, "_data/places.json"), "utf8")) as Array<{
      id: string;
      name: string;
    }>;
    expect(places.find((p) => p.id === "usa")?.name).toBe("United States");
    expect(summary.registryAdded).toEqual({ topics: 119, people: 114, places: 147 });
  });

  it("cites the corpus in the words of its README", () => {
    const sources = JSON.parse(
      readFileSync(path.join(root, "_data/sources.json"), "utf8"),
    ) as Array<{
      id: string;
      name: string;
      citation: string;
    }>;
    const readme = readFileSync(path.join(CORPUS, "README.txt"), "latin1")
      .replace(/\*/g, "")
      .replace(/\s+/g, " ");
    const [source] = sources;
    expect(source).toMatchObject({ id: "reuters-21578", name: "Reuters-21578, Distribution 1.0" });
    const sentences = source!.citation.split(/(?<=\.) (?=[A-Z])/);
    expect(sentences.length).toBeGreaterThan(4);
    for (const sentence of sentences) expect(readme).toContain(sentence.replace(/\.$/, ""));
  });

  it("writes articles that the archive loader accepts, each in the folder of its month", () => {
    const archive = loadArchive(root);
    expect(archive.articles).toHaveLength(19_043);
    const misplaced = archive.articles.filter(
      (a) => !a.file.startsWith(`content/articles/${a.date.toFormat("yyyy/MM")}/`),
    );
    expect(misplaced.map((a) => a.file)).toEqual([]);
  });

  it("changes nothing when imported again", () => {
    const again = importReuters({ sourceDir: CORPUS, root });
    expect(again.counts).toMatchObject({ imported: 0, updated: 0, unchanged: 19_043, failed: 0 });
  });
});

describe("importing a slice of the corpus", () => {
  it("imports the first 1,000 stories with a body, in file order", () => {
    const root = makeFixtureSite();
    const summary = importReuters({ sourceDir: CORPUS, root, limit: 1000 });
    expect(summary.counts.imported).toBe(1000);
    const froms = Object.values(readManifest(root).articles).map((e) =>
      Number(e.from.split(":")[1]),
    );
    expect(Math.min(...froms)).toBe(1);
    expect(Math.max(...froms)).toBeLessThan(1200);
  });
});
