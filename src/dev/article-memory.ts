import type { Article } from "../content/article.ts";
import type { ArticleReader, ArticleStore } from "../content/load-articles.ts";
import { sameStamp, type FileStamp } from "../files/file-stamp.ts";

/**
 * Articles `npm start` keeps in memory between the updates of an edit, so that an update reads
 * only the files that changed and every other article stays the very object it was: the pages
 * that show only unchanged articles are then left alone. Valid for one site and registry.
 */
export class ArticleMemory implements ArticleStore {
  private readonly kept = new Map<string, FileStamp & { article: Article }>();
  /** Files read since the last `forgetUnread`. */
  private readonly read = new Set<string>();

  article(file: string, stamp: FileStamp, read: ArticleReader): Article {
    this.read.add(file);
    const hit = this.kept.get(file);
    if (hit && sameStamp(hit, stamp)) return hit.article;
    const article = read.complete(read.parse());
    this.keep(file, stamp, article);
    return article;
  }

  /** Keeps an article read elsewhere (the full build's). */
  keep(file: string, stamp: FileStamp, article: Article): void {
    this.kept.set(file, { ...stamp, article });
  }

  /** Forgets a file's article: it is read again next time, whatever its stamp says. */
  forget(file: string): void {
    this.kept.delete(file);
  }

  /** Forgets the articles of files not read since the last call: files removed meanwhile. */
  forgetUnread(): void {
    for (const file of this.kept.keys()) if (!this.read.has(file)) this.kept.delete(file);
    this.read.clear();
  }
}
