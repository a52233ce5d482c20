import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runBuild } from "../helpers/run-build.ts";
import { copyPublishingFixture } from "../fixtures/publishing-site.ts";
import { listFiles, readPage } from "../helpers/site-files.ts";

describe("the archive by year and month", () => {
  let site: string;

  beforeAll(() => {
    site = path.join(mkdtempSync(path.join(tmpdir(), "archive-dates-")), "_site");
    const run = runBuild(copyPublishingFixture(), site);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  const items = (file: string, selector: string) =>
    readPage(site, file)
      .querySelectorAll(selector)
      .map((el) => el.text.replace(/\s+/g, " ").trim());

  it("lists every year and month with its number of articles, newest first", () => {
    expect(items("archive/index.html", "h2")).toEqual(["2024 (4)", "2023 (1)"]);
    expect(items("archive/index.html", ".term-index li")).toEqual([
      "November 2024 (3)",
      "October 2024 (1)",
      "May 2023 (1)",
    ]);
  });

  it("lists a year's months with their counts, linked to the month pages", () => {
    const page = readPage(site, "archive/2024/index.html");
    expect(page.querySelector("h1")!.text).toBe("2024");
    expect(items("archive/2024/index.html", ".term-index li")).toEqual([
      "November 2024 (3)",
      "October 2024 (1)",
    ]);
    expect(page.querySelectorAll(".term-index a").map((a) => a.getAttribute("href"))).toEqual([
      "/archive/2024/11/",
      "/archive/2024/10/",
    ]);
  });

  it("pages through a month's articles, newest first, at the topic page size", () => {
    expect(items("archive/2024/11/index.html", ".article-list h2")).toEqual([
      "Allies meet in Brussels",
      'Talks "resume" & </script><b>tensions</b> ease',
    ]);
    expect(items("archive/2024/11/page/2/index.html", ".article-list h2")).toEqual([
      "Tariff plan is shelved",
    ]);
    expect(listFiles(site)).not.toContain("archive/2024/10/page/2/index.html");
  });

  it("links an article's date to its month in the archive", () => {
    const date = readPage(site, "articles/2024/10/earlier/index.html").querySelector(
      "article header .date a",
    );
    expect(date?.getAttribute("href")).toBe("/archive/2024/10/");
    expect(date?.querySelector("time")?.text).toBe("20 October 2024");
  });

  it("offers the archive in the navigation of every section", () => {
    const nav = readPage(site, "index.html").querySelectorAll(".site-header nav a");
    expect(nav.map((a) => a.getAttribute("href"))).toContain("/archive/");
    expect(
      readPage(site, "archive/index.html").querySelector('.site-header nav a[aria-current="page"]')
        ?.text,
    ).toBe("Archive");
  });
});
