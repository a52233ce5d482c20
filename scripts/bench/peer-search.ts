// npx tsx scripts/bench/peer-search.ts --root <archive> --site <our built _site> [--peer <Hugo's public folder with Pagefind>]
//   [--queries "oil,james baker"] [--stories 300] [--no-throttle] [--no-known-item]
// Our search beside the stack a Hugo user picks: Hugo, then the Pagefind CLI on its article
// pages, searched from a minimal page over Pagefind's JS API (`writePeerSearchPage`), the kind a
// Hugo site's author writes from Pagefind's documentation. Both sites are served by the project's
// static server on 127.0.0.1, which compresses text as static hosts do.
//
// For each query, in a fresh browser context (empty cache, no service worker), on each side (the
// peer; ours by best match; ours newest first): the bytes received until the first result shows
// (every response, as the server sent it, compressed where it compressed), by kind; the time from
// pressing Enter to the first result, on loopback and with Chrome's network emulation (Lighthouse's
// slow 4G: 150 ms round trip, 1.6 Mbps down, 750 kbps up); and the time of a second query typed in
// the same page once the first has settled. Then known-item search on both sides, read from each
// search page as a reader sees it. Prints Markdown tables.
import type { IncomingMessage, ServerResponse } from "node:http";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { Browser, Request } from "playwright-core";
import { loadArchive } from "../../src/collections/load-archive.ts";
import { startStaticServer, type SentResponse } from "../../src/serve/static-server.ts";
import { launchBrowser } from "../../tests/helpers/browser.ts";
import {
  knownItemOnPage,
  knownItems,
  knownItemTable,
  peerUrl,
  type KnownItemSide,
} from "./known-item.ts";
import { PEER_PAGE, SIDE_NAMES, writePeerSearchPage, type Side } from "./peer-page.ts";
import { installMarks, networkQuiet, waitShown } from "./search-marks.ts";
import { median } from "./timed.ts";

/**
 * The fixed queries: common words, names, three-word queries, a rare word (in 5 stories of the
 * Reuters corpus) and a word in no story.
 */
export const PEER_QUERIES = [
  "oil",
  "coffee prices brazil",
  "james baker",
  "opec",
  "trade deficit japan",
  "bundesbank",
  "grain",
  "dollar yen",
  "merger",
  "tapioca",
  "zzzqxv",
] as const;

/** Lighthouse's slow 4G, as Chrome DevTools Protocol network conditions (bytes per second). */
export const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: 200_000,
  uploadThroughput: 93_750,
} as const;

export const BYTE_KINDS = [
  "scripts",
  "metadata",
  "index",
  "fragments",
  "filters",
  "other",
] as const;
export type ByteKind = (typeof BYTE_KINDS)[number];

/**
 * What a response is, by its path: scripts and WebAssembly (`.js`, `.wasm`, Pagefind's
 * `wasm.*.pagefind`), metadata (`.pf_meta`, `pagefind-entry.json`, our `bundle.json`), index
 * chunks (`.pf_index`), fragments (`.pf_fragment`, our `.pf_pack` ranges), filters (`.pf_filter`),
 * and everything else (the page, its stylesheet, fonts, images).
 */
export function byteKind(pathname: string): ByteKind {
  const name = pathname.replace(/[?#].*$/, "");
  if (name.endsWith(".pf_index")) return "index";
  if (/\.(pf_fragment|pf_pack)$/.test(name)) return "fragments";
  if (name.endsWith(".pf_filter")) return "filters";
  if (/(\.pf_meta|\/pagefind-entry\.json|\/bundle\.json)$/.test(name)) return "metadata";
  if (/(\.m?js|\.wasm|\/wasm\.[\w-]+\.pagefind)$/.test(name)) return "scripts";
  return "other";
}

const noBytes = (): Record<ByteKind, number> =>
  Object.fromEntries(BYTE_KINDS.map((kind) => [kind, 0])) as Record<ByteKind, number>;

/**
 * A site served by the project's static server, with the body bytes of every response as sent
 * (compressed where the server compressed), by URL and byte range: our pages fetch ranges of one
 * pack file, so a URL alone does not name a response.
 */
async function countingServer(dir: string) {
  const sent = new Map<string, number[]>();
  let last: SentResponse | undefined;
  const server = await startStaticServer({ dir, onResponse: (response) => (last = response) });
  // Called after the server's own handler, so this `finish` listener runs right after the one
  // that reported `last`.
  server.server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    response.on("finish", () => {
      if (!last) return;
      const key = responseKey(last.url, request.headers.range);
      sent.set(key, [...(sent.get(key) ?? []), last.bytes]);
      last = undefined;
    });
  });
  return {
    url: server.url,
    close: () => server.close(),
    /** Forgets what was sent so far (a new browser context starts). */
    reset: () => sent.clear(),
    /** The bytes of the next response not yet taken for `key`. */
    take: (key: string) => sent.get(key)?.shift(),
  };
}
type CountingServer = Awaited<ReturnType<typeof countingServer>>;

