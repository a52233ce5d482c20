// What the search benches read from a search page, ours or the peer's: both have a form
// `#search-form` with the input `#search-query`, a status line `#search-status` and a results list
// `#search-results`, and change the list and the status line in one step once results are in.
import type { Page } from "playwright-core";

/** Each submission of the search form, and each time its results (or "no results") showed. */
export interface Marks {
  submits: number[];
  shown: Array<{ at: number; status: string; count: number }>;
}

type WithMarks = { benchMarks: Marks };

/**
 * Notes, by the page's clock (milliseconds since the epoch), each submission of the search form
 * and the moment its results show: the first change of the results list or the status line after
 * a submission that leaves the status saying something other than "Searching…" and the list not
 * busy.
 */
export async function installMarks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const marks: Marks = { submits: [], shown: [] };
    (window as unknown as WithMarks).benchMarks = marks;
    // No named function in here: tsx would wrap it in a helper the page does not have.
    const status = document.getElementById("search-status")!;
    const list = document.getElementById("search-results")!;
    document
      .getElementById("search-form")!
      .addEventListener(
        "submit",
        () => marks.submits.push(performance.timeOrigin + performance.now()),
        { capture: true },
      );
    const observer = new MutationObserver(() => {
      const text = status.textContent?.trim() ?? "";
      if (
        marks.shown.length < marks.submits.length &&
        text &&
        !text.startsWith("Searching") &&
        list.getAttribute("aria-busy") !== "true"
      )
        marks.shown.push({
          at: performance.timeOrigin + performance.now(),
          status: text,
          count: list.children.length,
        });
    });
    observer.observe(status, { childList: true, characterData: true, subtree: true });
    observer.observe(list, { childList: true, attributes: true, attributeFilter: ["aria-busy"] });
  });
}

/** Waits until `count` submissions have shown their results; returns the marks. */
export async function waitShown(page: Page, count: number): Promise<Marks> {
  await page.waitForFunction(
    (n) => (window as unknown as WithMarks).benchMarks.shown.length >= n,
    count,
    { timeout: 180_000, polling: 20 },
  );
  return page.evaluate(() => (window as unknown as WithMarks).benchMarks);
}

/**
 * Types `query` into the open page's search box and submits the form from the page itself, waits
 * for its results, reads the first ten (each item's first link: its path and text), then waits
 * until nothing on the page is busy (our page counts facets after the results). `ms` is the
 * submission to the results shown.
 */
export function askOnPage(
  page: Page,
  query: string,
): Promise<{ ms: number; results: Array<{ url: string; title: string }> }> {
  return page.evaluate(async (query) => {
    const marks = (window as unknown as WithMarks).benchMarks;
    const n = marks.shown.length;
    const input = document.getElementById("search-query") as HTMLInputElement;
    input.value = query;
    (document.getElementById("search-form") as HTMLFormElement).requestSubmit();
    while (marks.shown.length <= n) await new Promise((resolve) => setTimeout(resolve, 5));
    const ms = marks.shown[n]!.at - marks.submits[n]!;
    const top = [...document.querySelectorAll("#search-results > li")].slice(0, 10);
    const results = top.map((li) => {
      const link = li.querySelector("a");
      const url = link ? new URL(link.href, window.location.href).pathname : "";
      return { url, title: link?.textContent?.trim() ?? "" };
    });
    while (document.querySelector('[aria-busy="true"]'))
      await new Promise((resolve) => setTimeout(resolve, 5));
    return { ms, results };
  }, query);
}

/** Resolves once no request of `page` has been in flight for `quietMs` (or after `limitMs`). */
export function networkQuiet(page: Page, quietMs = 500, limitMs = 120_000): Promise<void> {
  let inFlight = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new Promise<void>((resolve) => {
    const done = () => {
      page.off("request", started);
      page.off("requestfinished", ended);
      page.off("requestfailed", ended);
      clearTimeout(timer);
      clearTimeout(limit);
      resolve();
    };
    const arm = () => {
      clearTimeout(timer);
      if (inFlight === 0) timer = setTimeout(done, quietMs);
    };
    const started = () => {
      inFlight++;
      clearTimeout(timer);
    };
    const ended = () => {
      inFlight = Math.max(0, inFlight - 1);
      arm();
    };
    const limit = setTimeout(done, limitMs);
    page.on("request", started);
    page.on("requestfinished", ended);
    page.on("requestfailed", ended);
    arm();
  });
}
