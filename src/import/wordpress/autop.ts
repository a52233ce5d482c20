/**
 * Block-level elements, as WordPress's `wpautop` lists them: text is not wrapped in a paragraph
 * next to them, and a line break beside one of them is not a `<br>`.
 */
const BLOCKS =
  "(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary|iframe|audio|video|object|script)";

const OPENING_BLOCK = new RegExp(`(<${BLOCKS}[\\s/>])`, "gi");
const CLOSING_BLOCK = new RegExp(`(</${BLOCKS}>)`, "gi");
const PARAGRAPH_OF_TAG_ONLY = new RegExp(`<p>\\s*(</?${BLOCKS}[^>]*>)\\s*</p>`, "gi");
const PARAGRAPH_BEFORE_BLOCK = new RegExp(`<p>\\s*(</?${BLOCKS}[^>]*>)`, "gi");
const PARAGRAPH_AFTER_BLOCK = new RegExp(`(</?${BLOCKS}[^>]*>)\\s*</p>`, "gi");
const BREAK_AFTER_BLOCK = new RegExp(`(</?${BLOCKS}[^>]*>)\\s*<br />`, "gi");
const BREAK_BEFORE_BLOCK = /<br \/>(\s*<\/?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)/gi;

/** Elements whose text must keep its line breaks as they are. */
const PROTECTED = /<(pre|script|style|textarea)\b[\s\S]*?<\/\1>/gi;

/**
 * WordPress's `wpautop`, the filter that turns a classic-editor post as stored (paragraphs
 * separated by blank lines, lines broken by a single newline) into HTML: each run of text
 * between blank lines becomes a `<p>`, a single newline inside one becomes `<br />`, and block
 * elements (lists, tables, quotes, headings) are left as they are. `<pre>`, `<script>` and
 * `<style>` are not touched. A port of the steps that shape the text, not of WordPress's
 * typographic extras; without it a classic post would be one paragraph.
 */
export function autop(content: string): string {
  if (!content.trim()) return "";
  const kept: string[] = [];
  let text = `${content.replace(/\r\n?/g, "\n")}\n`.replace(PROTECTED, (element) => {
    kept.push(element);
    return `<pre wp-kept="${kept.length - 1}"></pre>`;
  });
  text = text
    .replace(/<br\s*\/?>\s*<br\s*\/?>/gi, "\n\n")
    .replace(OPENING_BLOCK, "\n\n$1")
    .replace(CLOSING_BLOCK, "$1\n\n")
    .replace(/<hr\s*?\/?>/gi, "$&\n\n")
    // A newline inside a tag (attributes over several lines) is not a line of text.
    .replace(/<[^<>]*>/g, (tag) => tag.replace(/\s*\n\s*/g, " "))
    .replace(/\n\n+/g, "\n\n");
  text = text
    .split(/\n\s*\n/)
    .filter((piece) => piece.trim())
    .map((piece) => `<p>${piece.trim()}</p>\n`)
    .join("");
  text = text
    .replace(/<p>\s*<\/p>/g, "")
    .replace(/<p>([^<]+)<\/(div|address|form)>/gi, "<p>$1</p></$2>")
    .replace(PARAGRAPH_OF_TAG_ONLY, "$1")
    .replace(/<p>(<li.+?)<\/p>/gi, "$1")
    .replace(/<p><blockquote([^>]*)>/gi, "<blockquote$1><p>")
    .replace(/<\/blockquote><\/p>/gi, "</p></blockquote>")
    .replace(PARAGRAPH_BEFORE_BLOCK, "$1")
    .replace(PARAGRAPH_AFTER_BLOCK, "$1")
    .replace(/(?<!<br \/>)\s*\n/g, "<br />\n")
    .replace(BREAK_AFTER_BLOCK, "$1")
    .replace(BREAK_BEFORE_BLOCK, "$1")
    .replace(/\n<\/p>$/g, "</p>");
  return text.replace(/<pre wp-kept="(\d+)"><\/pre>/g, (_, index: string) => kept[Number(index)]!);
}
