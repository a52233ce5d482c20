import { expect } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];

/**
 * Starts headless Chromium: the system's (Debian package `chromium`) or the one named by
 * CHROMIUM_PATH. Background networking is off so that the browser itself makes no request
 * that a test would count as leaving the origin.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = CANDIDATES.find((candidate) => candidate && existsSync(candidate));
  if (!executablePath) {
    throw new Error(
      "No Chromium found for the browser tests: install it (Debian: `apt-get install chromium`) or set CHROMIUM_PATH to a Chromium binary.",
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

export interface PageWatch {
  consoleMessages: string[];
  failedRequests: string[];
  foreignRequests: string[];
  /** Requests Chromium aborted, with the number of main-frame navigations before each began. */
  abortedRequests: Array<{ request: string; navigation: number }>;
  /** Main-frame navigations so far. */
  navigations: number;
}

/**
 * Records what a page should never do: log to the console (errors or warnings), fail a
 * request (other than one cut short by leaving the page), or request anything from another
 * origin than `origin`.
 */
export function watchPage(page: Page, origin: string): PageWatch {
  const watch: PageWatch = {
    consoleMessages: [],
    failedRequests: [],
    foreignRequests: [],
    abortedRequests: [],
    navigations: 0,
  };
  page.on("console", (message) => {
    if (["error", "warning"].includes(message.type())) {
      watch.consoleMessages.push(`${message.type()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => watch.consoleMessages.push(`pageerror: ${error.message}`));
  // Chromium aborts what a document still loads (its favicon, say) when the page navigates away:
  // that is the reader moving on, not a failure. The abort can be reported before the new
  // document commits, so whether the page moved on is judged at the end, in expectQuietPage.
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) watch.navigations += 1;
  });
  const navigationOf = new WeakMap<object, number>();
  page.on("request", (request) => navigationOf.set(request, watch.navigations));
  page.on("requestfailed", (request) => {
    const error = request.failure()?.errorText;
    const description = `${request.url()} (${error})`;
    if (error === "net::ERR_ABORTED") {
      const navigation = navigationOf.get(request) ?? watch.navigations;
      watch.abortedRequests.push({ request: description, navigation });
    } else {
      watch.failedRequests.push(description);
    }
  });
  page.on("response", (response) => {
    if (response.status() >= 400)
      watch.failedRequests.push(`${response.url()} (${response.status()})`);
  });
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!["data:", "blob:"].includes(url.protocol) && url.origin !== origin) {
      watch.foreignRequests.push(request.url());
    }
  });
  return watch;
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core in the page and returns its violations (WCAG 2.1 A and AA rules and best practices). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the page's own policy forbids inline script tags.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(): Promise<{
            violations: Array<{
              id: string;
              impact: string | null;
              help: string;
              nodes: Array<{ target: string[] }>;
            }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
}

/** The requests that failed, and those aborted while their page was still the one shown. */
export function failedRequests(watch: PageWatch): string[] {
  const abortedInPlace = watch.abortedRequests
    .filter((aborted) => aborted.navigation === watch.navigations)
    .map((aborted) => aborted.request);
  return [...watch.failedRequests, ...abortedInPlace];
}

/** What every browser test asserts at its end: nothing logged, nothing failed, nothing foreign. */
export function expectQuietPage(watch: PageWatch): void {
  expect(watch.consoleMessages, "console messages").toEqual([]);
  expect(failedRequests(watch), "failed requests").toEqual([]);
  expect(watch.foreignRequests, "requests to other origins").toEqual([]);
}
