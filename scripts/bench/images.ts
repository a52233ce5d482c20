// npx tsx scripts/bench/images.ts: what photos cost. Encodes photo-like images in each candidate
// format at the published widths (time and bytes per photo), then runs the build's photo stage and
// whole builds with a cold and a warm cache (how many files sharp encoded), and a 12,000-pixel
// photo (peak memory). Prints a Markdown table; `npm run bench` adds the rows to its report.
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import eleventyImage, { type ImageOptions, type OutputFormat } from "@11ty/eleventy-img";
import sharp from "sharp";
import { loadArchive } from "../../src/collections/load-archive.ts";
import {
  eleventyImageOptions,
  imageCacheDir,
  PHOTO_FORMATS,
  PHOTO_WIDTHS,
} from "../../src/images/image-options.ts";
import { processArchiveImages, type ImageReport } from "../../src/images/process-images.ts";
import { runTimed } from "./timed.ts";
import { scriptArguments } from "../node-script.ts";

const PHOTOS = 3;
const PHOTO_SIZE = [3000, 2000] as const;
const projectDir = path.resolve(import.meta.dirname, "..", "..");

type Row = Record<string, string | number>;

function row(fields: {
  case: string;
  format: string;
  photos: number;
  encodes?: number;
  ms: number;
  bytes?: number;
  peakMb?: number;
}): Row {
  return {
    case: fields.case,
    format: fields.format,
    photos: fields.photos,
    "sharp encodes": fields.encodes ?? "",
    seconds: Number((fields.ms / 1000).toFixed(2)),
    "ms per photo": Math.round(fields.ms / fields.photos),
    "KB per photo":
      fields.bytes === undefined ? "" : Math.round(fields.bytes / fields.photos / 1024),
    "peak RSS MB": fields.peakMb ?? "",
  };
}

/** A deterministic pseudo-random sequence, so every run measures the same photos. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * A stand-in for a news photo: sky, overlapping shapes with soft edges, and film grain at three
 * scales, so that encoders meet both smooth areas and fine detail. Real photos compress
 * differently; the comparison between formats is what this measures.
 */
