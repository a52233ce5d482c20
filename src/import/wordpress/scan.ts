/** One `<item>…</item>` of an export, by its offsets in the text. */
export interface ItemSlice {
  /** Offset of `<item`. */
  start: number;
  /** Offset just after `</item>`; for an item that is not closed, where the scan gave up on it. */
  end: number;
  /** The line on which `<item` stands. */
  line: number;
  /** Why the item cannot be read, when its end was not found. */
  unclosed?: string;
}

export interface ScannedExport {
  items: ItemSlice[];
  /**
   * The document with every item replaced by as many newlines as it spans: the channel's own
   * elements (site title, authors) with the lines of the original, small enough to validate and
   * parse whole even when the items add up to hundreds of megabytes.
   */
  skeleton: string;
  /** A CDATA section or comment that never ends: everything after it is unreadable. */
  problem?: { line: number; message: string };
}

/** Counts lines up to an offset, moving forward only: each newline of the text is visited once. */
export class LineCounter {
  private line = 1;
  private counted = 0;

  constructor(private readonly text: string) {}

  /** The 1-based line of `index`; `index` must not go back before the last one asked for. */
  at(index: number): number {
    let next = this.text.indexOf("\n", this.counted);
    while (next >= 0 && next < index) {
      this.line++;
      next = this.text.indexOf("\n", next + 1);
    }
    this.counted = Math.max(this.counted, index);
    return this.line;
  }
}

/** Newlines in `text` between `from` and `to`. */
export function newlinesBetween(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf("\n", from); i >= 0 && i < to; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

function isNameEnd(code: number | undefined): boolean {
  // ">", "/", or XML whitespace: "<item>" and "<item >", not "<itemref>".
  return code === 62 || code === 47 || code === 32 || code === 9 || code === 10 || code === 13;
}

/**
 * Finds the items of an export without parsing it: a scan from one `<` to the next that steps
 * over CDATA sections and comments whole, so that a post whose HTML holds `<item>` (in CDATA, as
 * WordPress writes it) does not end or start an item. fast-xml-parser reports no offsets, and
 * parsing a large export in one piece would hold its whole tree in memory; with the offsets each
 * item is parsed on its own, and its line is known for messages.
 */
export function scanExport(text: string): ScannedExport {
  const items: ItemSlice[] = [];
  const lines = new LineCounter(text);
  const pieces: string[] = [];
  let copied = 0;
  let open: ItemSlice | undefined;
  let problem: ScannedExport["problem"];

  const close = (item: ItemSlice, end: number) => {
    item.end = end;
    items.push(item);
    pieces.push(
      text.slice(copied, item.start),
      "\n".repeat(newlinesBetween(text, item.start, end)),
    );
    copied = end;
  };

  let at = text.indexOf("<");
  while (at >= 0) {
    if (text.startsWith("<![CDATA[", at) || text.startsWith("<!--", at)) {
      const cdata = text.startsWith("<![CDATA[", at);
      const end = text.indexOf(cdata ? "]]>" : "-->", at);
      if (end < 0) {
        problem = {
          line: lines.at(at),
          message: `the ${cdata ? "CDATA section (<![CDATA[)" : "comment (<!--)"} that starts here never ends: the export is cut off or damaged.`,
        };
        break;
      }
      at = text.indexOf("<", end + 3);
      continue;
    }
    if (text.startsWith("<item", at) && isNameEnd(text.charCodeAt(at + 5))) {
      const line = lines.at(at);
      if (open) {
        open.unclosed = `the <item> that starts here is not closed: expected </item> before the next <item> on line ${line}.`;
        close(open, at);
      }
      open = { start: at, end: at, line };
    } else if (text.startsWith("</item>", at) && open) {
      close(open, at + "</item>".length);
      open = undefined;
    }
    at = text.indexOf("<", at + 1);
  }
  if (open) {
    open.unclosed ??=
      "the <item> that starts here is not closed: the file ends before its </item>.";
    close(open, text.length);
  }
  pieces.push(text.slice(copied));
  return { items, skeleton: pieces.join(""), problem };
}