const responseKey = (pathAndQuery: string, range: string | undefined) =>
  `${pathAndQuery} ${range ?? ""}`;

/** One query's first search and the second query after it, on one side and network. */
export interface QueryMeasure {
  /** Enter to the first result shown (or the page saying there is none), by the page's clock. */
  ms: number;
  /** Body bytes of every response finished before that, from the page's opening. */
  bytes: number;
  byKind: Record<ByteKind, number>;
  /** Responses counted in `bytes`. */
  responses: number;
  /** Results listed on the page when they first showed (up to its first page). */
  shown: number;
  status: string;
  /** The second query, typed once the page has settled: Enter to its first result. */
  secondMs?: number;
  /** Body bytes of the responses between the second Enter and its first result. */
  secondBytes?: number;
}

/**
 * Opens `pageUrl` in a fresh browser context, types `query` and presses Enter, waits for its first
 * result, lets the page settle (our page loads the facet counts after the results), then types
 * `second` the same way. With `throttle`, Chrome emulates a slow network for the page and its
 * workers from the start.
 */
async function measureQuery(
  browser: Browser,
  server: CountingServer,
  pageUrl: string,
  query: string,
  second: string,
  options: { throttle: boolean; newest: boolean },
): Promise<QueryMeasure> {
  server.reset();
  const context = await browser.newContext({ serviceWorkers: "block" });
  try {
    const page = await context.newPage();
    if (options.throttle) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", { ...SLOW_4G });
    }
    const requests: Request[] = [];
    page.on("request", (request) => requests.push(request));
    const seenAt = new Map<Request, number>();
    page.on("requestfinished", (request) => seenAt.set(request, Date.now()));
    const quiet = networkQuiet(page);
    await page.goto(pageUrl);
    await quiet;
    if (options.newest) {
      const menu = page.locator("#search-sort");
      if ((await menu.inputValue()) !== "newest") await menu.selectOption("newest");
    }
    await installMarks(page);
    await page.locator("#search-query").fill(query);
    await page.locator("#search-query").press("Enter");
    const first = await waitShown(page, 1);
    await networkQuiet(page);
    // Settled: our page counts the facets after the results (the peer's page has none).
    await page.waitForFunction(
      () => document.getElementById("search-facets")?.getAttribute("aria-busy") !== "true",
      undefined,
      { timeout: 120_000 },
    );
    const before = requests.length;
    await page.locator("#search-query").fill(second);
    await page.locator("#search-query").press("Enter");
    const marks = await waitShown(page, 2);
    await networkQuiet(page);

    const shownAt = first.shown[0]!.at;
    const byKind = noBytes();
    let bytes = 0;
    let responses = 0;
    let secondBytes = 0;
    for (const [i, request] of requests.entries()) {
      const response = await request.response();
      if (!response) continue;
      const url = new URL(request.url());
      if (!url.protocol.startsWith("http")) continue;
      const range = (await request.allHeaders())["range"];
      const sent = server.take(responseKey(url.pathname + url.search, range)) ?? 0;
      const timing = request.timing();
      // The browser does not always report when a response ended (some of a worker's): then
      // when its headers came, or when Playwright saw it.
      const endedAt =
        timing.responseEnd >= 0
          ? timing.startTime + timing.responseEnd
          : timing.responseStart >= 0
            ? timing.startTime + timing.responseStart
            : (seenAt.get(request) ?? Infinity);
      if (endedAt <= shownAt) {
        bytes += sent;
        byKind[byteKind(url.pathname)] += sent;
        responses++;
      }
      if (i >= before && endedAt <= marks.shown[1]!.at) secondBytes += sent;
    }
    return {
      ms: shownAt - first.submits[0]!,
      bytes,
      byKind,
      responses,
      shown: first.shown[0]!.count,
      status: first.shown[0]!.status,
      secondMs: marks.shown[1]!.at - marks.submits[1]!,
      secondBytes,
    };
  } finally {
    await context.close();
  }
}

