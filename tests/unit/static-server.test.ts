import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliDecompressSync, gzipSync, gunzipSync } from "node:zlib";
import { startStaticServer, type SentResponse } from "../../src/serve/static-server.ts";

interface Reply {
  status: number;
  encoding: string | undefined;
  type: string | undefined;
  body: Buffer;
}

/** A raw GET (fetch would decode the body and hide what went over the wire). */
function get(url: string, acceptEncoding?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            encoding: res.headers["content-encoding"],
            type: res.headers["content-type"],
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("the static server", () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof startStaticServer>>;
  const sent: SentResponse[] = [];
  const script = `export const words = ${JSON.stringify("archive ".repeat(2000))};\n`;
  const index = gzipSync(Buffer.from("pagefind index ".repeat(500)));

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "static-server-"));
    mkdirSync(path.join(dir, "pagefind"));
    writeFileSync(path.join(dir, "pagefind", "pagefind.js"), script);
    writeFileSync(path.join(dir, "pagefind", "en_1234567.pf_meta"), index);
    writeFileSync(path.join(dir, "404.html"), `<p>${"Not here. ".repeat(200)}</p>`);
    server = await startStaticServer({ dir, onResponse: (response) => sent.push(response) });
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("compresses text for a browser that accepts it, as static hosts do", async () => {
    const brotli = await get(`${server.url}pagefind/pagefind.js`, "gzip, deflate, br");
    expect(brotli.status).toBe(200);
    expect(brotli.encoding).toBe("br");
    expect(brotli.body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(brotli.body).toString()).toBe(script);
    const gzip = await get(`${server.url}pagefind/pagefind.js`, "gzip");
    expect(gzip.encoding).toBe("gzip");
    expect(gunzipSync(gzip.body).toString()).toBe(script);
  });

  it("sends text as it is to a client that does not ask for compression", async () => {
    const reply = await get(`${server.url}pagefind/pagefind.js`);
    expect(reply.encoding).toBeUndefined();
    expect(reply.body.toString()).toBe(script);
  });

  it("sends Pagefind's already compressed files unchanged", async () => {
    const reply = await get(`${server.url}pagefind/en_1234567.pf_meta`, "gzip");
    expect(reply.status).toBe(200);
    expect(reply.encoding).toBeUndefined();
    expect(reply.body.equals(index)).toBe(true);
  });

  it("compresses the 404 page too, with its status", async () => {
    const reply = await get(`${server.url}missing/`, "gzip");
    expect(reply.status).toBe(404);
    expect(reply.encoding).toBe("gzip");
    expect(gunzipSync(reply.body).toString()).toContain("Not here.");
  });

  it("reports each response's body bytes as sent, compressed or not", async () => {
    sent.length = 0;
    const compressed = await get(`${server.url}pagefind/pagefind.js?v=1`, "gzip");
    const plain = await get(`${server.url}pagefind/pagefind.js?v=2`);
    const missing = await get(`${server.url}missing/`);
    await expect.poll(() => sent.length).toBe(3);
    expect(sent).toEqual([
      { url: "/pagefind/pagefind.js?v=1", status: 200, bytes: compressed.body.length },
      { url: "/pagefind/pagefind.js?v=2", status: 200, bytes: plain.body.length },
      { url: "/missing/", status: 404, bytes: missing.body.length },
    ]);
  });
});

describe("closing the static server", () => {
  let dir: string;
  const file = randomBytes(16 * 1024 * 1024);

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "static-server-close-"));
    writeFileSync(path.join(dir, "large.bin"), file);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Resolves to what happened first: the server closed, or `ms` went by. */
  const closedWithin = (close: Promise<void>, ms: number) =>
    Promise.race([
      close.then(() => "closed"),
      new Promise((resolve) => setTimeout(() => resolve("still open"), ms)),
    ]);

  it("ends a connection a browser opened ahead of need, which never carried a request", async () => {
    const server = await startStaticServer({ dir });
    const socket = connect(Number(new URL(server.url).port), "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    const ended = new Promise((resolve) => socket.once("close", resolve));
    expect(await closedWithin(server.close(), 2000)).toBe("closed");
    await ended;
  });

  it("lets a response in progress finish first", async () => {
    const server = await startStaticServer({ dir });
    const body = await new Promise<Buffer>((resolve, reject) => {
      const req = request(`${server.url}large.bin`, (res) => {
        // Hold the download while the server closes: the response must still arrive whole.
        res.pause();
        void server.close();
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve(Buffer.concat(chunks)));
        res.on("error", reject);
        setTimeout(() => res.resume(), 200);
      });
      req.on("error", reject);
      req.end();
    });
    expect(body.length).toBe(file.length);
    expect(body.equals(file)).toBe(true);
  });
});

describe("the static server while a build publishes", () => {
  it("answers a request that comes between the publish's two renames once the site is back", async () => {
    const parent = mkdtempSync(path.join(tmpdir(), "static-publish-"));
    const dir = path.join(parent, "_site");
    mkdirSync(dir);
    writeFileSync(path.join(dir, "index.html"), "old site");
    const server = await startStaticServer({ dir, host: "127.0.0.1", port: 0 });
    try {
      // The old site moved aside, the new one not yet in: a request now must not get a 404.
      renameSync(dir, path.join(parent, "old"));
      const next = path.join(parent, "new");
      mkdirSync(next);
      writeFileSync(path.join(next, "index.html"), "new site");
      const reply = get(`${server.url}index.html`);
      await new Promise((resolve) => setTimeout(resolve, 30));
      renameSync(next, dir);
      const { status, body } = await reply;
      expect(status).toBe(200);
      expect(body.toString()).toBe("new site");
    } finally {
      await server.close();
    }
  });
});
