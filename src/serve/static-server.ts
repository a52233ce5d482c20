import { createServer, type Server } from "node:http";
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import sirv from "sirv";

export interface StaticServerOptions {
  /** The built site. */
  dir: string;
  /** The path prefix the site was built for, e.g. `/news/`. */
  pathPrefix?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
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
