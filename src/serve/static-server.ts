import { createServer, type Server } from "node:http";
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
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
}

/**
 * Serves a built site the way a static host does: files under the path prefix, folders open
 * their index.html, anything else gets the site's 404 page with status 404.
 */
export async function startStaticServer(
  options: StaticServerOptions,
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const prefix = options.pathPrefix ?? "/";
  const serve = sirv(options.dir, { dev: true, etag: true, dotfiles: false });
  const notFound = path.join(options.dir, "404.html");
  const server = createServer((req, res) => {
    const url = req.url ?? "/";
    const sendNotFound = () => {
      res.statusCode = 404;
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(existsSync(notFound) ? readFileSync(notFound) : "Not found");
    };
    if (!url.startsWith(prefix)) return sendNotFound();
    req.url = `/${url.slice(prefix.length)}`;
    // Rules match the path within the deployed folder, as on Netlify, whatever the prefix.
    const pathname = req.url.split(/[?#]/)[0]!;
    for (const [name, value] of headersForPath(options.headers ?? [], pathname)) {
      res.setHeader(name, value);
    }
    serve(req, res, sendNotFound);
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve),
  );
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    server,
    url: `http://${options.host ?? "127.0.0.1"}:${port}${prefix}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
