import { loadSite } from "../config/site.ts";
import { loadRegistry, TermResolver } from "../registry/registry.ts";
import { buildArchive, type Archive } from "../collections/archive.ts";
import { loadArticles } from "./load-articles.ts";

/** Reads site settings, registry and articles under `root` and builds the archive model. */
export function loadArchive(root: string, env: NodeJS.ProcessEnv = process.env): Archive {
  const site = loadSite(root, env);
  const registry = loadRegistry(root);
  const resolver = new TermResolver(registry);
  const articles = loadArticles(root, site, resolver);
  const archive = buildArchive(articles, site);
  archive.removedMarkup = [
    ...Object.values(registry).flatMap((kind) => kind.removedMarkup),
    ...archive.articles.flatMap((article) => article.removedMarkup),
  ];
  return archive;
}
