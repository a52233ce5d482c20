import { closeSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { photoType } from "../photos.ts";

/**
 * The relative paths under which an uploaded file may be saved, from its address:
 * `https://example.com/wp-content/uploads/2013/09/photo-300x200.jpg` gives `2013/09/photo-300x200.jpg`
 * and, for the original that WordPress resized, `2013/09/photo.jpg`. On WordPress.com
 * (`*.files.wordpress.com`) the whole path is the path under uploads.
 */
export function uploadPathsFromUrl(address: string): string[] {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return [];
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return [];
  }
  const under = /\/uploads\/(.+)$/.exec(pathname)?.[1];
  const relative =
    under ?? (/\.files\.wordpress\.com$/.test(url.hostname) ? pathname.slice(1) : undefined);
  if (!relative) return [];
  const original = relative.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, "$1");
  return original === relative ? [relative] : [relative, original];
}

/**
 * The `uploads/` folder beside an export (a copy of `wp-content/uploads`), where the photos of a
 * site may be saved: an export holds only their addresses. A file is looked up only inside it —
 * a path that climbs out (`../`), even through a symbolic link, is not followed — and counts
 * only when it is a JPEG, PNG, WebP, GIF or AVIF image by its first bytes.
 */
export class UploadsFolder {
  private readonly found = new Map<string, string | undefined>();

  private constructor(
    /** The folder as reached from the export's path, for the paths handed on. */
    readonly dir: string,
    private readonly realDir: string,
  ) {}

  /** The `uploads/` folder beside `exportPath`, or undefined when there is none. */
  static beside(exportPath: string): UploadsFolder | undefined {
    const dir = path.join(path.dirname(exportPath), "uploads");
    try {
      if (!statSync(dir).isDirectory()) return undefined;
      return new UploadsFolder(dir, realpathSync(dir));
    } catch {
      return undefined;
    }
  }

  /** The first of `relativePaths` that is a photo in the folder, as a path beside the export. */
  find(relativePaths: readonly (string | undefined)[]): string | undefined {
    for (const relative of relativePaths) {
      if (!relative) continue;
      if (!this.found.has(relative)) this.found.set(relative, this.lookUp(relative));
      const file = this.found.get(relative);
      if (file) return file;
    }
    return undefined;
  }

  private lookUp(relative: string): string | undefined {
    const parts = relative.split("/");
    if (relative.includes("\\") || relative.includes("\0") || path.isAbsolute(relative))
      return undefined;
    if (parts.some((part) => part === ".." || part === "")) return undefined;
    const file = path.join(this.dir, ...parts);
    let descriptor: number | undefined;
    try {
      const real = realpathSync(file);
      if (!real.startsWith(this.realDir + path.sep) || !statSync(real).isFile()) return undefined;
      descriptor = openSync(real, "r");
      const head = new Uint8Array(32);
      const length = readSync(descriptor, head, 0, head.length, 0);
      return photoType(head.subarray(0, length)) ? file : undefined;
    } catch {
      return undefined;
    } finally {
      if (descriptor !== undefined) closeSync(descriptor);
    }
  }
}
