import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { PROJECT_DIR } from "../helpers/run-build.ts";
import { loadArchive } from "../../src/collections/load-archive.ts";
import { IncrementalSite } from "../../src/dev/incremental-site.ts";
import { BULK_PAGES } from "../../src/render/bulk-pages.ts";
import { loadPageModules, pageInstances } from "../../src/render/page-instances.ts";

/**
 * `npm start` renders again the pages whose fingerprint changed, by the declaration the build
 * cache uses (each bulk template's `reads`). After every kind of change an edit can make, its
 * bulk pages must be what a clean render of the archive makes, file for file, and a page no longer
 * made must be gone.
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
    root = makeFixtureSite({
      articles: {
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
      },
      site: { pageSize: { home: 2, term: 2 } },
    });
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
    write(
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
    const { changed } = await site.updateArticles();
    expect(changed).toContain("articles/2024/10/cranes/index.html");
    // A story that lists it as related shows its title and date, not its body.
    expect(changed).not.toContain("articles/2024/10/quay/index.html");
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
    await site.updateArticles();
    await expectClean();
  });

  it("after a new story that names a topic as a person is named, which every related list shared by that name shows", async () => {
    write(
      "2024/12/ada.md",
      article({ title: '"Ada, the storm"', date: "2024-12-01", topics: "[Ada, Harbours]" }),
    );
    const { changed } = await site.updateArticles();
    // The home list's front page counts the stories; the pages that list a story sharing Ada the
    // person now say which Ada.
    expect(changed).toContain("index.html");
    expect(changed).toContain("articles/2024/10/quay/index.html");
    await expectClean();
  });

  it("after a deleted story whose name was the only use of a term", async () => {
    rmSync(path.join(root, "content", "articles", "2024/12/ada.md"));
    await site.updateArticles();
    expect(existsSync(path.join(out, "topics/ada/index.html"))).toBe(false);
    await expectClean();
  });
});
