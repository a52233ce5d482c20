// The search page, on Pagefind's JS API. It keeps its state in the URL (see search-state.ts), ORs
// the values of one facet and ANDs the facets (Pagefind's own UIs AND the values of one filter),
// and shows facet counts for the current query.
// Results come first; the counts follow, since they need Pagefind's filter index, which at archive
// scale weighs as much as everything else a first search downloads.
// The page holds still while a search runs: each change (status, results, facets) is made in one
// step, once its data is in, into space the stylesheet keeps for it, so nothing a reader already
// sees moves when the next part arrives.
// @see https://pagefind.app/docs/api/
import { BundledSearch, describeBundles, type Order } from "./bundled-search.ts";
import type { SearchIndexInfo } from "../search/bundle-info.ts";
import { judgeFallback } from "./prefix-fallback.ts";
import { loadPagefind } from "./load-pagefind.ts";
import { offerOffline } from "./offline-offer.ts";
import type { PagefindFilterCounts, PagefindResult } from "./pagefind.d.ts";
import {
  FACET_VALUES_SHOWN,
  facetEntries,
  formatDate,
  hasMore,
  localUrl,
  nextPage,
  statusText,
} from "./search-display.ts";
import {
  hasSearch,
  pagefindFilters,
  readState,
  searchOptions,
  stateUrl,
  toSort,
  type SearchState,
} from "./search-state.ts";

/** Results added at a time. */
const PAGE = 10;

/** The element with this id, of this type; the page's markup (search.11ty.tsx) has them all. */
function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`The search page has no #${id}`);
  return found;
}

