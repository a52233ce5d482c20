import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { PROJECT_DIR } from "../helpers/run-build.ts";
import { buildArchive, type Archive } from "../../src/collections/archive.ts";
import { loadArchive } from "../../src/collections/load-archive.ts";
import { ArticleSwapper } from "../../src/collections/swap-articles.ts";
import { covering, inputsComparer, PageFingerprints } from "../../src/cache/page-fingerprints.ts";
import type { Article } from "../../src/content/article.ts";
import { outputPath } from "../../src/files/output-path.ts";
import { IncrementalSite } from "../../src/dev/incremental-site.ts";
import { BULK_PAGES } from "../../src/render/bulk-pages.ts";
import { loadPageModules, pageInstances } from "../../src/render/page-instances.ts";

/** Four stories that share people and topics, so that each is on the others' related lists. */
const STORIES = {
  "2024/10/cranes.md": article({
    title: '"Harbour cranes return"',
    date: "2024-10-02",
    people: "[Ada, Bo]",
    topics: "[Harbours]",
  }),
  "2024/10/quay.md": article({
    title: '"Quay reopens"',
    date: "2024-10-20",
    people: "[Ada, Bo]",
    topics: "[Harbours]",
  }),
  "2024/11/tariffs.md": article({
    title: '"Tariffs rise"',
    date: "2024-11-03",
    people: "[Ada, Cy]",
    topics: "[Tariffs]",
  }),
  "2024/11/ferry.md": article({
    title: '"Ferry strike ends"',
    date: "2024-11-12",
    people: "[Cy]",
    places: "[Dover]",
  }),
};

/**
 * `npm start` renders again the pages whose fingerprint changed, by the declaration the build
 * cache uses (each bulk template's `reads`). After every kind of change an edit can make, its
 * bulk pages must be what a clean render of the archive makes, file for file, and a page no longer
 * made must be gone. Updates are told the files saved, as the watcher tells them, but for the
 * change of tags, which stamps every story again as an update told nothing does.
 */
