import { loadSite, type Site } from "../config/site.ts";
import { loadRegistry, TermResolver } from "../registry/registry.ts";
import { loadArticles, type ArticleStore } from "../content/load-articles.ts";
import type { ArchiveInputs } from "../content/archive-inputs.ts";
import { buildArchive, type Archive } from "./archive.ts";

/** Articles kept between builds (the build cache's). */
export interface ArchiveStore extends ArticleStore {
  /** Writes what changed, once every article is read. */
  save(): void;
}

/**
 * Reads site settings, registry and articles under `root` and builds the archive model. `env`
 * holds the settings' overrides (SITE_URL, PATH_PREFIX…, see `loadSite`): none unless given. With
 * a store (the build cache's), articles unchanged since it was written are not parsed again.
 */
export function loadArchive(
  root: string,
  env: NodeJS.ProcessEnv = {},
  options: {
    store?: (site: Site) => ArchiveStore;
    /** The archive's files as the build stamped them, for the store: listed and stamped anew else. */
    inputs?: ArchiveInputs;
  } = {},
): Archive {
  const site = loadSite(root, env);
  const registry = loadRegistry(root);
  const resolver = new TermResolver(registry);
  const store = options.store?.(site);
  const articles = loadArticles(root, site, resolver, store, options.inputs);
  store?.save();
  const archive = buildArchive(articles, site);
  archive.removedMarkup = [
    ...Object.values(registry).flatMap((kind) => kind.removedMarkup),
    ...archive.articles.flatMap((article) => article.removedMarkup),
  ];
  return archive;
}
