// The search page, on Pagefind's JS API. It keeps its state in the URL
// (?q=…&topic=…&person=…&year=…&sort=newest), ORs the values of one facet and ANDs the facets
// (Pagefind's own UIs AND the values of one filter), and shows facet counts for the current query.
// Results come first; the counts follow, since they need Pagefind's filter index, which at archive
// scale weighs as much as everything else a first search downloads.
// The page holds still while a search runs: each change (status, results, facets) is made in one
// step, once its data is in, into space the stylesheet keeps for it, so nothing a reader already
// sees moves when the next part arrives.
// @see https://pagefind.app/docs/api/
(() => {
  const root = document.getElementById("search");
  if (!root) return;
  const form = document.getElementById("search-form");
  const input = document.getElementById("search-query");
  const sortSelect = document.getElementById("search-sort");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more");
  const facetBox = document.getElementById("search-facets");
  const facetSets = [...root.querySelectorAll("fieldset[data-facet]")];
  const FACETS = facetSets.map((set) => set.dataset.facet);
  /** Each facet's kind in words ("place"), to tell apart values of the same name. */
  const KINDS = Object.fromEntries(
    facetSets.map((set) => [set.dataset.facet, set.querySelector("legend").textContent.trim()]),
  );
  const PAGE = 10;

  let pagefindPromise;
  let filtersPromise;
  let filtersLoaded = false;
  let results = [];
  let shown = 0;
  let generation = 0;

  // Opened from the file system, the page may not import modules or fetch: the portable build
  // ships Pagefind as a classic script and each of its files as a script that hands over its
  // bytes, loaded only when Pagefind asks for that file.
  const FROM_FILE = window.location.protocol === "file:";
  const siteRoot = document.documentElement.dataset.base ?? "/";
  const bundle = new URL(root.dataset.bundlePath, window.location.href).href;

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`Could not load ${src}`));
      document.head.append(script);
    });
  }

  function pagefindFromFiles() {
    const files = new Map();
    window.__pagefindFile = (name, base64) => files.set(name, base64);
    const loading = new Map();
    const networkFetch = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const url = new URL(typeof input === "string" ? input : input.url, window.location.href);
      const href = url.href.replace(/[?#].*$/, "");
      if (!href.startsWith(bundle)) return networkFetch(input, init);
      const name = href.slice(bundle.length);
      if (!loading.has(name)) loading.set(name, loadScript(`${bundle}file/${name}.js`));
      await loading.get(name);
      const bytes = Uint8Array.from(atob(files.get(name)), (c) => c.charCodeAt(0));
      files.delete(name);
      const type = name.endsWith(".json") ? "application/json" : "application/octet-stream";
      return new Response(bytes, { status: 200, headers: { "content-type": type } });
    };
    return loadScript(`${bundle}pagefind-classic.js`).then(() => window.__pagefindModule);
  }

  function loadPagefind() {
    pagefindPromise ??= (FROM_FILE ? pagefindFromFiles() : import(`${bundle}pagefind.js`)).then(
      async (pagefind) => {
        await pagefind.options({
          baseUrl: FROM_FILE ? "/" : root.dataset.baseUrl || "/",
          excerptLength: 30,
          highlightParam: "highlight",
          // Workers cannot start from file://; Pagefind then searches on the page itself.
          ...(FROM_FILE ? { basePath: bundle, noWorker: true } : {}),
        });
        await pagefind.init();
        return pagefind;
      },
    );
    return pagefindPromise;
  }

  /** A site URL as this page can open it: unchanged over HTTP, relative with index.html from disk. */
  function local(url, prefix) {
    if (!FROM_FILE || !url.startsWith(prefix)) return url;
    const [, path, rest] = /^([^?#]*)(.*)$/.exec(url.slice(prefix.length));
    return `${siteRoot}${path === "" || path.endsWith("/") ? `${path}index.html` : path}${rest}`;
  }

  function readState() {
    const params = new URLSearchParams(window.location.search);
    const state = {
      q: (params.get("q") ?? "").trim(),
      sort: params.get("sort") === "newest" ? "newest" : "",
      filters: {},
    };
    for (const facet of FACETS) {
      const values = params.getAll(facet).filter(Boolean);
      if (values.length) state.filters[facet] = values;
    }
    return state;
  }

  function writeState(state, push) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const facet of FACETS)
      for (const value of state.filters[facet] ?? []) params.append(facet, value);
    if (state.sort) params.set("sort", state.sort);
    const query = params.toString();
    const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
    if (url === `${window.location.pathname}${window.location.search}`) return;
    try {
      window.history[push ? "pushState" : "replaceState"](null, "", url);
    } catch {
      // Some browsers refuse to change a file:// page's URL; the search still runs.
    }
  }

  function currentState() {
    const state = { q: input.value.trim(), sort: sortSelect.value, filters: {} };
    for (const set of facetSets) {
      const values = [...set.querySelectorAll("input:checked")].map((box) => box.value);
      if (values.length) state.filters[set.dataset.facet] = values;
    }
    return state;
  }

  function pagefindFilters(filters, except) {
    const out = {};
    for (const [facet, values] of Object.entries(filters)) {
      if (facet !== except) out[facet] = { any: values };
    }
    return out;
  }

  function hasSearch(state) {
    return Boolean(state.q) || Object.keys(state.filters).length > 0;
  }

  function element(tag, attributes = {}, text) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /**
   * Facet counts: each facet is counted with every other facet applied, so its own values stay
   * ORed. Searches count filter values only once Pagefind has loaded its filter index, which is
   * loaded here, after the first results, rather than before them; `search` is the results'
   * search when it already counted them.
   */
  async function facetCounts(pagefind, state, search) {
    const query = state.q || null;
    if (!search) {
      filtersPromise ??= pagefind.filters().then(() => {
        filtersLoaded = true;
      });
      await filtersPromise;
      search = await pagefind.search(query, { filters: pagefindFilters(state.filters) });
    }
    const counts = {};
    for (const facet of FACETS) {
      const counted = state.filters[facet]
        ? await pagefind.search(query, { filters: pagefindFilters(state.filters, facet) })
        : search;
      counts[facet] = counted?.filters?.[facet] ?? {};
    }
    return counts;
  }

  function renderFacets(counts, state) {
    for (const set of facetSets) {
      const facet = set.dataset.facet;
      const selected = new Set(state.filters[facet] ?? []);
      const entries = Object.entries(counts[facet] ?? {}).filter(
        ([value, count]) => count > 0 || selected.has(value),
      );
      for (const value of selected)
        if (!entries.some(([v]) => v === value)) entries.push([value, 0]);
      entries.sort((a, b) =>
        facet === "year" ? b[0].localeCompare(a[0]) : b[1] - a[1] || a[0].localeCompare(b[0]),
      );
      const ul = set.querySelector("ul");
      ul.replaceChildren(
        ...entries.slice(0, 30).map(([value, count], i) => {
          const id = `facet-${facet}-${i}`;
          const li = element("li");
          const box = element("input", { type: "checkbox", id, value });
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

  /** List items for results `from` to `upTo`, built once their data is in. */
  async function resultItems(from, upTo) {
    const data = await Promise.all(results.slice(from, upTo).map((result) => result.data()));
    return data.map((item) => {
      const li = element("li");
      const article = element("article", {
        class: item.meta.image ? "article-summary with-thumbnail" : "article-summary",
      });
      const heading = element("h2");
      heading.append(element("a", { href: local(item.url, "/") }, item.meta.title ?? item.url));
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

  function formatDate(iso) {
    const date = new Date(`${iso}T12:00:00Z`);
    if (Number.isNaN(date.getTime())) return iso;
    return date.toLocaleDateString("en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });
  }

  function describe(state, count) {
    const words = state.q ? ` for “${state.q}”` : "";
    const narrowed = Object.entries(state.filters).flatMap(([facet, values]) =>
      values.map((value) => ({ facet, value })),
    );
    // A place and a topic may share a name ("United States"): such values say their kind.
    const repeated = (value) => narrowed.filter((other) => other.value === value).length > 1;
    const names = narrowed.map(({ facet, value }) =>
      repeated(value) ? `${value} · ${KINDS[facet].toLowerCase()}` : value,
    );
    const filters = names.length ? `, narrowed to ${names.join(", ")}` : "";
    return `${count === 1 ? "1 result" : `${count} results`}${words}${filters}.`;
  }

  async function run(state) {
    const mine = ++generation;
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
    const pagefind = await loadPagefind();
    // Once the filter index is loaded, the results' search counts the facets too.
    const counting = filtersLoaded;
    const search = await pagefind.search(state.q || null, {
      filters: pagefindFilters(state.filters),
      sort: state.sort === "newest" ? { date: "desc" } : undefined,
    });
    if (mine !== generation || !search) return;
    const found = search.results;
    results = found;
    const items = await resultItems(0, Math.min(PAGE, found.length));
    if (mine !== generation) return;
    // One step: the status line, the results and the button below them change together.
    shown = items.length;
    list.replaceChildren(...items);
    list.setAttribute("aria-busy", "false");
    more.hidden = shown >= found.length;
    status.textContent =
      found.length === 0
        ? `No results${state.q ? ` for “${state.q}”` : ""}. Check the spelling, use fewer words, or remove a filter.`
        : describe(state, found.length);
    const counts = await facetCounts(pagefind, state, counting ? search : undefined);
    if (mine !== generation) return;
    renderFacets(counts, state);
    facetBox.setAttribute("aria-busy", "false");
  }

  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const state = currentState();
      writeState(state, false);
      run(state);
    }, 250);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    const state = currentState();
    writeState(state, true);
    run(state);
  });
  sortSelect.addEventListener("change", () => {
    const state = currentState();
    writeState(state, true);
    run(state);
  });
  root.addEventListener("change", (event) => {
    if (!(event.target instanceof HTMLInputElement) || event.target.type !== "checkbox") return;
    const state = currentState();
    writeState(state, true);
    run(state);
  });
  more.addEventListener("click", async () => {
    const mine = generation;
    const first = shown;
    const items = await resultItems(first, Math.min(first + PAGE, results.length));
    if (mine !== generation) return;
    list.append(...items);
    shown = first + items.length;
    more.hidden = shown >= results.length;
    list.children[first]?.querySelector("a")?.focus();
  });
  window.addEventListener("popstate", () => run(readState()));

  const initial = readState();
  run(initial);
  if (!initial.q) input.focus();
})();
