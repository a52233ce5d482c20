import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { VNode } from "preact";
import type { Archive } from "../collections/archive.ts";
import { pageOutput } from "./page-output.ts";

type Data = Record<string, unknown> & { archive: Archive };

interface PageModule {
  data?: Record<string, unknown> & {
    permalink?: string | ((data: Data) => string);
    pagination?: {
      data: string;
      size: number;
      alias: string;
      before?: (items: unknown, data: Data) => unknown[];
    };
  };
  render(data: Data): VNode | string | Promise<VNode | string>;
}

/** One output file of one page template: what Eleventy's pagination makes of each item. */
export interface PageInstance {
  template: string;
  /** Output path relative to the site folder, e.g. `topics/nato/index.html`. */
  output: string;
  /** The pagination item, or undefined for a single page. */
  item: unknown;
  render(): Promise<string>;
}

/**
 * The page templates in `pagesDir` by file name: every one in name order, or those named in
 * `only`, in that order.
 */
export async function loadPageModules(
  pagesDir: string,
  only?: readonly string[],
): Promise<Map<string, PageModule>> {
  const modules = new Map<string, PageModule>();
  const files =
    only ??
    readdirSync(pagesDir)
      .filter((f) => f.endsWith(".11ty.tsx"))
      .sort();
  for (const file of files) {
    modules.set(file, (await import(pathToFileURL(path.join(pagesDir, file)).href)) as PageModule);
  }
  return modules;
}

function lookup(data: Record<string, unknown>, dotted: string): unknown {
  return dotted
    .split(".")
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], data);
}

/**
 * Every output file the page templates make from an archive, the way Eleventy paginates them
 * (each template here paginates one item per page). The build writes the templates with one page
 * per article, term or list page this way, and `npm start` re-renders only the pages an edit
 * touches, from the same templates.
 */
export function pageInstances(modules: Map<string, PageModule>, archive: Archive): PageInstance[] {
  const instances: PageInstance[] = [];
  for (const [template, module] of modules) {
    const base: Data = { ...module.data, archive };
    const make = (data: Data, item: unknown) => {
      const permalink = module.data?.permalink;
      const output = (
        typeof permalink === "function" ? permalink(data) : (permalink ?? "")
      ).replace(/^\/+/, "");
      instances.push({
        template,
        output,
        item,
        render: async () => pageOutput(await module.render(data)),
      });
    };
    const pagination = module.data?.pagination;
    if (!pagination) {
      make(base, undefined);
      continue;
    }
    let items = lookup(base, pagination.data);
    if (pagination.before) items = pagination.before(items, base);
    for (const item of items as unknown[]) make({ ...base, [pagination.alias]: item }, item);
  }
  return instances;
}