export interface QueryComparison {
  query: string;
  /** The query typed second in the same page. */
  second: string;
  loopback: Partial<Record<Side, QueryMeasure>>;
  throttled: Partial<Record<Side, QueryMeasure>>;
}

export interface SearchComparison {
  stories: number;
  queries: QueryComparison[];
  knownItem?: Partial<Record<Side, KnownItemSide>>;
  /** Stories whose title another story shares, of those drawn. */
  sharedTitles?: number;
}

/**
 * Compares our built site with the peer's, query by query and by known-item search. Without
 * `peerSite`, measures ours alone. `ourSite` and `peerSite` are output folders; the peer's gets
 * its search page written here.
 */
export async function compareSearch(
  browser: Browser,
  options: {
    root: string;
    ourSite: string;
    peerSite?: string;
    queries?: readonly string[];
    throttle?: boolean;
    knownItemStories?: number;
    seed?: number;
    log?: (message: string) => void;
  },
): Promise<SearchComparison> {
  const log = options.log ?? (() => undefined);
  const queries = options.queries ?? PEER_QUERIES;
  const throttle = options.throttle ?? true;
  if (options.peerSite) writePeerSearchPage(options.peerSite);
  const ours = await countingServer(options.ourSite);
  const peer = options.peerSite ? await countingServer(options.peerSite) : undefined;
  const sides: Side[] = peer ? ["peer", "best", "newest"] : ["best", "newest"];
  const pageOf = (side: Side) =>
    side === "peer"
      ? `${peer!.url}${PEER_PAGE}`
      : `${ours.url}search/${side === "newest" ? "?sort=newest" : ""}`;
  const archive = loadArchive(options.root, {});
  try {
    const rows: QueryComparison[] = [];
    for (const [i, query] of queries.entries()) {
      const second = queries[(i + 1) % queries.length]!;
      const row: QueryComparison = { query, second, loopback: {}, throttled: {} };
      for (const network of throttle
        ? (["loopback", "throttled"] as const)
        : (["loopback"] as const)) {
        for (const side of sides) {
          const measure = await measureQuery(
            browser,
            side === "peer" ? peer! : ours,
            pageOf(side),
            query,
            second,
            { throttle: network === "throttled", newest: side === "newest" },
          );
          row[network][side] = measure;
          log(
            `"${query}" ${network} ${SIDE_NAMES[side]}: ${kb(measure.bytes)}, ${Math.round(measure.ms)} ms (${measure.status}); then "${second}" ${Math.round(measure.secondMs ?? 0)} ms`,
          );
        }
      }
      rows.push(row);
    }
    let knownItem: SearchComparison["knownItem"];
    let sharedTitles: number | undefined;
    if (options.knownItemStories !== 0) {
      const drawn = knownItems(
        archive.articles,
        options.knownItemStories ?? 300,
        options.seed ?? 21578,
      );
      const files = new Map(archive.articles.map((article) => [article.url, article.file]));
      sharedTitles = drawn.filter((item) => item.sharedTitle).length;
      knownItem = {};
      for (const side of sides) {
        const items = drawn.map((item) => ({
          ...item,
          expected: side === "peer" ? peerUrl(files.get(item.url)!) : item.url,
        }));
        knownItem[side] = await knownItemOnPage(browser, pageOf(side), items, {
          newest: side === "newest",
        });
        log(
          `known-item ${SIDE_NAMES[side]}: first ${percent(knownItem[side]!.first)}, in the first ten ${percent(knownItem[side]!.top10)}, median ${Math.round(knownItem[side]!.medianMs)} ms`,
        );
      }
    }
    return { stories: archive.articles.length, queries: rows, knownItem, sharedTitles };
  } finally {
    await ours.close();
    await peer?.close();
  }
}

