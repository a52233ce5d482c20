import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { PROJECT_DIR } from "../helpers/run-build.ts";
import type { Archive } from "../../src/collections/archive.ts";
import { loadArchive } from "../../src/collections/load-archive.ts";
import { BULK_PAGES } from "../../src/render/bulk-pages.ts";
import {
  loadPageModules,
  pageInstances,
  TemplateDataError,
  UndeclaredReadError,
  type PageModule,
} from "../../src/render/page-instances.ts";

/**
 * The bulk pages are written outside Eleventy (src/render/bulk-pages.ts): their templates get the
 * site's settings, their pagination alias and what their `reads` took from the archive, nothing
 * else. `page`, `collections`, other global data and
 * the filters Eleventy puts on `this` do not reach them, so a template that reads one of them must
 * fail rather than render a page that differs from Eleventy's rendering of it.
 */

// Ada and Bo share two stories (a pair page); two topics, two months, two years.
const ARTICLES = {
  "2023/12/dec.md": article({ date: "2023-12-05", topics: "[Harbours]" }),
  "2024/01/jan-one.md": article({ date: "2024-01-05", people: "[Ada, Bo]", topics: "[Harbours]" }),
  "2024/01/jan-two.md": article({ date: "2024-01-20", people: "[Ada, Bo]" }),
  "2024/03/mar.md": article({ date: "2024-03-02", people: "[Ada, Cy]", topics: "[Tariffs]" }),
};

describe("the bulk pages' data", () => {
  let archive: Archive;
  beforeAll(() => {
    archive = loadArchive(makeFixtureSite({ articles: ARTICLES }));
  });

  it("declares, in every bulk template, what its pages read from the archive", async () => {
    const modules = await loadPageModules(path.join(PROJECT_DIR, "src", "pages"), BULK_PAGES);
    for (const [template, module] of modules) {
      expect(module.reads, `${template} exports no \`reads\``).toBeTypeOf("function");
    }
    // Each page carries what `reads` returned for it, which its fingerprint covers.
    for (const instance of pageInstances(modules, archive)) {
      expect(instance.reads, instance.output).toBeDefined();
    }
  });

  it("fails a bulk template that reads the archive beside its `reads`, naming it", async () => {
    const modules = new Map<string, PageModule>([
      [
        "counts.11ty.tsx",
        {
          data: {
            pagination: { data: "archive.monthPages", size: 1, alias: "monthPage" },
            permalink: (data) => `/m/${(data.monthPage as { url: string }).url}index.html`,
          },
          reads: () => null,
          // Shows the archive's size, which its fingerprint would not cover.
          render: (data: { archive: { articles: unknown[] } }) =>
            `${data.archive.articles.length} stories`,
        },
      ],
    ]);
    const [instance] = pageInstances(modules, archive);
    const error = await instance!.render().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UndeclaredReadError);
    expect((error as Error).message).toMatch(/^counts\.11ty\.tsx reads `archive` while rendering/);
  });

  it("renders every bulk template from its item, the site and its `reads` alone", async () => {
    const modules = await loadPageModules(path.join(PROJECT_DIR, "src", "pages"), BULK_PAGES);
    const instances = pageInstances(modules, archive);
    for (const template of BULK_PAGES) {
      const own = instances.filter((instance) => instance.template === template);
      expect(own.length, `${template} makes no page from the fixture`).toBeGreaterThan(0);
      for (const instance of own) await expect(instance.render()).resolves.toBeTypeOf("string");
    }
  });

  it("fails a template that reads Eleventy's page, collections or a filter, naming it", async () => {
    const reading = (read: (this: Record<string, () => string>, data: never) => string) =>
      new Map<string, PageModule>([
        ["reads-eleventy.11ty.tsx", { data: { permalink: "/x/index.html" }, render: read }],
      ]);
    const cases = [
      function (data: { page: { url: string } }) {
        return data.page.url;
      },
      function (data: { collections: unknown }) {
        return String(data.collections);
      },
      function (this: Record<string, () => string>) {
        return this.slugify!();
      },
    ];
    const messages = [];
    for (const read of cases) {
      const [instance] = pageInstances(reading(read as never), archive);
      const error = await instance!.render().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TemplateDataError);
      messages.push((error as Error).message.split(",")[0]);
    }
    expect(messages).toEqual([
      "reads-eleventy.11ty.tsx reads `page`",
      "reads-eleventy.11ty.tsx reads `collections`",
      "reads-eleventy.11ty.tsx reads `this.slugify`",
    ]);
  });

  it("fails a paginated template that reads another template's alias", async () => {
    const modules = new Map<string, PageModule>([
      [
        "month.11ty.tsx",
        {
          data: {
            pagination: { data: "archive.monthPages", size: 1, alias: "monthPage" },
            permalink: (data) => `/m/${(data.monthPage as { url: string }).url}index.html`,
          },
          render: (data) => String((data as { termPage?: unknown }).termPage),
        },
      ],
    ]);
    const [instance] = pageInstances(modules, archive);
    await expect(instance!.render()).rejects.toThrow(/month\.11ty\.tsx reads `termPage`/);
  });
});

describe("the Eleventy configuration", () => {
  it("adds no transform but the search index's, which the bulk pages reach another way", async () => {
    const { siteConfig } = await import("../../eleventy.config.ts");
    const transforms: string[] = [];
    const config = {
      addTransform: (name: string) => transforms.push(name),
      addPlugin: (plugin: (config: unknown, options?: unknown) => void, options?: unknown) =>
        plugin(config, options),
      on: () => undefined,
      ignores: new Set<string>(),
      addGlobalData: () => config,
      addPassthroughCopy: () => config,
      addWatchTarget: () => undefined,
      addExtension: () => undefined,
      addTemplateFormats: () => undefined,
      setEventEmitterMode: () => undefined,
    };
    const root = makeFixtureSite({ articles: ARTICLES });
    siteConfig({ root })(config as never);
    // A transform does not reach the bulk pages (`BULK_PAGES`): apply it in writeBulkPages too,
    // as the search index gets their pages through `onPage`, then list it here.
    expect(transforms).toEqual(["search-index"]);
  });
});
