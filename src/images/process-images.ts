import { stat } from "node:fs/promises";
import path from "node:path";
import type { ImageStat } from "@11ty/eleventy-img";
import type { Article } from "../content/article.ts";
import type { ImageData } from "../content/schema.ts";
import { ContentError, ContentErrors } from "../errors/content-errors.ts";
import { attachPicture } from "./attached-pictures.ts";
import { encodePhoto } from "./encode-photo.ts";
import { ImageCache } from "./image-cache.ts";
import { imageCacheDir, PHOTO_URL_PATH } from "./image-options.ts";
import { PhotoProblem } from "./photo-problem.ts";
import { planPhoto, type PhotoPlan } from "./plan-photo.ts";
import { toPictureData, type PictureData } from "./picture-data.ts";

export interface ProcessImagesOptions {
  /** The archive folder; photos are read from its `assets/`. */
  root: string;
  /** The site being built; photos are published under `<outputDir>/img/`. */
  outputDir: string;
  /** Where encoded files are kept between builds. Default: `<root>/.cache/images`. */
  cacheDir?: string;
  /**
   * false: only attaches each photo's picture data, planned from its file, without encoding or
   * publishing anything, and leaves the cache as it is. For a build that renders pages only to
   * index them (`npm run build -- --bundles`): the markup is the same, and the build that
   * assembles the site publishes the photos.
   */
  publish?: boolean;
}

/** What one run did: how many photos, and how much sharp work they took. */
export interface ImageReport {
  /** Distinct photos published. */
  photos: number;
  /** Photos that had to be encoded (new or changed since the cached encode). */
  encodedPhotos: number;
  /** Files sharp encoded in this run; 0 when every photo was in the cache. */
  encodedFiles: number;
  /** Files taken from the cache without encoding. */
  cachedFiles: number;
  /** Time spent encoding, in milliseconds. */
  encodeMs: number;
  /** Published bytes, by output format. */
  bytesByFormat: Record<string, number>;
  /** Every published photo, by its path under `assets/`. */
  pictures: ReadonlyMap<string, PictureData>;
}

/** Where a photo is used: the file and field that name it, for error messages. */
interface PhotoUse {
  file: string;
  field: string;
  image: ImageData;
}

/** The people, topics and places of an archive whose registry entry has a photo. */
interface TermWithPhoto {
  id: string;
  kind: string;
  photo?: ImageData & { src: string };
}

function usesBySrc(
  articles: readonly Article[],
  terms: readonly TermWithPhoto[],
): Map<string, PhotoUse[]> {
  const uses = new Map<string, PhotoUse[]>();
  const add = (use: PhotoUse) => {
    const list = uses.get(use.image.src!) ?? [];
    list.push(use);
    uses.set(use.image.src!, list);
  };
  for (const article of articles) {
    article.images.forEach((image, index) => {
      if (image.src) add({ file: article.file, field: `images[${index}].src`, image });
    });
  }
  for (const term of terms) {
    if (term.photo)
      add({ file: `_data/${term.kind}.json`, field: `${term.id}.photo.src`, image: term.photo });
  }
  return new Map([...uses].sort(([a], [b]) => a.localeCompare(b)));
}

const filenamesOf = (stats: Iterable<ImageStat>) => [...stats].map((stat) => stat.filename);
const plannedFiles = (plan: PhotoPlan) => filenamesOf(Object.values(plan.stats).flat());

/**
 * Publishes every photo of the archive's published articles (and of its registry entries) into
 * `<outputDir>/img/` and attaches
 * its picture data to the article's figure for the templates (see `pictureOf`). Photos are taken
 * from the cache folder when it has them, and encoded with eleventy-img (sharp) into it when not,
 * one photo at a time to bound memory. Every unusable photo is reported at once, as ContentErrors
 * naming the article and the field. After a run without errors, cached files that no article uses
 * any more are deleted.
 */
export async function processArchiveImages(
  archive: { articles: readonly Article[]; terms?: Record<string, readonly TermWithPhoto[]> },
  options: ProcessImagesOptions,
): Promise<ImageReport> {
  const cache = new ImageCache(options.cacheDir ?? imageCacheDir(options.root));
  const publishDir = path.join(options.outputDir, PHOTO_URL_PATH);
  const assets = path.join(options.root, "assets");
  const report = {
    photos: 0,
    encodedPhotos: 0,
    encodedFiles: 0,
    cachedFiles: 0,
    encodeMs: 0,
    bytesByFormat: {} as Record<string, number>,
    pictures: new Map<string, PictureData>(),
  };
  const errors: ContentError[] = [];
  const keep = new Set<string>();
  const publish = options.publish ?? true;

  const terms = Object.values(archive.terms ?? {}).flat();
  for (const [src, uses] of usesBySrc(archive.articles, terms)) {
    try {
      const plan = await planPhoto(src, path.join(assets, src), cache.dir);
      const files = plannedFiles(plan);
      // Unpublished, the pages need only the plan's file names and sizes: nothing is encoded.
      if (publish) {
        if (cache.has(files)) {
          report.cachedFiles += files.length;
        } else {
          const started = performance.now();
          const written = await cache.fill((folder) => encodePhoto(plan, folder), filenamesOf);
          report.encodeMs += performance.now() - started;
          report.encodedFiles += written.length;
          report.encodedPhotos++;
          if (!cache.has(files)) {
            throw new Error(
              `eleventy-img wrote ${filenamesOf(written).join(", ")} for "${src}", not the planned ${files.join(", ")}.`,
            );
          }
        }
        await cache.publish(files, publishDir);
        for (const output of Object.values(plan.stats).flat()) {
          const { size } = await stat(path.join(cache.dir, output.filename));
          report.bytesByFormat[output.format] = (report.bytesByFormat[output.format] ?? 0) + size;
        }
        files.forEach((file) => keep.add(file));
      }
      const picture = toPictureData(src, plan.stats);
      report.pictures.set(src, picture);
      report.photos++;
      for (const use of uses) attachPicture(use.image, picture);
    } catch (error) {
      if (!(error instanceof PhotoProblem)) throw error;
      for (const use of uses) {
        errors.push(
          new ContentError(use.file, error.message, { field: use.field, cause: error.cause }),
        );
      }
    }
  }
  if (errors.length) {
    throw new ContentErrors(errors.sort((a, b) => a.file.localeCompare(b.file)));
  }
  if (publish) await cache.prune(keep);
  return report;
}

/** One line for the build log, e.g. `[images] 3 photos: 8 files encoded in 1.2 s, 16 from .cache/images`. */
export function describeImageReport(report: ImageReport, root: string, cacheDir?: string): string {
  const cache = path.relative(root, cacheDir ?? imageCacheDir(root)) || ".";
  const photos = `${report.photos} photo${report.photos === 1 ? "" : "s"}`;
  const encoded = report.encodedFiles
    ? `${report.encodedFiles} files encoded in ${(report.encodeMs / 1000).toFixed(1)} s, `
    : "nothing encoded, ";
  return `[images] ${photos}: ${encoded}${report.cachedFiles} files from ${cache}`;
}
