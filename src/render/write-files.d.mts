/** See write-files.mjs. */
export declare function filesUnder(
  outputDir: string,
): (file: string, content: string | Uint8Array) => void;