function element(tag: string, attributes: Record<string, string> = {}, text?: string): HTMLElement {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * The search index's description, as the build wrote it into the page; a page built without the
 * index (a pages-only build) has none, and searches nothing.
 */
function readIndexInfo(attribute: string | undefined): SearchIndexInfo {
  try {
    const info = JSON.parse(attribute ?? "") as SearchIndexInfo;
    if (Array.isArray(info.bundles)) return info;
  } catch {
    // The placeholder of a build without the search index.
  }
  return { bundles: [], version: "", language: "en", includeCharacters: [], perPack: 1 };
}

function searchPage(root: HTMLElement): void {
  const form = byId("search-form", HTMLFormElement);
  const input = byId("search-query", HTMLInputElement);
  const sortSelect = byId("search-sort", HTMLSelectElement);
  const status = byId("search-status", HTMLElement);
  const list = byId("search-results", HTMLElement);
  const more = byId("search-more", HTMLButtonElement);
  const facetBox = byId("search-facets", HTMLElement);
  const facetSets = [...root.querySelectorAll<HTMLFieldSetElement>("fieldset[data-facet]")];
  const facetOf = (set: HTMLFieldSetElement) => set.dataset.facet ?? "";
  const FACETS = facetSets.map(facetOf);
  /** Each facet's kind in words ("place"), to tell apart values of the same name. */
  const KINDS = Object.fromEntries(
    facetSets.map((set) => [facetOf(set), set.querySelector("legend")?.textContent?.trim() ?? ""]),
  );

  let searcherPromise: Promise<BundledSearch> | undefined;
  /** Whether the index's files reached no server (see `SearchFiles.unreachable`). */
  let unreachable = () => !navigator.onLine;
  let loaded: BundledSearch | undefined;
  let results: PagefindResult[] = [];
  /** Whether `results` holds every result, or only the newest ones found so far. */
  let complete = true;
  let shown = 0;
  let generation = 0;

  // Opened from the file system, the page loads Pagefind from the portable build's scripts and
  // makes result links relative.
  const FROM_FILE = window.location.protocol === "file:";
  const siteRoot = document.documentElement.dataset.base ?? "/";
  const base = new URL(root.dataset.bundlePath ?? "", window.location.href).href;
  const index = readIndexInfo(root.dataset.searchIndex);

  let pagefindPromise: ReturnType<typeof loadPagefind> | undefined;
  const pagefind = () =>
    (pagefindPromise ??= loadPagefind(base, root.dataset.baseUrl || "/", FROM_FILE, index).then(
      (loadedPagefind) => {
        const { files } = loadedPagefind;
        unreachable = () => !navigator.onLine || files.unreachable;
        return loadedPagefind;
      },
    ));
  /** Every bundle, searched as one, on a Pagefind instance of its own. */
  const bundledSearch = async () => {
    const { open, options, files } = await pagefind();
    return new BundledSearch(
      index.bundles,
      (info, instanceOptions) => open(`${base}${info.dir}`, instanceOptions),
      (info) => `${base}${info.dir}`,
      options,
      (query, tags) =>
        judgeFallback(query, new Map(tags.map((tag) => [tag, files.wordsOf(tag)])), index.language),
      () => files.brokenTags(),
    );
  };
  /** The results' instance. It never loads the filter index but for a search with filters. */
  const searcher = () =>
    (searcherPromise ??= bundledSearch().then((made) => {
      made.countsFilters = false;
      return (loaded = made);
    }));
  /**
   * The facet counts' instance: once Pagefind has loaded an instance's filter index, its every
   * search counts every filter value, which at archive scale costs more than the search itself, so
   * the results' searches run on an instance without it and the counts follow on this one (the
   * index's files, fetched once, are the browser's to reuse).
   */
  let counterPromise: Promise<BundledSearch> | undefined;
  const counter = () =>
    (counterPromise ??= bundledSearch().then(async (made) => {
      await made.filters();
      return made;
    }));
  const orderOf = (state: SearchState): Order => (state.sort === "newest" ? "newest" : "relevance");

  function writeState(state: SearchState, push: boolean): void {
    const url = stateUrl(window.location.pathname, state, FACETS);
    if (url === `${window.location.pathname}${window.location.search}`) return;
    try {
      window.history[push ? "pushState" : "replaceState"](null, "", url);
    } catch {
      // Some browsers refuse to change a file:// page's URL; the search still runs.
    }
  }

  function currentState(): SearchState {
    const state: SearchState = {
      q: input.value.trim(),
      sort: toSort(sortSelect.value),
      filters: {},
    };
    for (const set of facetSets) {
      const values = [...set.querySelectorAll<HTMLInputElement>("input:checked")].map(
        (box) => box.value,
      );
      if (values.length) state.filters[facetOf(set)] = values;
    }
    return state;
  }

  /**
   * Facet counts: each facet is counted with every other facet applied, so its own values stay
   * ORed. They are counted on an instance of their own (see `counter`), after the results.
   */
  async function facetCounts(state: SearchState): Promise<PagefindFilterCounts> {
    const counting = await counter();
    const query = state.q || null;
    const everywhere = async (filters: ReturnType<typeof pagefindFilters>) =>
      (await counting.search(query, { filters }, "relevance", Infinity))?.search;
    const search = await everywhere(pagefindFilters(state.filters));
    const counts: PagefindFilterCounts = {};
    for (const facet of FACETS) {
      const counted = state.filters[facet]
        ? await everywhere(pagefindFilters(state.filters, facet))
        : search;
      counts[facet] = counted?.filters?.[facet] ?? {};
    }
    return counts;
  }

  function renderFacets(counts: PagefindFilterCounts, state: SearchState): void {
    for (const set of facetSets) {
      const facet = facetOf(set);
      const selected = new Set(state.filters[facet] ?? []);
      const entries = facetEntries(facet, counts[facet] ?? {}, selected);
      set.querySelector("ul")?.replaceChildren(
        ...entries.slice(0, FACET_VALUES_SHOWN).map(([value, count], i) => {
          const id = `facet-${facet}-${i}`;
          const li = element("li");
          const box = element("input", { type: "checkbox", id, value }) as HTMLInputElement;
          box.checked = selected.has(value);
          const label = element("label", { for: id });
          label.append(
            document.createTextNode(`${value} `),
            element("span", { class: "facet-count" }, `(${count})`),
          );
          li.append(box, label);
          return li;
        }),
      );
      set.hidden = entries.length === 0;
    }
  }

  /**
   * A result's link. Over HTTP it names the story's search data (`story=<id>`), from which the
   * service worker shows an offline copy of a story never opened (src/browser/service-worker.ts).
   */
  function resultHref(url: string, id: string): string {
    const href = localUrl(url, "/", siteRoot, FROM_FILE);
    if (FROM_FILE) return href;
    const link = new URL(href, window.location.href);
    link.searchParams.set("story", id);
    return link.origin === window.location.origin
      ? `${link.pathname}${link.search}${link.hash}`
      : link.href;
  }

  /** Results whose data could not be loaded (offline, their bundle not saved). */
  let unreadable = 0;

  /**
   * List items for results `from` to `to`, built once their data is in; a result whose data
   * cannot be loaded is left out and counted in `unreadable`.
   */
  async function resultItems(from: number, to: number): Promise<HTMLElement[]> {
    const settled = await Promise.allSettled(
      results.slice(from, to).map((result) => result.data()),
    );
    const data = settled.flatMap((outcome) =>
      outcome.status === "fulfilled" ? [outcome.value] : [],
    );
    unreadable += settled.length - data.length;
    const ids = results
      .slice(from, to)
      .filter((_, i) => settled[i]!.status === "fulfilled")
      .map((result) => result.id);
    return data.map((item, i) => {
      const id = ids[i]!;
      const li = element("li");
      const article = element("article", {
        class: item.meta.image ? "article-summary with-thumbnail" : "article-summary",
      });
      const heading = element("h2");
      heading.append(element("a", { href: resultHref(item.url, id) }, item.meta.title ?? item.url));
      article.append(heading);
      if (item.meta.date) {
        const time = element("time", { datetime: item.meta.date }, formatDate(item.meta.date));
        const meta = element("p", { class: "meta" });
        meta.append(time);
        article.append(meta);
      }
      // Pagefind's excerpt is text from our own pages with the matches wrapped in <mark>.
      const excerpt = element("p", { class: "excerpt" });
      excerpt.innerHTML = item.excerpt;
      article.append(excerpt);
      if (item.meta.image) {
        // Decorative, as in the site's lists; its box is sized by the stylesheet before the file
        // arrives, so the text beside it does not move when it does.
        article.append(
          element("img", {
            class: "thumbnail result-thumb",
            src: item.meta.image,
            alt: "",
            loading: "lazy",
          }),
        );
      }
      li.append(article);
      return li;
    });
  }

  /** Searches for `state`; whatever fails, the status line says so (it never stays "Searching…"). */
  async function run(state: SearchState): Promise<void> {
    const mine = ++generation;
    try {
      await runSearch(state, mine);
    } catch {
      if (mine !== generation) return;
      status.textContent = loadFailure();
      list.setAttribute("aria-busy", "false");
      facetBox.setAttribute("aria-busy", "false");
    }
  }

  /** Why nothing could be searched. */
  function loadFailure(): string {
    return unreachable()
      ? "You are offline, and this archive's search is not saved on this device. Save it for offline use from this page when you are back online."
      : "Search could not be loaded. Reload the page to try again.";
  }

  async function runSearch(state: SearchState, mine: number): Promise<void> {
    unreadable = 0;
    input.value = state.q;
    sortSelect.value = state.sort;
    if (!hasSearch(state)) {
      status.textContent = "";
      list.replaceChildren();
      more.hidden = true;
      for (const set of facetSets) set.hidden = true;
      return;
    }
    // The previous results stay until the new ones replace them, dimmed meanwhile.
    status.textContent = "Searching…";
    list.setAttribute("aria-busy", "true");
    // Tells assistive technology (and tests) that the facet counts are being updated.
    facetBox.setAttribute("aria-busy", "true");
    const searching = await searcher();
    const order = orderOf(state);
    const found = await searching.search(state.q || null, searchOptions(state), order, PAGE);
    if (mine !== generation) return;
    if (!found) {
      status.textContent = loadFailure();
      list.setAttribute("aria-busy", "false");
      facetBox.setAttribute("aria-busy", "false");
      return;
    }
    results = found.results;
    complete = found.complete;
    const page = nextPage(0, results.length, PAGE);
    const items = await resultItems(page.from, page.to);
    if (mine !== generation) return;
    // One step: the status line, the results and the button below them change together.
    shown = page.to;
    list.replaceChildren(...items);
    list.setAttribute("aria-busy", "false");
    more.hidden = !hasMore(shown, results.length) && complete;
    status.textContent = statusLine(state);
    // Shown: every pack's table of offsets loads now, for the results after these.
    void pagefind().then(({ files }) => files.prefetchTables());
    // Newest first stopped at the bundles that filled the page: the rest count the results.
    if (!complete) {
      const all = await searching.search(state.q || null, searchOptions(state), order, Infinity);
      if (mine !== generation || !all) return;
      results = all.results;
      complete = true;
      more.hidden = !hasMore(shown, results.length);
      status.textContent = statusLine(state);
    }
    let counts: PagefindFilterCounts;
    try {
      counts = await facetCounts(state);
    } catch {
      // The results stand; only their facet counts could not be loaded.
      counts = {};
    }
    if (mine !== generation) return;
    renderFacets(counts, state);
    facetBox.setAttribute("aria-busy", "false");
    status.textContent = statusLine(state);
  }

  /** The status line: the results' number (a lower bound until every bundle is searched). */
  function statusLine(state: SearchState): string {
    const line = statusText(state, results.length, KINDS, complete);
    const failed = loaded?.failed ?? [];
    // A period whose bundle could not be loaded is named, so a reader knows what was missed.
    const missed = !failed.length
      ? ""
      : !unreachable()
        ? ` Stories from ${describeBundles(failed, formatDate)} could not be searched; reload to try again.`
        : ` Stories from ${describeBundles(failed, formatDate)} are not saved for offline use.`;
    const unread = unreadable
      ? ` ${unreadable} ${unreadable === 1 ? "result" : "results"} could not be shown${unreachable() ? " offline" : ""}.`
      : "";
    return `${line}${missed}${unread}`;
  }

  /** Puts the form's state in the URL (a new history entry when `push`) and searches. */
  const searchNow = (push: boolean) => {
    const state = currentState();
    writeState(state, push);
    void run(state);
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => searchNow(false), 250);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    searchNow(true);
  });
  sortSelect.addEventListener("change", () => searchNow(true));
  root.addEventListener("change", (event) => {
    if (!(event.target instanceof HTMLInputElement) || event.target.type !== "checkbox") return;
    searchNow(true);
  });
  more.addEventListener("click", () => {
    const mine = generation;
    showMore(mine).catch(() => {
      if (mine === generation) status.textContent = loadFailure();
    });
  });

  async function showMore(mine: number): Promise<void> {
    // Newest first, still short of every bundle: the next bundles fill the next page.
    if (!complete && loaded && shown + PAGE > results.length) {
      const state = readState(window.location.search, FACETS);
      const found = await loaded.search(
        state.q || null,
        searchOptions(state),
        "newest",
        shown + PAGE,
      );
      if (mine !== generation || !found) return;
      if (!complete) results = found.results;
    }
    const page = nextPage(shown, results.length, PAGE);
    const before = list.children.length;
    const items = await resultItems(page.from, page.to);
    if (mine !== generation) return;
    list.append(...items);
    shown = page.to;
    more.hidden = !hasMore(shown, results.length);
    status.textContent = statusLine(readState(window.location.search, FACETS));
    list.children[before]?.querySelector("a")?.focus();
  }
  window.addEventListener("popstate", () => void run(readState(window.location.search, FACETS)));

  const initial = readState(window.location.search, FACETS);
  void run(initial);
  if (!FROM_FILE) void offerOffline(new URL(siteRoot, window.location.href)).catch(() => undefined);
  if (!initial.q) input.focus();
}

const root = document.getElementById("search");
if (root) searchPage(root);