const kb = (bytes: number | undefined) =>
  bytes === undefined ? "–" : `${Math.round(bytes / 1024).toLocaleString("en")} KB`;
const msText = (ms: number | undefined) =>
  ms === undefined ? "–" : `${Math.round(ms).toLocaleString("en")} ms`;
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || !b ? "–" : `${(a / b).toFixed(2)}×`;
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function table(header: string[], rows: string[][]): string[] {
  const names = header.map((cell) => cell.replace(/:$/, ""));
  const align = header.map((cell) => (cell.endsWith(":") ? "---:" : "---"));
  return [
    `| ${names.join(" | ")} |`,
    `|${align.join("|")}|`,
    ...rows.map((cells) => `| ${cells.join(" | ")} |`),
  ];
}

/** The median of one number over the rows that have it. */
function medianOf(values: Array<number | undefined>): number | undefined {
  const known = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  return known.length ? median(known) : undefined;
}

/** The median of per-query ratios ours / peer. */
function medianRatio(pairs: Array<[number | undefined, number | undefined]>): string {
  const ratios = pairs
    .filter((pair): pair is [number, number] => pair[0] !== undefined && Boolean(pair[1]))
    .map(([a, b]) => a / b);
  return ratios.length ? `${median(ratios).toFixed(2)}×` : "–";
}

