import {
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { runBuild } from "../helpers/run-build.ts";
import { startServer } from "../helpers/start-server.ts";

describe("npm start", () => {
  let root: string;
  let out: string;
  let server: ReturnType<typeof startServer>;
  const port = 18_000 + Math.floor(Math.random() * 1000);
  const until = (test: () => boolean, what: string) => server.until(test, what);

  beforeAll(async () => {
    root = makeFixtureSite({
      articles: {
        "2024/11/harbour.md": article({ title: '"Harbour cranes return"', people: "[Ada]" }),
        "2024/11/quay.md": article({ title: '"Quay reopens"', date: "2024-11-12", people: "[Bo]" }),
      },
      // Two stories a page: the last test's new stories move these two to a numbered page.
      site: { pageSize: { home: 2, term: 10 } },
    });
    out = path.join(mkdtempSync(path.join(tmpdir(), "archive-start-")), "_site");
    server = startServer(root, out, port);
    await until(
      () => server.started.output.includes("[start] Watching for changes"),
      "the first build",
    );
  });

  afterAll(() => {
    server?.child.kill("SIGTERM");
  });

  it("serves the built archive on a local port", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(await response.text()).toContain("Harbour cranes return");
  });

  it("re-renders only the pages an edited article is on, and re-indexes search after", async () => {
    const file = path.join(root, "content/articles/2024/11/harbour.md");
    // The first build kept a build cache; changing its output in place makes it forget it.
    const cacheState = path.join(root, ".cache", "build", "state.json");
    expect(existsSync(cacheState)).toBe(true);
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("Harbour cranes return", "Harbour cranes are back"),
    );
    await until(() => server.started.output.includes("[start] Updated"), "the update");
    const page = () => readFileSync(path.join(out, "articles/2024/11/harbour/index.html"), "utf8");
    expect(page()).toContain("Harbour cranes are back");
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toContain("Harbour cranes are back");
    expect(readFileSync(path.join(out, "people/ada/index.html"), "utf8")).toContain(
      "Harbour cranes are back",
    );
    // Bo's page does not list the article: it was not rewritten.
    expect(readFileSync(path.join(out, "people/bo/index.html"), "utf8")).not.toContain(
      "Harbour cranes are back",
    );
    await until(
      () => server.started.output.includes("[start] Search index updated"),
      "the search index",
    );
    expect(existsSync(cacheState)).toBe(false);
  });

  it("moves an article between term pages when its tags change", async () => {
    const file = path.join(root, "content/articles/2024/11/harbour.md");
    server.started.output = "";
    writeFileSync(file, readFileSync(file, "utf8").replace("people: [Ada]", "people: [Bo]"));
    await until(() => server.started.output.includes("[start] Updated"), "the update");
    expect(readFileSync(path.join(out, "people/bo/index.html"), "utf8")).toContain(
      "Harbour cranes are back",
    );
    expect(() => readFileSync(path.join(out, "people/ada/index.html"), "utf8")).toThrow(/ENOENT/);
  });

  it("reports an invalid edit and keeps serving", async () => {
    const file = path.join(root, "content/articles/2024/11/quay.md");
    server.started.output = "";
    writeFileSync(file, readFileSync(file, "utf8").replace("date: 2024-11-12", "date: soon"));
    await until(() => server.started.output.includes("quay.md:3: date:"), "the error");
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(response.status).toBe(200);
  });

  it("sees every save that replaces the file by renaming a temporary one over it", async () => {
    const file = path.join(root, "content/articles/2024/11/quay.md");
    const page = () => readFileSync(path.join(out, "articles/2024/11/quay/index.html"), "utf8");
    // As `sed -i` and editors' "safe write" do: write a new file beside it, rename it over.
    for (const title of ["Quay reopens at dawn", "Quay reopens at noon", "Quay reopens at dusk"]) {
      server.started.output = "";
      const temporary = `${file}.tmp-${Date.now()}`;
      writeFileSync(
        temporary,
        article({ title: `"${title}"`, date: "2024-11-12", people: "[Bo]" }),
      );
      renameSync(temporary, file);
      await until(() => page().includes(title), `the page to show "${title}"`);
      const response = await fetch(`http://127.0.0.1:${port}/articles/2024/11/quay/`);
      expect(await response.text()).toContain(title);
    }
  });

  it("writes the numbered page a list gains when newer stories arrive, though none of its stories changed", async () => {
    const home = () => readFileSync(path.join(out, "index.html"), "utf8");
    const oldest = path.join(out, "page", "1", "index.html");
    expect(existsSync(oldest)).toBe(false);
    for (const [slug, day] of [
      ["pier", "20"],
      ["dock", "21"],
    ] as const) {
      writeFileSync(
        path.join(root, `content/articles/2024/11/${slug}.md`),
        article({ title: `"New ${slug}"`, date: `2024-11-${day}` }),
      );
    }
    await until(() => home().includes("New dock") && existsSync(oldest), "the new page");
    await until(() => readFileSync(oldest, "utf8").includes("Harbour cranes are back"), "page 1");
    expect(home()).not.toContain("Harbour cranes are back");
    expect(home()).toContain('href="/page/1/"');
    expect(readFileSync(oldest, "utf8")).toContain("Quay reopens at dusk");
  });
});

describe("npm start after a build, with nothing changed", () => {
  it("serves the published site without building it again, and still applies edits", async () => {
    const root = makeFixtureSite({
      articles: {
        "2024/11/harbour.md": article({ title: '"Harbour cranes return"', people: "[Ada]" }),
      },
    });
    const out = path.join(mkdtempSync(path.join(tmpdir(), "archive-start-")), "_site");
    const built = runBuild(root, out);
    expect(built.status, built.stderr).toBe(0);
    const index = path.join(out, "index.html");
    const before = statSync(index).mtimeMs;
    const port = 19_000 + Math.floor(Math.random() * 1000);
    const { child, started, until } = startServer(root, out, port);
    try {
      await until(() => started.output.includes("[start] Serving"), "the server");
      expect(started.output).toContain("Nothing changed since the last build of 1 article.");
      expect(statSync(index).mtimeMs).toBe(before);
      const response = await fetch(`http://127.0.0.1:${port}/`);
      expect(await response.text()).toContain("Harbour cranes return");
      // Saved as soon as the site is served, before edits can be applied: applied once they can,
      // to the archive read from the cache as to a built one.
      writeFileSync(
        path.join(root, "content/articles/2024/11/harbour.md"),
        article({ title: '"Harbour cranes are back"', people: "[Ada]" }),
      );
      await until(
        () => readFileSync(index, "utf8").includes("Harbour cranes are back"),
        "the edit to show",
      );
      expect(started.output).toContain("[start] Watching for changes");
    } finally {
      child.kill("SIGTERM");
    }
  });
});
