import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { ContentError, ContentErrors, shortenQuote } from "../errors/content-errors.ts";

/** One problem as the browser overlay shows it. Every string is shown as text, never as HTML. */
export interface OverlayProblem {
  /** Relative to the archive, e.g. `content/articles/2024/11/a.md`. */
  file?: string;
  line?: number;
  field?: string;
  /** What is wrong and how to fix it. */
  message: string;
  /** The offending line of the file, at most 80 characters of it. */
  excerpt?: string;
}

/** What the dev server sends as an `eleventy.error`: its client logs `message`, ours shows `problems`. */
export interface OverlayState {
  name: string;
  message: string;
  problems: OverlayProblem[];
}

/** Where the dev server serves the overlay's script and the current problems. */
export const OVERLAY_SCRIPT = "/.11ty/error-overlay.js";
export const OVERLAY_STATE = "/.11ty/error-overlay.json";

/** The line of `file` (from 1), shortened, or undefined when it cannot be read. */
function sourceLine(root: string, file: string, line: number): string | undefined {
  try {
    const text = readFileSync(path.join(root, file), "utf8").split(/\r?\n/)[line - 1];
    return text === undefined ? undefined : shortenQuote(text);
  } catch {
    return undefined;
  }
}

/** Turns a failed update into what the overlay shows: each content problem with its place. */
export function describeProblems(error: unknown, root: string): OverlayState {
  const errors =
    error instanceof ContentErrors ? error.errors : error instanceof ContentError ? [error] : [];
  if (errors.length === 0) {
    const message = error instanceof Error ? error.message : String(error);
    return { name: "Error", message, problems: [{ message: shortenQuote(message, 2000) }] };
  }
  return {
    name: "ContentErrors",
    message: (error as Error).message,
    problems: errors.map((problem) => ({
      file: problem.file,
      line: problem.line,
      field: problem.field,
      message: problem.detail,
      excerpt: problem.line ? sourceLine(root, problem.file, problem.line) : undefined,
    })),
  };
}

const CLIENT = readFileSync(new URL("./error-overlay-client.js", import.meta.url), "utf8");

/**
 * Connect-style middleware for the dev server: serves the overlay's script and the problems of the
 * last update (`null` when it succeeded), so a page loaded while the archive is broken shows them.
 */
export function overlayMiddleware(current: () => OverlayState | undefined) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
    if (pathname === OVERLAY_SCRIPT) {
      res.setHeader("Content-Type", "text/javascript; charset=utf-8");
      res.end(CLIENT);
    } else if (pathname === OVERLAY_STATE) {
      res.setHeader("Content-Type", "application/json; charset=utf-8");
      res.setHeader("Cache-Control", "no-store");
      res.end(JSON.stringify(current() ?? null));
    } else {
      next();
    }
  };
}

/** Adds the overlay's script after the dev server's own reload script, in every page it serves. */
export function withOverlayScript(html: string): string {
  const tag = `<script type="module" src="${OVERLAY_SCRIPT}"></script>`;
  return html.includes("</head>") ? html.replace("</head>", `${tag}</head>`) : html + tag;
}
