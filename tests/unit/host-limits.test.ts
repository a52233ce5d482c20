import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkHost,
  checkOutput,
  describeHostCheck,
  describeOutput,
  formatBytes,
  HostLimitError,
  measureOutput,
  type OutputMeasure,
} from "../../src/output/host-limits.ts";
import { HOST_NAMES, HOSTS, resolveHost } from "../../src/config/hosts.ts";
import { loadSite, siteSchema } from "../../src/config/site.ts";
import { formatZodIssue } from "../../src/errors/zod-issues.ts";
import { makeFixtureSite } from "../helpers/fixture-site.ts";

/** A folder with `files` (relative path → size in bytes), each filled with "x". */
function makeOutput(files: Record<string, number>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "host-limits-"));
  for (const [file, size] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), "x".repeat(size));
  }
  return dir;
}

/** An output measured as if it had `files` files of `bytes` in all, split as the parts say. */
function measured(parts: OutputMeasure["parts"], extra: Partial<OutputMeasure> = {}) {
  return {
    files: parts.reduce((sum, p) => sum + p.files, 0),
    folders: 0,
    bytes: parts.reduce((sum, p) => sum + p.bytes, 0),
    largestFile: { path: "index.html", bytes: 1000 },
    fullestFolder: { path: "", files: 1 },
    parts,
    ...extra,
  } satisfies OutputMeasure;
}

const ARCHIVE = measured([
  { name: "pagefind/", files: 19_327, bytes: 60_000_000 },
  { name: "articles/", files: 19_045, bytes: 150_000_000 },
  { name: "places/", files: 10_786, bytes: 70_000_000 },
  { name: "topics/", files: 6_000, bytes: 30_000_000 },
  { name: "people/", files: 4_900, bytes: 14_000_000 },
  { name: "assets/", files: 80, bytes: 1_000_000 },
  { name: "index.html", files: 1, bytes: 20_000 },
]);

describe("measureOutput", () => {
  it("measures the folders of pages from their pages alone, as a walk finds them", () => {
    const pages = [
      "articles/2024/11/a/index.html",
      "articles/2024/11/b/index.html",
      "articles/2024/12/c/index.html",
      "articles/2024/12/c/feed.xml",
      "articles/index.html",
      "topics/nato/index.html",
    ];
    const dir = makeOutput({
      ...Object.fromEntries(pages.map((page, i) => [page, 10 * (i + 1)])),
      "index.html": 5,
      "assets/site.css": 60,
      "pagefind/fragment/one.pf_fragment": 7,
    });
    const walked = measureOutput(dir, { paths: true });
    const { paths, stamps, ...measure } = measureOutput(dir, { paths: true, pages });
    const { paths: walkedPaths, stamps: walkedStamps, ...walkedMeasure } = walked;
    expect(measure).toEqual(walkedMeasure);
    expect([...paths!].sort()).toEqual([...walkedPaths!].sort());
    expect(stamps).toEqual(walkedStamps);
    // What the build did not write is not looked for in a folder of pages; outside them, it is.
    writeFileSync(path.join(dir, "articles", "2024", "stray.txt"), "x");
    writeFileSync(path.join(dir, "assets", "stray.txt"), "x");
    expect(measureOutput(dir, { pages }).files).toBe(walked.files + 1);
    expect(measureOutput(dir).files).toBe(walked.files + 2);
  });

  it("counts files, folders and bytes, and finds the largest file and the fullest folder", () => {
    const dir = makeOutput({
      "index.html": 100,
      "404.html": 50,
      "articles/2024/11/a/index.html": 300,
      "articles/2024/11/b/index.html": 200,
      "pagefind/fragment/one.pf_fragment": 10,
      "pagefind/fragment/two.pf_fragment": 10,
      "pagefind/fragment/three.pf_fragment": 10,
      "pagefind/pagefind.js": 1000,
    });
    const measure = measureOutput(dir);
    expect(measure.files).toBe(8);
    // articles, 2024, 11, a, b, pagefind, fragment
    expect(measure.folders).toBe(7);
    expect(measure.bytes).toBe(1680);
    expect(measure.largestFile).toEqual({ path: "pagefind/pagefind.js", bytes: 1000 });
    expect(measure.fullestFolder).toEqual({ path: "pagefind/fragment", files: 3 });
    expect(measure.parts).toEqual([
      { name: "pagefind/", files: 4, bytes: 1030 },
      { name: "articles/", files: 2, bytes: 500 },
      { name: "index.html", files: 1, bytes: 100 },
      { name: "404.html", files: 1, bytes: 50 },
    ]);
    expect(describeOutput(measure)).toBe(
      "8 files, 1.7 kB, largest file pagefind/pagefind.js (1 kB)",
    );
  });
});

