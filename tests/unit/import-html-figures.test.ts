import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FIGURE_TALLIES,
  imageType,
  readFigures,
  splitCredit,
} from "../../src/import/html/figures.ts";

let root: string;
let site: string;
let page: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "import-html-figures-"));
  site = path.join(root, "site");
  page = path.join(site, "story.html");
  mkdirSync(path.join(site, "story_files"), { recursive: true });
  const jpeg = await sharp({ create: { width: 4, height: 3, channels: 3, background: "#c33" } })
    .jpeg()
    .toBuffer();
  writeFileSync(path.join(site, "story_files", "oven.jpg"), jpeg);
  writeFileSync(path.join(site, "story_files", "not-a-photo.jpg"), "<html>Not found</html>");
  writeFileSync(path.join(root, "outside.jpg"), jpeg);
  writeFileSync(page, "");
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("captions and credits", () => {
  it.each([
    ["Bakers at work. (Photo: Ana Lima)", "Bakers at work.", "Ana Lima"],
    ["Bakers at work. Photo: Ana Lima", "Bakers at work.", "Ana Lima"],
    ["Bakers at work. Photograph by Ana Lima", "Bakers at work.", "Ana Lima"],
    ["Bakers at work. © 2024 Ana Lima", "Bakers at work.", "Ana Lima"],
    ["Bakers at work on Monday. Ana Lima/Reuters", "Bakers at work on Monday.", "Ana Lima/Reuters"],
    ["Bakers at work. REUTERS/Ana Lima", "Bakers at work.", "REUTERS/Ana Lima"],
    ["Bakers at work. AFP via Getty Images", "Bakers at work.", "AFP via Getty Images"],
  ])("%s", (text, caption, credit) => {
    expect(splitCredit(text)).toEqual({ caption, credit });
  });

  it("leaves a caption without a credit whole", () => {
    expect(splitCredit("The oven runs at night, and/or at dawn in winter.")).toEqual({
      caption: "The oven runs at night, and/or at dawn in winter.",
    });
    expect(splitCredit("Photo opportunities abound on the quay.")).toEqual({
      caption: "Photo opportunities abound on the quay.",
    });
  });
});

describe("figures of a saved page", () => {
  it("finds a photo saved in the page's _files folder, with caption and credit element", () => {
    const html = `<figure><img src="./story_files/oven.jpg" alt="A long oven"><figcaption>The new oven. <small>Tom Berg</small></figcaption></figure>`;
    const { images, tallies } = readFigures(html, { pageFile: page });
    expect(images).toEqual([
      {
        caption: "The new oven.",
        credit: "Tom Berg",
        alt: "A long oven",
        file: path.join(site, "story_files", "oven.jpg"),
      },
    ]);
    expect(tallies).toEqual({});
  });

  it("keeps a photo only on the web as a caption-only figure, and drops one without caption", () => {
    const html = `<figure><img src="https://example.com/a.jpg" alt="Crates"><figcaption>Crates on the ramp.</figcaption></figure>
      <img src="https://example.com/b.jpg" alt="Quay">
      <img src="https://example.com/c.jpg">`;
    const { images, tallies } = readFigures(html, { pageFile: page });
    expect(images).toEqual([{ caption: "Crates on the ramp.", alt: "Crates" }]);
    expect(tallies).toEqual({
      [FIGURE_TALLIES.webOnly]: 1,
      [FIGURE_TALLIES.webOnlyWithoutCaption]: 1,
      [FIGURE_TALLIES.withoutText]: 1,
    });
  });

  it("uses the caption as alt text, and leaves out a saved photo with neither", () => {
    const html = `<figure><img src="story_files/oven.jpg"><figcaption>The oven.</figcaption></figure><img src="story_files/oven.jpg?v=2" alt="">`;
    const { images } = readFigures(html, { pageFile: page });
    expect(images).toEqual([
      { caption: "The oven.", alt: "The oven.", file: path.join(site, "story_files", "oven.jpg") },
    ]);
    const lone = readFigures(`<img src="story_files/oven.jpg" alt="">`, { pageFile: page });
    expect(lone.images).toEqual([]);
    expect(lone.tallies).toEqual({ [FIGURE_TALLIES.withoutText]: 1 });
  });

  it("never takes a file outside the page's folder", () => {
    const html = `<figure><img src="../outside.jpg" alt="Outside"><figcaption>Outside the folder.</figcaption></figure>`;
    const { images, tallies } = readFigures(html, { pageFile: page });
    expect(images).toEqual([{ caption: "Outside the folder.", alt: "Outside" }]);
    expect(images[0]!.file).toBeUndefined();
    expect(tallies[FIGURE_TALLIES.outsideFolder]).toBe(1);
  });

  it("does not take a file that is not a photo by its first bytes", () => {
    const html = `<figure><img src="story_files/not-a-photo.jpg" alt="X"><figcaption>Not a photo.</figcaption></figure>`;
    const { images, tallies } = readFigures(html, { pageFile: page });
    expect(images[0]!.file).toBeUndefined();
    expect(tallies[FIGURE_TALLIES.notAPhotoFile]).toBe(1);
  });

  it("ignores tracking pixels, spacers and placeholders", () => {
    const html = `<img src="https://example.com/t.gif" width="1" height="1" alt="x">
      <img src="https://example.com/img/spacer.gif" alt="x">
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="x">`;
    expect(readFigures(html, { pageFile: page })).toEqual({ images: [], tallies: {} });
  });

  it("counts one photo once: srcset sizes, a noscript copy, the lead image the body has", () => {
    const html = `<figure><img src="https://example.com/p/harbour-400x300.jpg" srcset="https://example.com/p/harbour-800x600.jpg 800w" alt="Harbour"><figcaption>The harbour.</figcaption></figure>
      <img src="https://example.com/p/harbour-800x600.jpg" alt="Harbour">`;
    const lead = {
      url: "https://example.com/p/harbour.jpg?w=1200",
      caption: "The harbour at dawn.",
    };
    const { images } = readFigures(html, { pageFile: page, leadImage: lead });
    expect(images).toEqual([{ caption: "The harbour.", alt: "Harbour" }]);
  });

  it("puts a lead image the body does not show first", () => {
    const html = `<figure><img src="./story_files/oven.jpg" alt="Oven"><figcaption>The oven.</figcaption></figure>`;
    const lead = { url: "https://example.com/p/quay.jpg", caption: "The quay. Photo: Jane Doe" };
    const { images } = readFigures(html, { pageFile: page, leadImage: lead });
    expect(images.map((image) => [image.caption, image.credit])).toEqual([
      ["The quay.", "Jane Doe"],
      ["The oven.", undefined],
    ]);
  });

  it("tells photo formats by their magic bytes", () => {
    expect(imageType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("jpeg");
    expect(imageType(new TextEncoder().encode("GIF89a...."))).toBe("gif");
    expect(imageType(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))).toBe("webp");
    expect(
      imageType(
        Uint8Array.from([0, 0, 0, 0x1c, ...new TextEncoder().encode("ftypavif\0\0\0\0avifmif1")]),
      ),
    ).toBe("avif");
    expect(imageType(new TextEncoder().encode("<svg xmlns="))).toBeUndefined();
  });
});
