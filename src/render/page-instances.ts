import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { VNode } from "preact";
import type { Archive } from "../collections/archive.ts";
import { pageOutput } from "./page-output.ts";

type Data = Record<string, unknown> & { archive: Archive };

export interface PageModule {
  data?: Record<string, unknown> & {
    permalink?: string | ((data: Data) => string);
    pagination?: {
      data: string;
      size: number;
      alias: string;
      before?: (items: unknown, data: Data) => unknown[];
    };
  };
  /**
   * A bulk page's declaration of what it shows from the archive beside its pagination item (see
   * `BulkPageData`): its render gets what this returns as `reads`, and the site's settings, never
   * the archive, so the fingerprint of the page (item and reads) covers everything it shows.
   */
  reads?: (archive: Archive, item: never) => unknown;
  render(this: unknown, data: never): VNode | string | Promise<VNode | string>;
}

/** One output file of one page template: what Eleventy's pagination makes of each item. */
export interface PageInstance {
  template: string;
  /** Output path relative to the site folder, e.g. `topics/nato/index.html`. */
  output: string;
  /** The pagination item, or undefined for a single page. */
  item: unknown;
  /**
   * What the template's `reads` took from the archive for this page; absent for a template that
   * declares none (it gets the archive, and its page is rendered whenever anything changed).
   */
  reads?: { value: unknown };
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

/**
 * A template rendered here read what only Eleventy gives: `page`, `collections`, other global data,
 * or a filter on `this`.
 */
export class TemplateDataError extends Error {
  constructor(template: string, what: string) {
    super(
      `${template} reads ${what}, which Eleventy gives and pages rendered outside it do not have: the bulk pages (\`BULK_PAGES\`) and the pages \`npm start\` updates are rendered from \`archive\` and their pagination alias alone. Take it from the archive, or leave the template to Eleventy.`,
    );
    this.name = "TemplateDataError";
  }
}

/**
 * A bulk template read the archive in its render: what it shows beside its item must come from
 * its `reads`, which its page's fingerprint covers.
 */
export class UndeclaredReadError extends Error {
  constructor(template: string) {
    super(
      `${template} reads \`archive\` while rendering, but a page of a template that declares \`reads\` gets the archive only through it: the build cache and \`npm start\` render the page again when what \`reads\` returns changes, and would not notice a change to anything else. Return what the page needs from \`reads(archive, item)\` and take it from \`data.reads\`.`,
    );
    this.name = "UndeclaredReadError";
  }
}

/**
 * The data a template is rendered with here: its own `data`, `archive` (or, for a template that
 * declares `reads`, `site` and `reads`) and its pagination alias. Reading any other field throws a
 * `TemplateDataError` naming the template, instead of rendering a page that differs from
 * Eleventy's rendering of it (where `page.url`, say, is set); reading `archive` where `reads`
 * stands for it throws an `UndeclaredReadError`.
 */
function onlyOwnData(template: string, data: Record<string, unknown>): Data {
  return new Proxy(data as Data, {
    get(target, key, receiver) {
      if (typeof key === "string" && !(key in target)) {
        if (key === "archive") throw new UndeclaredReadError(template);
        throw new TemplateDataError(template, `\`${key}\``);
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

/** `this` for a template's `render`: Eleventy puts its filters there; here there are none. */
function noFilters(template: string): object {
  return new Proxy(
    {},
    {
      get(_target, key) {
        if (typeof key === "string") throw new TemplateDataError(template, `\`this.${key}\``);
        return undefined;
      },
    },
  );
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
    const pagination = module.data?.pagination;
    if (!pagination) {
      instances.push(pageInstance(template, module, archive));
      continue;
    }
    const data: Data = { ...module.data, archive };
    let items = lookup(data, pagination.data);
    if (pagination.before) items = pagination.before(items, data);
    for (const item of items as unknown[]) {
      instances.push(pageInstance(template, module, archive, item));
    }
  }
  return instances;
}

/** Each template's `this`, made once. */
const contexts = new WeakMap<PageModule, object>();

/**
 * The page of one template for one pagination item of `archive` (none for a template that does
 * not paginate), as `pageInstances` makes it.
 */
export function pageInstance(
  template: string,
  module: PageModule,
  archive: Archive,
  item?: unknown,
): PageInstance {
  const base: Data = { ...module.data, archive };
  const pagination = module.data?.pagination;
  let own: Record<string, unknown> = base;
  let reads: { value: unknown } | undefined;
  if (pagination && module.reads) {
    // The archive stays out of the page's data: what it shows beside its item is `reads`.
    const value = module.reads(archive, item as never);
    own = { ...base, site: archive.site, reads: value, [pagination.alias]: item };
    delete own.archive;
    reads = { value };
  } else if (pagination) own = { ...base, [pagination.alias]: item };
  const data = onlyOwnData(template, own);
  let context = contexts.get(module);
  if (!context) contexts.set(module, (context = noFilters(template)));
  const permalink = module.data?.permalink;
  const output = (typeof permalink === "function" ? permalink(data) : (permalink ?? "")).replace(
    /^\/+/,
    "",
  );
  return {
    template,
    output,
    item,
    ...(reads ? { reads } : {}),
    render: async () => pageOutput(await module.render.call(context, data as never)),
  };
}
