import { readFileSync } from "node:fs";
import { shortHash } from "../files/short-hash.ts";
import type { SearchIndexSession } from "./build-search-index.ts";
import { bundleContext, bundleFingerprint, searchTextHash } from "./bundle-fingerprint.ts";
import type { BundlePlan, SearchBundle } from "./bundles.ts";
import { searchDocument } from "./search-document.ts";

/** What indexing with the build cache asks of it (see src/cache/build-cache.ts). */
export interface IndexCache {
  /** The cached build's context of a bundle (see `bundleContext`), to tell early that it changed. */
  previousContext(id: string): string | undefined;
  /** The `searchTextHash` of an article page's search text in the published build. */
  previousDocument(output: string): string | undefined;
  /** The same for a page the cache reused (kept or linked) instead of rendering it. */
  reusedDocument(output: string): string | undefined;
  /** Records, for the next build, an article page's search text hash and a bundle's fingerprint. */
  recordDocument(output: string, hash: string): void;
  recordBundle(id: string, context: string, fingerprint: string): void;
  /**
   * Links the cached build's copy of a bundle into `siteDir` when it had this bundle with this
   * fingerprint; returns whether it did.
   */
  reuseBundle(bundle: SearchBundle, fingerprint: string, siteDir: string): boolean;
  /** What the build reports: the bundles indexed and reused. */
  readonly report: { bundlesIndexed: string[]; bundlesReused: string[] };
}

/** What one bundle of a cached build has been given so far. */
interface BundleProgress {
  bundle: SearchBundle;
  context: string;
  /** Output → hash of the search text, for every page received. */
  documents: Map<string, string>;
  /** Pages held back while the bundle may still be reused: the text, or the linked file. */
  held: Array<{ output: string; document?: string; file?: string }>;
  mode: "undecided" | "indexing" | "reused";
}

/**
 * Indexing with the build cache. A bundle is reused when every one of its pages hands Pagefind the
 * same text as in the cached build (and its days, size, vocabulary and fragment count are the same),
 * which a change elsewhere on an article page (its related articles, say) does not affect. Pages are
 * held back until their bundle is decided: at the first page whose text changed, the bundle's
 * Pagefind process starts with the pages held; once the last page is in and none changed, the cached
 * bundle is linked and Pagefind never starts.
 */
export class CachedIndexing {
  private readonly progress = new Map<string, BundleProgress>();

  constructor(
    private readonly cache: IndexCache,
    private readonly plan: BundlePlan,
    private readonly session: SearchIndexSession,
    private readonly siteDir: string,
    language: string,
  ) {
    const vocabulary = shortHash((plan.vocabulary ?? []).join(" "));
    const totalPages = plan.bundleOf.size;
    for (const bundle of plan.bundles) {
      const context = bundleContext(bundle, { language, vocabulary, totalPages });
      const mode = cache.previousContext(bundle.id) === context ? "undecided" : "indexing";
      if (mode === "indexing") cache.report.bundlesIndexed.push(bundle.id);
      this.progress.set(bundle.id, { bundle, context, documents: new Map(), held: [], mode });
    }
  }

  /** A rendered article page's search text. */
  rendered(output: string, document: string): Promise<void> | undefined {
    return this.receive(output, searchTextHash(document), { output, document });
  }

  /** An article page linked from the cached build: its text is the cached build's. */
  linked(output: string, file: string): Promise<void> | undefined {
    const known = this.cache.reusedDocument(output);
    if (known !== undefined) return this.receive(output, known, { output, file });
    const document = searchDocument(readFileSync(file, "utf8"));
    return this.receive(output, searchTextHash(document), { output, document });
  }

  private receive(
    output: string,
    hash: string,
    page: { output: string; document?: string; file?: string },
  ): Promise<void> | undefined {
    const id = this.plan.bundleOf.get(output);
    const progress = id === undefined ? undefined : this.progress.get(id);
    // Not in any bundle: the session reports the mismatch, as without the cache.
    if (!progress) return this.session.add(output, page.document ?? "");
    progress.documents.set(output, hash);
    this.cache.recordDocument(output, hash);
    let wait: Promise<void> | undefined;
    if (progress.mode === "indexing") wait = this.add(page);
    else {
      progress.held.push(page);
      if (hash !== this.cache.previousDocument(output)) wait = this.startIndexing(progress);
    }
    if (progress.documents.size === progress.bundle.pages) {
      const fingerprint = bundleFingerprint(progress.context, progress.documents);
      this.cache.recordBundle(progress.bundle.id, progress.context, fingerprint);
      if (progress.mode === "undecided") {
        if (this.cache.reuseBundle(progress.bundle, fingerprint, this.siteDir)) {
          progress.mode = "reused";
          progress.held = [];
          this.session.skip(progress.bundle.id);
          this.cache.report.bundlesReused.push(progress.bundle.id);
        } else wait = this.startIndexing(progress);
      }
    }
    return wait;
  }

  /** Starts the bundle's Pagefind process with the pages held back. */
  private startIndexing(progress: BundleProgress): Promise<void> | undefined {
    progress.mode = "indexing";
    this.cache.report.bundlesIndexed.push(progress.bundle.id);
    const held = progress.held;
    progress.held = [];
    const waits = held.map((page) => this.add(page)).filter(Boolean);
    return waits.length ? Promise.all(waits).then(() => undefined) : undefined;
  }

  private add(page: { output: string; document?: string; file?: string }) {
    const document = page.document ?? searchDocument(readFileSync(page.file!, "utf8"));
    return this.session.add(page.output, document);
  }
}