/** The comparison as Markdown tables, headed by `title`. */
export function searchComparisonTables(result: SearchComparison, title: string): string {
  const rows = result.queries;
  const ourSides = (["best", "newest"] as const).filter((side) =>
    rows.some((row) => row.loopback[side]),
  );
  const hasPeer = rows.some((row) => row.loopback.peer);
  const lines: string[] = [
    `${title}: ${result.stories.toLocaleString("en")} stories. Each query in a fresh browser context, on 127.0.0.1; bytes are every response's body as the server sent it (compressed as static hosts compress), from opening the search page until the first result shows; time is from Enter to the first result (or to "no results"). Ratios are ours / peer; the last row gives medians (of the ratios, per query).`,
  ];
  const firstSearchTable = (network: "loopback" | "throttled", heading: string) => {
    if (!rows.some((row) => Object.keys(row[network]).length)) return;
    const header = [
      "query",
      ...(hasPeer ? ["peer: bytes:", "time:"] : []),
      ...ourSides.flatMap((side) => [
        `${side === "best" ? "best match" : "newest first"}: bytes:`,
        "time:",
        ...(hasPeer ? ["bytes / peer:", "time / peer:"] : []),
      ]),
    ];
    const cells = (m: Partial<Record<Side, QueryMeasure>>) => [
      ...(hasPeer ? [kb(m.peer?.bytes), msText(m.peer?.ms)] : []),
      ...ourSides.flatMap((side) => [
        kb(m[side]?.bytes),
        msText(m[side]?.ms),
        ...(hasPeer ? [ratio(m[side]?.bytes, m.peer?.bytes), ratio(m[side]?.ms, m.peer?.ms)] : []),
      ]),
    ];
    const medianCells = [
      ...(hasPeer
        ? [
            kb(medianOf(rows.map((r) => r[network].peer?.bytes))),
            msText(medianOf(rows.map((r) => r[network].peer?.ms))),
          ]
        : []),
      ...ourSides.flatMap((side) => [
        kb(medianOf(rows.map((r) => r[network][side]?.bytes))),
        msText(medianOf(rows.map((r) => r[network][side]?.ms))),
        ...(hasPeer
          ? [
              medianRatio(rows.map((r) => [r[network][side]?.bytes, r[network].peer?.bytes])),
              medianRatio(rows.map((r) => [r[network][side]?.ms, r[network].peer?.ms])),
            ]
          : []),
      ]),
    ];
    lines.push(
      "",
      heading,
      "",
      ...table(header, [
        ...rows.map((row) => [row.query, ...cells(row[network])]),
        ["**median**", ...medianCells],
      ]),
    );
  };
  firstSearchTable("loopback", "First search, loopback:");
  firstSearchTable(
    "throttled",
    `First search, throttled (Chrome's network emulation: ${SLOW_4G.latency} ms round trip, ${(SLOW_4G.downloadThroughput * 8) / 1e6} Mbps down, ${(SLOW_4G.uploadThroughput * 8) / 1e3} kbps up):`,
  );

  // The second query, typed in the same page once the first has settled.
  const networks = (["loopback", "throttled"] as const).filter((network) =>
    rows.some((row) => Object.keys(row[network]).length),
  );
  const secondHeader = [
    "second query (after)",
    ...networks.flatMap((network) => [
      ...(hasPeer ? [`${network}: peer:`] : []),
      ...ourSides.flatMap((side) => [
        `${side === "best" ? "best match" : "newest first"}:`,
        ...(hasPeer ? ["/ peer:"] : []),
      ]),
    ]),
  ];
  const secondCells = (
    pick: (network: "loopback" | "throttled", side: Side) => number | undefined,
  ) =>
    networks.flatMap((network) => [
      ...(hasPeer ? [msText(pick(network, "peer"))] : []),
      ...ourSides.flatMap((side) => [
        msText(pick(network, side)),
        ...(hasPeer ? [ratio(pick(network, side), pick(network, "peer"))] : []),
      ]),
    ]);
  lines.push(
    "",
    "Second query, in the same page once the first search has settled: Enter to its first result.",
    "",
    ...table(secondHeader, [
      ...rows.map((row) => [
        `${row.second} (after ${row.query})`,
        ...secondCells((network, side) => row[network][side]?.secondMs),
      ]),
      [
        "**median**",
        ...networks.flatMap((network) => [
          ...(hasPeer ? [msText(medianOf(rows.map((r) => r[network].peer?.secondMs)))] : []),
          ...ourSides.flatMap((side) => [
            msText(medianOf(rows.map((r) => r[network][side]?.secondMs))),
            ...(hasPeer
              ? [
                  medianRatio(
                    rows.map((r) => [r[network][side]?.secondMs, r[network].peer?.secondMs]),
                  ),
                ]
              : []),
          ]),
        ]),
      ],
    ]),
  );

  // Where the bytes of a first search go, on loopback.
  const sides: Side[] = [...(hasPeer ? (["peer"] as const) : []), ...ourSides];
  lines.push(
    "",
    "Bytes of a first search by kind (loopback), KB: scripts and WebAssembly (`.js`, `wasm.*.pagefind`); metadata (`.pf_meta`, `pagefind-entry.json`, `bundle.json`); index chunks (`.pf_index`); fragments (`.pf_fragment`, byte ranges of `.pf_pack`); filters (`.pf_filter`); other (the page, its stylesheet, fonts, images).",
    "",
    ...table(
      [
        "query",
        "side",
        ...BYTE_KINDS.map((kind) => `${kind}:`),
        "total:",
        "responses:",
        "results shown:",
      ],
      rows.flatMap((row) =>
        sides.map((side) => {
          const m = row.loopback[side];
          return [
            row.query,
            SIDE_NAMES[side],
            ...BYTE_KINDS.map((kind) => (m ? (m.byKind[kind] / 1024).toFixed(1) : "–")),
            kb(m?.bytes),
            m ? String(m.responses) : "–",
            m ? String(m.shown) : "–",
          ];
        }),
      ),
    ),
  );

  if (result.knownItem) lines.push("", knownItemTable(result.knownItem, result.sharedTitles));
  return lines.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      root: { type: "string" },
      site: { type: "string" },
      peer: { type: "string" },
      queries: { type: "string" },
      stories: { type: "string", default: "300" },
      "no-throttle": { type: "boolean", default: false },
      "no-known-item": { type: "boolean", default: false },
    },
  });
  if (!values.root || !values.site) {
    throw new Error(
      "Usage: peer-search.ts --root <archive folder> --site <our built _site> [--peer <Hugo's public folder>]",
    );
  }
  const browser = await launchBrowser();
  try {
    const result = await compareSearch(browser, {
      root: values.root,
      ourSite: values.site,
      peerSite: values.peer,
      queries: values.queries?.split(",").map((q) => q.trim()),
      throttle: !values["no-throttle"],
      knownItemStories: values["no-known-item"] ? 0 : Number(values.stories),
      log: (message) => console.error(`[peer-search] ${message}`),
    });
    console.log(searchComparisonTables(result, "Search beside Hugo + the Pagefind CLI"));
  } finally {
    await browser.close();
  }
}
