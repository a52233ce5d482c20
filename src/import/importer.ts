import type { ParsedInput } from "./types.ts";

/** A file to import, read once; its text is decoded when an importer asks for it. */
export interface ImportFile {
  /** The path to read. */
  path: string;
  /** The path as the user gave it (the folder joined with the file), for messages. */
  display: string;
  bytes: Uint8Array;
  /** The bytes one character each: for a format that declares its own 8-bit encoding. */
  latin1(): string;
  /** The text, read as UTF-8 with stray bytes as windows-1252 (see decodeText). */
  text(): string;
  /** The sub-folder the file was found in, as a topic (`business/012.txt` → Business). */
  topic?: string;
  /** The most stories still wanted (`--limit`); a format may stop reading after them. */
  limit?: number;
}

/**
 * How a format is told from a file, by the strongest sign first: a file's name that settles it,
 * then what the file declares itself to be, then the shape of its text, then a name that only a
 * file nothing else claims is read by. Among importers that see the same sign, the table's order
 * decides. A file whose text holds a NUL byte is binary: only its name or a declaration can
 * make it one of the formats.
 */
export interface Detection {
  /** A name that settles the format whatever the file holds: a saved page's `.html`. */
  name?: RegExp;
  /** The file says which format it is: a document type, a namespace, a magic number. */
  declared?: (file: ImportFile) => boolean;
  /** The text has the format's shape: a scraped dump's separator lines. */
  shaped?: (text: string) => boolean;
  /** Any other file with such a name is in this format: a `.txt` file is one story. */
  otherwise?: RegExp;
}

/** One input format: how it is named, found, told apart and read. */
export interface Importer<Format extends string = string> {
  /** The name `--format` takes. */
  format: Format;
  /** What a file in the format is, for messages: "a saved web page (.html)". */
  expected: string;
  /** The files of a folder it reads, and how a message names them. */
  files: { pattern: RegExp; named: string };
  /**
   * A folder that holds any of its files is read for them alone: the README and category lists
   * that come with Reuters' `.sgm` files are documentation, not stories. Default false.
   */
  claimsFolder?: boolean;
  /**
   * A sub-folder that belongs to one of its files and is read with it, not searched for stories:
   * the `<name>_files` folder a browser saves beside `<name>.html`.
   */
  companionFolder?(dir: string, name: string): boolean;
  detect: Detection;
  parse(file: ImportFile): ParsedInput;
  /**
   * Its stories bring registry entries of their own (Reuters codes, WordPress categories): its
   * files are read for them before any story is written. Default false.
   */
  vocabulary?: boolean;
  /**
   * Why a file found in a folder that looks like one of its files, but is not in the format, is
   * skipped rather than failed: an `.xml` file beside exports may be anything.
   */
  notInFormat?: string;
  /**
   * Runs once after the last article is written, when the format gave stories and no write
   * failed: Reuters' citation in `_data/sources.json`. May throw a `WriteFileError`.
   */
  afterWriting?(root: string): void;
}
