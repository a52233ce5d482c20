import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { article, makeFixtureSite } from "../helpers/fixture-site.ts";
import { runBuild } from "../helpers/run-build.ts";
import { findBrokenLinks, listFiles, readPage } from "../helpers/site-files.ts";

const PAGE = "articles/2024/11/summit/index.html";

/** A photo made here: noise, so that encoders have real work to do. */
function photo(width: number, height: number, format: "jpeg" | "png" = "jpeg") {
  const noise = { type: "gaussian" as const, mean: 128, sigma: 30 };
  return sharp({ create: { width, height, channels: 3, background: "#000", noise } })
    .toFormat(format)
    .toBuffer();
}

describe("photos in the built site", () => {
  let site: string;
  let files: string[];

  beforeAll(async () => {
    const root = makeFixtureSite({
      articles: {
        "2024/11/summit.md": article({
          title: '"Summit"',
          topics: "[NATO]",
          people: "[Mark Rutte]",
          images: [
            "",
            "  - src: photos/lead.jpg",
            '    alt: "Ministers around a table"',
            '    caption: "Ministers meet in Brussels."',
            '    credit: "EPA"',
            '  - caption: "A caption without a photo."',
            '    credit: "Archive"',
            "  - src: photos/small.png",
            '    alt: "A small chart"',
            "  - src: photos/portrait.jpg",
            '    alt: "A portrait, taken with the camera on its side"',
          ].join("\n"),
        }),
        "2024/11/no-photo.md": article({
          title: '"Without a photo"',
          date: "2024-11-12",
          topics: "[NATO]",
        }),
      },
      files: {
        "assets/photos/lead.jpg": await photo(2400, 1600),
        "assets/photos/small.png": await photo(900, 600, "png"),
        // Stored sideways, as cameras do, with EXIF orientation 6 (turn 90° clockwise to view).
        "assets/photos/portrait.jpg": await sharp(await photo(1200, 800))
          .withMetadata({ orientation: 6 })
          .jpeg()
          .toBuffer(),
      },
    });
    site = path.join(mkdtempSync(path.join(tmpdir(), "archive-photos-")), "_site");
    const run = runBuild(root, site);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    files = listFiles(site);
  });

  const figures = () => readPage(site, PAGE).querySelectorAll("article figure");
  const imgOf = (index: number) => figures()[index]!.querySelector("picture > img")!;

  it("renders a photo as a picture with a WebP source before the JPEG img", () => {
    const picture = figures()[0]!.querySelector("picture")!;
    expect(picture.childNodes.map((node) => node.toString().slice(0, 7))).toEqual([
      "<source",
      "<img sr",
    ]);
    expect(picture.querySelector("source")!.getAttribute("type")).toBe("image/webp");
    expect(imgOf(0).getAttribute("src")).toMatch(/^\/img\/[\w-]+-1600\.jpeg$/);
  });

  it("gives the img the photo's width and height so that its box is reserved", () => {
    expect([imgOf(0).getAttribute("width"), imgOf(0).getAttribute("height")]).toEqual([
      "1600",
      "1066",
    ]);
  });

  it("offers every width in the srcset, with sizes for the text column", () => {
    const source = figures()[0]!.querySelector("source")!;
    const widths = source
      .getAttribute("srcset")!
      .split(", ")
      .map((entry) => entry.split(" ")[1]);
    expect(widths).toEqual(["400w", "800w", "1200w", "1600w"]);
    expect(source.getAttribute("sizes")).toBe("(min-width: 42rem) 40rem, calc(100vw - 2rem)");
    expect(imgOf(0).getAttribute("sizes")).toBe(source.getAttribute("sizes"));
  });

  it("describes each photo with its alt text", () => {
    expect(imgOf(0).getAttribute("alt")).toBe("Ministers around a table");
    expect(imgOf(2).getAttribute("alt")).toBe("A small chart");
  });

  it("loads the lead photo at once and every other photo lazily", () => {
    expect(imgOf(0).getAttribute("loading")).toBeUndefined();
    expect(imgOf(0).getAttribute("fetchpriority")).toBe("high");
    for (const index of [2, 3]) {
      expect(imgOf(index).getAttribute("loading")).toBe("lazy");
      expect(imgOf(index).getAttribute("decoding")).toBe("async");
    }
  });

  it("shows the caption and the credit in the photo's figcaption", () => {
    const caption = figures()[0]!.querySelector("figcaption")!;
    expect(caption.querySelector(".caption")!.text).toBe("Ministers meet in Brussels.");
    expect(caption.querySelector(".credit")!.text).toBe("Photo: EPA");
  });

  it("keeps a figure without a photo, with its caption and credit", () => {
    const figure = figures()[1]!;
    expect(figure.querySelector("picture")).toBeNull();
    expect(figure.querySelector("figcaption")!.text).toBe(
      "A caption without a photo. Photo: Archive",
    );
  });

  it("never enlarges a photo narrower than the widest size", () => {
    const srcset = imgOf(2).getAttribute("srcset")!;
    expect(srcset.split(", ").map((entry) => entry.split(" ")[1])).toEqual(["400w", "800w"]);
  });

  it("turns a photo upright by its EXIF orientation", async () => {
    expect([imgOf(3).getAttribute("width"), imgOf(3).getAttribute("height")]).toEqual([
      "800",
      "1200",
    ]);
    const file = path.join(site, imgOf(3).getAttribute("src")!);
    const { width, height } = await sharp(file).metadata();
    expect([width, height]).toEqual([800, 1200]);
  });

  it("publishes no camera metadata (EXIF) with the photos", async () => {
    const published = files.filter((file) => file.startsWith("img/"));
    for (const file of published) {
      expect((await sharp(path.join(site, file)).metadata()).exif, file).toBeUndefined();
    }
  });

  it("writes each width in WebP and JPEG under img/ and does not copy the originals", () => {
    const published = files.filter((file) => file.startsWith("img/"));
    const count = (format: string) => published.filter((file) => file.endsWith(format)).length;
    // lead: 4 widths, small: 2, portrait: 2
    expect([count(".webp"), count(".jpeg")]).toEqual([8, 8]);
    expect(published).toHaveLength(16);
    expect(files.filter((file) => file.startsWith("assets/photos/"))).toEqual([]);
  });

  it("writes files of the sizes the markup promises", async () => {
    const source = figures()[0]!.querySelector("source")!;
    const first = source.getAttribute("srcset")!.split(", ")[1]!.split(" ")[0]!;
    const { width, height, format } = await sharp(path.join(site, first)).metadata();
    expect({ width, height, format }).toEqual({ width: 800, height: 533, format: "webp" });
  });

  for (const page of ["index.html", "topics/nato/index.html", "people/mark-rutte/index.html"]) {
    it(`shows the lead photo as a thumbnail on ${page}`, () => {
      const summary = readPage(site, page)
        .querySelectorAll(".article-summary")
        .find((el) => el.querySelector("h2")!.text === "Summit")!;
      const img = summary.querySelector("picture.thumbnail img")!;
      expect(img.getAttribute("src")).toBe(imgOf(0).getAttribute("src"));
      expect(img.getAttribute("sizes")).toBe("8rem");
      expect(img.getAttribute("loading")).toBe("lazy");
    });
  }

  it("shows no thumbnail for an article without a photo", () => {
    const summary = readPage(site, "index.html")
      .querySelectorAll(".article-summary")
      .find((el) => el.querySelector("h2")!.text === "Without a photo")!;
    expect(summary.querySelector("picture")).toBeNull();
  });

  it("gives search results the lead photo's smallest WebP", () => {
    const meta = readPage(site, PAGE)
      .querySelectorAll("[data-pagefind-meta]")
      .map((el) => el.getAttribute("data-pagefind-meta")!)
      .find((value) => value.startsWith("image:"));
    expect(meta).toMatch(/^image:\/img\/[\w-]+-400\.webp$/);
  });

  it("uses the lead photo's 1200-pixel JPEG as the Open Graph image", () => {
    const og = readPage(site, PAGE).querySelector('meta[property="og:image"]');
    expect(og?.getAttribute("content")).toMatch(
      /^https:\/\/archive\.example\.org\/img\/[\w-]+-1200\.jpeg$/,
    );
  });

  it("leaves no broken link, srcset entries included", () => {
    expect(findBrokenLinks(site, "/", "https://archive.example.org")).toEqual([]);
  });
});
