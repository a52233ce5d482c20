import { loadSite, type Site } from "../config/site.ts";
import type { ParsedArticleStore } from "../cache/parsed-articles.ts";
import { loadRegistry, TermResolver } from "../registry/registry.ts";
import { buildArchive, type Archive } from "./archive.ts";
import { loadArticles } from "../content/load-articles.ts";

/**
 * Reads site settings, registry and articles under `root` and builds the archive model. With a
 * store (the build cache's), articles unchanged since it was written are not parsed again.
 */
export function loadArchive(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  options: { store?: (site: Site) => ParsedArticleStore } = {},
): Archive {
  const site = loadSite(root, env);
  const registry = loadRegistry(root);
  const resolver = new TermResolver(registry);
  const store = options.store?.(site);
  const articles = loadArticles(root, site, resolver, undefined, store);
  store?.save();
  const archive = buildArchive(articles, site);
  // The words of every published article, split once per folder of articles the store kept.
  if (store) archive.textWords = store.textWords();
  archive.removedMarkup = [
    ...Object.values(registry).flatMap((kind) => kind.removedMarkup),
    ...archive.articles.flatMap((article) => article.removedMarkup),
  ];
  return archive;
}
