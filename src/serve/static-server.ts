import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import compression from "compression";
import sirv from "sirv";
import { headersForPath, type HeaderRule } from "./headers.ts";

export interface StaticServerOptions {
  /** The built site. */
  dir: string;
  /** The path prefix the site was built for, e.g. `/news/`. */
  pathPrefix?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Response headers as a host applies them from a `_headers` file (see `readHeadersFile`). */
  headers?: readonly HeaderRule[];
  /** Called as each response ends, with the body bytes sent (after compression). */
  onResponse?: (sent: SentResponse) => void;
}

export interface SentResponse {
  /** The request's URL as received, query included. */
  url: string;
  status: number;
  /** Body bytes written, compressed when the response was. */
  bytes: number;
}

/**
 * Serves a built site the way a static host does: files under the path prefix, folders open
 * their index.html, anything else gets the site's 404 page with status 404. Text (HTML, CSS,
 * JavaScript, JSON, XML, SVG) is compressed, Brotli or gzip, for browsers that ask, as hosts do;
 * Pagefind's index and WebAssembly files are compressed already and go out as they are.
 */
export async function startStaticServer(
  options: StaticServerOptions,
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const prefix = options.pathPrefix ?? "/";
  const serve = sirv(options.dir, { dev: true, etag: true, dotfiles: false });
  const compress = compression() as unknown as (
    req: IncomingMessage,
    res: ServerResponse,
    next: () => void,
  ) => void;
  const notFound = path.join(options.dir, "404.html");
  const connections = trackConnections();
  const server = createServer((req, res) => {
    connections.requestStarted(req.socket, res);
    const url = req.url ?? "/";
    const sendNotFound = () => {
      res.statusCode = 404;
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(existsSync(notFound) ? readFileSync(notFound) : "Not found");
    };
    if (options.onResponse) countBytes(url, res, options.onResponse);
    if (!url.startsWith(prefix)) return sendNotFound();
    // A build moves the new site into place in two renames (src/output/output-swap.ts): for well
    // under a millisecond there is no folder. A request that finds none waits that moment out.
    const notFoundUnlessPublishing = () =>
      existsSync(options.dir)
        ? sendNotFound()
        : whenFolderIsBack(options.dir).then(() => serve(req, res, sendNotFound));
    req.url = `/${url.slice(prefix.length)}`;
    // Rules match the path within the deployed folder, as on Netlify, whatever the prefix.
    const pathname = req.url.split(/[?#]/)[0]!;
    for (const [name, value] of headersForPath(options.headers ?? [], pathname)) {
      res.setHeader(name, value);
    }
    compress(req, res, () => serve(req, res, notFoundUnlessPublishing));
  });
  server.on("connection", connections.opened);
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve),
  );
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    server,
    url: `http://${options.host ?? "127.0.0.1"}:${port}${prefix}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        connections.closeWhenIdle();
      }),
  };
}

/** Resolves once `dir` exists again, or after a tenth of a second. */
async function whenFolderIsBack(dir: string): Promise<void> {
  for (let waited = 0; waited < 100 && !existsSync(dir); waited += 2) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * Lets `close` end every connection, not only those Node counts as idle. A browser opens
 * connections ahead of need; one that never carries a request is not idle to Node, so
 * `server.close()` alone waits for the browser to drop it, which can take minutes. On close,
 * connections with no response in progress end at once, the others as their response ends.
 */
function trackConnections() {
  const inFlight = new Map<Socket, number>();
  let closing = false;
  return {
    opened(socket: Socket) {
      inFlight.set(socket, 0);
      socket.on("close", () => inFlight.delete(socket));
    },
    requestStarted(socket: Socket, res: ServerResponse) {
      inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
      res.on("close", () => {
        const left = (inFlight.get(socket) ?? 1) - 1;
        inFlight.set(socket, left);
        if (closing && left === 0) socket.destroy();
      });
    },
    closeWhenIdle() {
      closing = true;
      for (const [socket, count] of inFlight) if (count === 0) socket.destroy();
    },
  };
}

/**
 * Counts the body bytes of one response. It wraps `write` and `end` before the compression
 * middleware wraps them in turn, so it sees the compressed bytes.
 */
function countBytes(url: string, res: ServerResponse, report: (sent: SentResponse) => void) {
  let bytes = 0;
  const add = (chunk: unknown, encoding?: unknown) => {
    if (typeof chunk === "string")
      bytes += Buffer.byteLength(
        chunk,
        typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8",
      );
    else if (chunk instanceof Uint8Array) bytes += chunk.byteLength;
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    add(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as ServerResponse["write"];
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== "function") add(chunk, rest[0]);
    return end(chunk, ...rest);
  }) as ServerResponse["end"];
  res.on("finish", () => report({ url, status: res.statusCode, bytes }));
}
