import { describe, expect, it } from "vitest";
import { imageStats as stats } from "../helpers/image-stats.ts";
import { toPictureData } from "../../src/images/picture-data.ts";

describe("picture data for the templates", () => {
  it("offers WebP as a source and keeps the JPEG for the img itself", () => {
    const picture = toPictureData("photos/a.jpg", stats(["webp", "jpeg"], [400, 800]));
    expect(picture.sources.map((source) => source.type)).toEqual(["image/webp"]);
    expect(picture.fallback.type).toBe("image/jpeg");
  });

  it("lists every width of a format narrowest first", () => {
    const picture = toPictureData("photos/a.jpg", stats(["webp", "jpeg"], [1600, 400, 800]));
    expect(picture.sources[0]!.files.map((file) => file.width)).toEqual([400, 800, 1600]);
  });

  it("gives the img the widest JPEG's width and height, so the box has the photo's shape", () => {
    const picture = toPictureData("photos/a.jpg", stats(["webp", "jpeg"], [400, 800, 1600]));
    expect(picture.img).toEqual({ url: "/img/h-1600.jpeg", width: 1600, height: 1066 });
  });

  it("chooses the 1200-pixel JPEG as the Open Graph image", () => {
    const picture = toPictureData("photos/a.jpg", stats(["webp", "jpeg"], [400, 800, 1200, 1600]));
    expect(picture.social.url).toBe("/img/h-1200.jpeg");
  });

  it("chooses the widest JPEG for a photo narrower than 1200 pixels", () => {
    const picture = toPictureData("photos/a.jpg", stats(["webp", "jpeg"], [400, 640]));
    expect(picture.social.url).toBe("/img/h-640.jpeg");
  });

  it("uses the narrowest file of the best format as the thumbnail", () => {
    const picture = toPictureData("photos/a.jpg", stats(["avif", "webp", "jpeg"], [400, 800]));
    expect(picture.thumbnail.url).toBe("/img/h-400.avif");
  });

  it("refuses a plan without JPEG, which every browser and Open Graph reader can show", () => {
    expect(() => toPictureData("photos/a.jpg", stats(["webp"], [400]))).toThrow(
      'No jpeg output was planned for "photos/a.jpg"',
    );
  });
});