describe("the hosts' limits", () => {
  it("has every host the settings accept, with the limits their documentation publishes", () => {
    expect(HOST_NAMES).toEqual([
      "github-pages",
      "cloudflare-pages",
      "cloudflare-pages-paid",
      "netlify",
      "gitlab-pages",
    ]);
    expect(HOSTS["github-pages"]).toMatchObject({ maxBytes: 1e9, maxFileBytes: 100 * 2 ** 20 });
    expect(HOSTS["cloudflare-pages"]).toMatchObject({
      maxFiles: 20_000,
      maxFileBytes: 25 * 2 ** 20,
    });
    expect(HOSTS["cloudflare-pages-paid"]).toMatchObject({ maxFiles: 100_000 });
    expect(HOSTS.netlify).toMatchObject({ maxFilesPerFolder: 54_000 });
    expect(HOSTS["gitlab-pages"]).toMatchObject({ maxFiles: 200_000, maxBytes: 1e9 });
  });

  it("writes limits in the unit their documentation uses", () => {
    expect(formatBytes(25 * 2 ** 20)).toBe("25 MiB");
    expect(formatBytes(1e9)).toBe("1 GB");
    expect(formatBytes(325_400_000)).toBe("325.4 MB");
    expect(formatBytes(999)).toBe("999 bytes");
  });
});

describe("checkHost", () => {
  it("fails the full archive on Cloudflare's free plan: by how much, and what weighs most", () => {
    const result = checkHost(ARCHIVE, HOSTS["cloudflare-pages"]);
    expect(result.status).toBe("over");
    const message = describeHostCheck(result, ARCHIVE, "cloudflare-pages");
    expect(message).toContain(
      'The site is too large for Cloudflare Pages (free plan), the host named in _data/site.json "host" ("cloudflare-pages").\n',
    );
    expect(message).toContain("files: 60,139, 40,139 (201%) over the limit of 20,000");
    expect(message).toContain(
      "by files: pagefind/ 19,327 files (32%), articles/ 19,045 files (32%), places/ 10,786 files (18%)",
    );
    expect(message).toContain(
      "by size: articles/ 150 MB (46%), places/ 70 MB (22%), pagefind/ 60 MB (18%)",
    );
    // The fix: hosts it fits, limits of one's own, fewer pages.
    expect(message).toContain(
      'another host whose limits it fits ("host": "github-pages", "cloudflare-pages-paid", "netlify", "gitlab-pages")',
    );
    expect(message).toContain('"host": { "maxFiles": …, "maxBytes": … }');
    expect(message).toContain("fewer pages");
  });

  it("warns within 10% of a limit and is quiet below it", () => {
    const limits = { label: "a plan", maxFiles: 100 };
    const at = (files: number) => checkHost(measured([{ name: "a/", files, bytes: 1 }]), limits);
    expect(at(89).status).toBe("ok");
    expect(at(90).status).toBe("near");
    expect(at(100).status).toBe("near");
    expect(at(101).status).toBe("over");
    const near = describeHostCheck(at(95), measured([{ name: "a/", files: 95, bytes: 1 }]), {
      maxFiles: 100,
    });
    expect(near).toContain('The site is close to the limits set in _data/site.json "host".\n');
    expect(near).toContain("files: 95, 95% of the limit of 100");
    expect(near).toContain("by files: a/ 95 files (100%)");
  });

  it("checks the total size, the largest file and the fullest folder where the host limits them", () => {
    const big = measured([{ name: "photos/", files: 2, bytes: 1_200_000_000 }], {
      largestFile: { path: "photos/huge.jpg", bytes: 120_000_000 },
      fullestFolder: { path: "pagefind/fragment", files: 60_000 },
    });
    const github = checkHost(big, HOSTS["github-pages"]);
    expect(github.checks.map((c) => [c.what, c.status])).toEqual([
      ["total size", "over"],
      ["largest file", "over"],
    ]);
    const message = describeHostCheck(github, big, "github-pages");
    expect(message).toContain("total size: 1.2 GB, 200 MB (20%) over the limit of 1 GB");
    expect(message).toContain(
      "largest file (photos/huge.jpg): 120 MB, 15.1 MB (14%) over the limit of 100 MiB",
    );
    const netlify = checkHost(big, HOSTS.netlify);
    expect(netlify.status).toBe("over");
    expect(describeHostCheck(netlify, big, "netlify")).toContain(
      "files in one folder (pagefind/fragment/): 60,000, 6,000 (11%) over the limit of 54,000",
    );
  });

  it("counts folders with the files for GitLab, which limits file entries", () => {
    const output = measured([{ name: "articles/", files: 150_000, bytes: 1 }], { folders: 60_000 });
    const [files] = checkHost(output, HOSTS["gitlab-pages"]).checks;
    expect(files).toMatchObject({ what: "files and folders", actual: 210_000, status: "over" });
  });

  it("takes custom limits under the name given", () => {
    expect(resolveHost({ name: "our server", maxBytes: 5 })).toEqual({
      label: "our server",
      maxBytes: 5,
    });
    expect(resolveHost({ maxFiles: 5 }).label).toBe("custom limits");
  });
});