async function syntheticPhoto(width: number, height: number, seed: number): Promise<Buffer> {
  const next = random(seed);
  const shapes = Array.from({ length: 80 }, (_, i) => {
    const [x, y] = [next() * width, height * (0.3 + next() * 0.7)];
    const [w, h] = [width * (0.02 + next() * 0.15), height * (0.05 + next() * 0.4)];
    const fill = `hsl(${Math.round(next() * 360)},${Math.round(15 + next() * 35)}%,${Math.round(20 + next() * 50)}%)`;
    return i % 3
      ? `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${w / 10}" fill="${fill}"/>`
      : `<ellipse cx="${x}" cy="${y}" rx="${w / 2}" ry="${h / 3}" fill="${fill}"/>`;
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#4a78b5"/>
    <stop offset="0.5" stop-color="#c9d8e8"/><stop offset="1" stop-color="#6b5a45"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#sky)"/>${shapes.join("")}</svg>`;
  const base = await sharp(Buffer.from(svg))
    .removeAlpha()
    .blur(Math.max(0.3, width / 1500))
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = Buffer.from(base.data);
  for (const [scale, sigma, amount] of [
    [24, 40, 0.3],
    [6, 40, 0.2],
    [1.5, 30, 0.12],
  ] as const) {
    const noise = { type: "gaussian" as const, mean: 128, sigma };
    const [w, h] = [Math.round(width / scale), Math.round(height / scale)];
    const grain = await sharp({
      create: { width: w, height: h, channels: 3, background: "#000", noise },
    })
      .resize(width, height, { kernel: "cubic" })
      .raw()
      .toBuffer();
    // Luminance grain only: the same offset on all three channels of a pixel.
    for (let i = 0; i < pixels.length; i++) {
      pixels[i] = Math.max(0, Math.min(255, pixels[i]! + (grain[i - (i % 3)]! - 128) * amount));
    }
  }
  return sharp(pixels, { raw: base.info }).jpeg({ quality: 90 }).toBuffer();
}

/** Encodes every photo at the published widths in one format: time, bytes and files. */
async function encodeAll(files: string[], format: OutputFormat, tweak: Partial<ImageOptions> = {}) {
  let ms = 0;
  let bytes = 0;
  let encodes = 0;
  for (const file of files) {
    const folder = mkdtempSync(path.join(tmpdir(), "bench-images-encode-"));
    const options = { ...eleventyImageOptions(folder, { formats: [format] }), ...tweak };
    const started = performance.now();
    const stats = await eleventyImage(file, options);
    ms += performance.now() - started;
    bytes += (stats[format] ?? []).reduce((sum, stat) => sum + (stat.size ?? 0), 0);
    encodes += stats[format]?.length ?? 0;
  }
  return { ms, bytes, encodes };
}

/** An archive of one article per photo, in a new temporary folder. */
function writeArchive(photos: Buffer[]): string {
  const root = mkdtempSync(path.join(tmpdir(), "bench-images-archive-"));
  const write = (file: string, content: string | Buffer) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  };
  write("_data/site.json", JSON.stringify({ title: "Photo bench", url: "https://bench.example" }));
  photos.forEach((photo, i) => {
    write(`assets/photos/p${i}.jpg`, photo);
    write(
      `content/articles/2024/11/story-${i}.md`,
      `---\ntitle: "Story ${i}"\ndate: 2024-11-${10 + i}\nimages:\n  - src: photos/p${i}.jpg\n    alt: "Photo ${i}"\n---\n\nBody.\n`,
    );
  });
  return root;
}

async function imageStage(root: string): Promise<{ report: ImageReport; ms: number }> {
  const outputDir = mkdtempSync(path.join(tmpdir(), "bench-images-out-"));
  const started = performance.now();
  const report = await processArchiveImages(loadArchive(root, {}), { root, outputDir });
  return { report, ms: performance.now() - started };
}

/** Cache files written since `since`: the build's encodes, counted on disk. */
function encodedSince(root: string, since: number): number {
  const dir = imageCacheDir(root);
  return readdirSync(dir, { withFileTypes: true }).filter(
    (entry) => entry.isFile() && statSync(path.join(dir, entry.name)).mtimeMs >= since,
  ).length;
}

async function fullBuild(root: string) {
  const since = Date.now();
  const out = path.join(mkdtempSync(path.join(tmpdir(), "bench-images-site-")), "_site");
  const run = await runTimed(
    process.execPath,
    scriptArguments("scripts/build.ts", ["--root", root, "--out", out, "--quiet"]),
    {
      cwd: projectDir,
    },
  );
  if (run.status !== 0) throw new Error(`The build of ${root} failed:\n${run.stderr}`);
  return {
    ms: run.ms,
    peakMb: run.peakKb === undefined ? undefined : Math.round(run.peakKb / 1024),
    encodes: encodedSince(root, since),
  };
}

const totalBytes = (report: ImageReport) =>
  Object.values(report.bytesByFormat).reduce((sum, bytes) => sum + bytes, 0);

export async function benchImages(): Promise<Row[]> {
  const rows: Row[] = [];
  const photos = await Promise.all(
    Array.from({ length: PHOTOS }, (_, i) => syntheticPhoto(...PHOTO_SIZE, i + 1)),
  );
  const root = writeArchive(photos);
  const files = photos.map((_, i) => path.join(root, "assets", "photos", `p${i}.jpg`));
  const widths = `${PHOTO_WIDTHS.join("/")} px`;

  // 1. The format choice: each candidate at the published widths.
  const candidates: Array<[string, OutputFormat, Partial<ImageOptions>]> = [
    ["JPEG q80 progressive", "jpeg", {}],
    ["WebP q80", "webp", {}],
    ["AVIF q50 effort 4 (sharp's default)", "avif", {}],
    ["AVIF q50 effort 2", "avif", { sharpAvifOptions: { quality: 50, effort: 2 } }],
  ];
  for (const [name, format, tweak] of candidates) {
    const measured = await encodeAll(files, format, tweak);
    rows.push(row({ case: `encode ${widths}`, format: name, photos: PHOTOS, ...measured }));
  }

  // 2. The cache: the photo stage of a build, cold, warm, and after one photo changed.
  const formats = PHOTO_FORMATS.join(" + ");
  const cold = await imageStage(root);
  rows.push(
    row({
      case: "photo stage, empty cache",
      format: formats,
      photos: PHOTOS,
      encodes: cold.report.encodedFiles,
      ms: cold.ms,
      bytes: totalBytes(cold.report),
    }),
  );
  const warm = await imageStage(root);
  rows.push(
    row({
      case: "photo stage, cache kept (same process, as under npm start)",
      format: formats,
      photos: PHOTOS,
      encodes: warm.report.encodedFiles,
      ms: warm.ms,
    }),
  );
  writeFileSync(files[0]!, await syntheticPhoto(...PHOTO_SIZE, 99));
  const changed = await imageStage(root);
  rows.push(
    row({
      case: "photo stage, one photo changed",
      format: formats,
      photos: PHOTOS,
      encodes: changed.report.encodedFiles,
      ms: changed.ms,
    }),
  );

  // 3. Whole builds (Eleventy and Pagefind included), as `npm run build` runs them.
  const buildRoot = writeArchive(photos);
  const coldBuild = await fullBuild(buildRoot);
  rows.push(
    row({
      case: "npm run build, empty cache",
      format: formats,
      photos: PHOTOS,
      ...coldBuild,
    }),
  );
  const warmBuild = await fullBuild(buildRoot);
  rows.push(
    row({
      case: "npm run build, cache kept",
      format: formats,
      photos: PHOTOS,
      ...warmBuild,
    }),
  );

  // 4. An oversized original: 12,000 × 8,000 pixels, about 13 MB of JPEG.
  const noise = { type: "gaussian" as const, mean: 128, sigma: 40 };
  const big = await sharp({
    create: { width: 1200, height: 800, channels: 3, background: "#000", noise },
  })
    .resize(12_000, 8_000)
    .jpeg()
    .toBuffer();
  const bigBuild = await fullBuild(writeArchive([big]));
  rows.push(
    row({
      case: "npm run build, one 12,000 × 8,000 photo",
      format: formats,
      photos: 1,
      ...bigBuild,
    }),
  );
  return rows;
}

/** Rows as a Markdown table, columns in the order of the first row. */
export function markdownTable(rows: Row[]): string {
  const keys = Object.keys(rows[0] ?? {});
  const line = (cells: Array<string | number>) => `| ${cells.join(" | ")} |`;
  return [
    line(keys),
    line(keys.map(() => "---")),
    ...rows.map((r) => line(keys.map((k) => r[k]!))),
  ].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(markdownTable(await benchImages()));
}