describe("npm start's updates, page for page", () => {
  let root: string;
  let out: string;
  let site: IncrementalSite;
  let modules: Awaited<ReturnType<typeof loadPageModules>>;
  /** Every bulk page any state of the archive made, to check that the gone ones are deleted. */
  const everMade = new Set<string>();

  const write = (file: string, text: string) => {
    const target = path.join(root, "content", "articles", file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    return target;
  };

  /** The bulk pages of the archive as it is on disk, rendered from scratch. */
  const cleanRender = async () => {
    const pages = new Map<string, string>();
    for (const instance of pageInstances(modules, loadArchive(root))) {
      pages.set(instance.output, await instance.render());
    }
    return pages;
  };

  const expectClean = async () => {
    const expected = await cleanRender();
    const wrong: string[] = [];
    for (const [output, html] of expected) {
      everMade.add(output);
      const file = path.join(out, output);
      if (!existsSync(file) || readFileSync(file, "utf8") !== html) wrong.push(output);
    }
    const stale = [...everMade].filter(
      (output) => !expected.has(output) && existsSync(path.join(out, output)),
    );
    expect({ wrong, stale }).toEqual({ wrong: [], stale: [] });
  };

  beforeAll(async () => {
    root = makeFixtureSite({ articles: STORIES, site: { pageSize: { home: 2, term: 2 } } });
    out = path.join(mkdtempSync(path.join(tmpdir(), "incremental-")), "_site");
    modules = await loadPageModules(path.join(PROJECT_DIR, "src", "pages"), BULK_PAGES);
    for (const [output, html] of await cleanRender()) {
      everMade.add(output);
      mkdirSync(path.dirname(path.join(out, output)), { recursive: true });
      writeFileSync(path.join(out, output), html);
    }
    site = new IncrementalSite(root, PROJECT_DIR, out);
    await site.start(loadArchive(root));
  });

  it("after an edit to a story's body", async () => {
    const cranes = write(
      "2024/10/cranes.md",
      article(
        {
          title: '"Harbour cranes return"',
          date: "2024-10-02",
          people: "[Ada, Bo]",
          topics: "[Harbours]",
        },
        "Three cranes now stand on the east quay.",
      ),
    );
    const { changed, rebuilt } = await site.updateArticles([cranes]);
    // The story stays where it was: the archive is not built again.
    expect(rebuilt).toBe(false);
    expect(changed).toContain("articles/2024/10/cranes/index.html");
    // A story that lists it as related shows its title and date, not its body.
    expect(changed).not.toContain("articles/2024/10/quay/index.html");
    await expectClean();
  });

  it("after an edit to a story's title, which its lists, related lists and feeds show", async () => {
    const quay = write(
      "2024/10/quay.md",
      article(
        {
          title: '"Quay reopens to ferries"',
          date: "2024-10-20",
          people: "[Ada, Bo]",
          topics: "[Harbours]",
          dek: '"After a year of works."',
        },
        "The quay reopened on Monday.",
      ),
    );
    const { changed, rebuilt } = await site.updateArticles([quay]);
    expect(rebuilt).toBe(false);
    expect(changed).toEqual(
      expect.arrayContaining([
        "articles/2024/10/quay/index.html",
        "articles/2024/10/cranes/index.html",
        "topics/harbours/index.html",
        "people/ada/index.html",
      ]),
    );
    // Nothing that shows only other stories.
    expect(changed).not.toContain("topics/tariffs/index.html");
    await expectClean();
  });

  it("after a story's tags change, moving it between terms and related lists", async () => {
    write(
      "2024/11/ferry.md",
      article({
        title: '"Ferry strike ends"',
        date: "2024-11-12",
        people: "[Bo, Cy]",
        topics: "[Harbours]",
      }),
    );
    expect((await site.updateArticles()).rebuilt).toBe(true);
    await expectClean();
  });

  it("after a new story that names a topic as a person is named, which every related list shared by that name shows", async () => {
    const ada = write(
      "2024/12/ada.md",
      article({ title: '"Ada, the storm"', date: "2024-12-01", topics: "[Ada, Harbours]" }),
    );
    const { changed } = await site.updateArticles([ada]);
    // The home list's front page counts the stories; the pages that list a story sharing Ada the
    // person now say which Ada.
    expect(changed).toContain("index.html");
    expect(changed).toContain("articles/2024/10/quay/index.html");
    await expectClean();
  });

  it("after a deleted story whose name was the only use of a term", async () => {
    const ada = path.join(root, "content", "articles", "2024/12/ada.md");
    rmSync(ada);
    await site.updateArticles([ada]);
    expect(existsSync(path.join(out, "topics/ada/index.html"))).toBe(false);
    await expectClean();
  });
});

/**
 * What lets `npm start` fingerprint only the pages that covered an edited story: an edit that moves
 * no story changes no other page, and swapping it into the archive makes the archive a new build
 * would make. A template whose `reads` derived something from a story's text, rather than passing
 * the story on, would fail here.
 */
describe("an edit that leaves a story in its place", () => {
  it("changes only the pages whose fingerprint covered the story, as a new build would", async () => {
    const root = makeFixtureSite({
      articles: {
        ...STORIES,
        // A name used as a topic and a person, and a place shared: what related lists label.
        "2024/10/cranes.md": article({
          title: '"Harbour cranes return"',
          date: "2024-10-02",
          people: "[Ada, Bo]",
          topics: "[Harbours, Ada]",
          places: "[Dover]",
        }),
      },
      site: { pageSize: { home: 2, term: 2 } },
    });
    const archive = loadArchive(root);
    const modules = await loadPageModules(path.join(PROJECT_DIR, "src", "pages"), BULK_PAGES);
    const tracked = new PageFingerprints(archive, undefined, { reach: true });
    const before = new Map(
      pageInstances(modules, archive).map((page) => [page.output, tracked.pageReach(page)!]),
    );
    const prints = (of: Archive) => {
      const fingerprints = new PageFingerprints(of);
      return new Map(
        pageInstances(modules, of).map((page) => [page.output, fingerprints.page(page)]),
      );
    };
    // One swapper for the whole run, as npm start keeps one edit after another.
    const swapper = new ArticleSwapper(archive);
    let current = archive;
    for (const old of archive.articles) {
      const edited: Article = {
        ...old,
        title: `${old.title}, corrected`,
        dek: "A dek added.",
        body: "Another body.",
        html: "<p>Another body.</p>",
        excerpt: "Another body.",
        textHash: undefined,
      };
      const alone = new ArticleSwapper(archive).swap(new Map([[old, edited]]))!;
      const after = prints(alone.archive);
      const rebuilt = buildArchive(
        archive.articles.map((article) => (article === old ? edited : article)),
        archive.site,
      );
      expect(after).toEqual(prints(rebuilt));
      // Edits in a row: the archive swapped so far, with this story swapped too.
      const next = swapper.swap(
        new Map([[current.articles.find((a) => a.file === old.file)!, edited]]),
      )!;
      const all = buildArchive(
        next.archive.articles.map((article) => article),
        archive.site,
      );
      expect(prints(next.archive)).toEqual(prints(all));
      current = next.archive;
      const changed = [...after].filter(
        ([output, print]) => print !== before.get(output)!.fingerprint,
      );
      const uncovered = changed.filter(
        ([output]) => !covering(new Set([old]))(before.get(output)!.reach),
      );
      expect(changed.map(([output]) => output)).toContain(outputPath(old.url).replace(/^\/+/, ""));
      expect(uncovered.map(([output]) => output)).toEqual([]);
    }
  });
});

/**
 * What lets `npm start` fingerprint, after an edit that moves stories (a new story, a deletion, new
 * terms or a new date), only the pages whose inputs changed: pages whose inputs are the same
 * (`inputsComparer`, unchanged stories being the same objects) have the same fingerprint, and a
 * page the edit left alone is found the same.
 */
describe("an edit that moves a story", () => {
  it("leaves the same fingerprint to every page whose inputs it left the same", async () => {
    const root = makeFixtureSite({ articles: STORIES, site: { pageSize: { home: 2, term: 2 } } });
    const archive = loadArchive(root);
    const modules = await loadPageModules(path.join(PROJECT_DIR, "src", "pages"), BULK_PAGES);
    const find = (file: string) => archive.articles.find((a) => a.file.endsWith(file))!;
    const [cranes, quay, ferry] = [find("cranes.md"), find("quay.md"), find("ferry.md")];
    const newStory: Article = {
      ...ferry,
      file: "content/articles/2024/12/storm.md",
      slug: "storm",
      url: "/articles/2024/12/storm/",
      title: "Storm",
      date: ferry.date.plus({ days: 20 }),
      textHash: undefined,
    };
    const edits: Record<string, Article[]> = {
      "a new story": [...archive.articles, newStory],
      "a deletion": archive.articles.filter((a) => a !== quay),
      "new terms": archive.articles.map((a) =>
        a === ferry ? { ...ferry, topics: quay.topics } : a,
      ),
      "a new date": archive.articles.map((a) =>
        a === cranes ? { ...cranes, date: cranes.date.minus({ years: 1 }) } : a,
      ),
    };
    const before = pageInstances(modules, archive);
    const printsBefore = new PageFingerprints(archive);
    for (const [edit, articles] of Object.entries(edits)) {
      const next = buildArchive(articles, archive.site);
      const same = inputsComparer(new Set([...archive.articles, ...next.articles]));
      const printsAfter = new PageFingerprints(next);
      const old = new Map(before.map((page) => [page.output, page]));
      const kept: string[] = [];
      for (const page of pageInstances(modules, next)) {
        const was = old.get(page.output);
        if (!was?.reads || !page.reads) continue;
        if (!same(was.item, page.item) || !same(was.reads.value, page.reads.value)) continue;
        kept.push(page.output);
        expect(printsAfter.page(page), `${edit}: ${page.output}`).toBe(printsBefore.page(was));
      }
      // The story the edit did not touch, which shares nothing with the ones it did.
      // A term none of the edits touched keeps its page, and so do several others.
      expect(kept, edit).toContain("topics/tariffs/index.html");
      expect(kept.length, edit).toBeGreaterThan(7);
    }
  });
});