describe("checkOutput", () => {
  it("only measures without a host, and throws over the host's limits", () => {
    const dir = makeOutput({ "a.html": 10, "b/c.html": 10, "b/d.html": 10 });
    expect(checkOutput(dir, undefined)).toEqual({ measure: measureOutput(dir) });
    expect(checkOutput(dir, { maxFiles: 30 }).warning).toBeUndefined();
    expect(checkOutput(dir, { maxFiles: 3 }).warning).toContain("close to the limits");
    expect(() => checkOutput(dir, { maxFiles: 2 })).toThrow(HostLimitError);
    expect(() => checkOutput(dir, { maxFiles: 2 })).toThrow(
      /^The site is over the limits set in _data\/site\.json "host"\.\n {2}- files: 3, 1 \(50%\) over the limit of 2\nWhat weighs most:\n {2}by files: b\/ 2 files \(67%\), a\.html 1 file \(33%\)/,
    );
  });
});

describe("the host setting", () => {
  const base = { title: "A", url: "https://a.example.org" };
  const problem = (host: unknown) => {
    const result = siteSchema.safeParse({ ...base, host });
    if (result.success) throw new Error(`expected ${JSON.stringify(host)} to be rejected`);
    return formatZodIssue(result.error.issues[0]!);
  };

  it("accepts a known host's name, or limits of one's own", () => {
    expect(siteSchema.parse({ ...base, host: "netlify" }).host).toBe("netlify");
    expect(siteSchema.parse({ ...base, host: { name: "ours", maxFiles: 10 } }).host).toEqual({
      name: "ours",
      maxFiles: 10,
    });
    expect(siteSchema.parse(base).host).toBeUndefined();
  });

  it("names the known hosts when the name is unknown", () => {
    expect(problem("cloudflare")).toEqual({
      field: "host",
      message:
        'unknown host "cloudflare": expected one of github-pages, cloudflare-pages, cloudflare-pages-paid, netlify, gitlab-pages, or limits of your own such as { "maxFiles": 20000 }',
    });
  });

  it("rejects limits that are not whole positive numbers, misspelt, or missing", () => {
    expect(problem({ maxFiles: 0 })).toEqual({
      field: "host.maxFiles",
      message: "expected a number above 0",
    });
    expect(problem({ maxBytes: 1.5 })).toMatchObject({ field: "host.maxBytes" });
    expect(problem({ maxfiles: 10 })).toMatchObject({ field: "host.maxfiles" });
    expect(problem({ name: "ours" }).message).toContain("expected at least one of maxFiles");
    expect(problem(3).message).toContain("expected a host name (github-pages,");
  });

  it("reports an unknown host with the file and field", () => {
    const root = makeFixtureSite({ site: { host: "github" } });
    expect(() => loadSite(root, {})).toThrow(/_data\/site\.json: host: unknown host "github"/);
  });
});
