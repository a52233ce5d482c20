/** The named references that web pages, CMS exports and wire copy use, by lower-case name. */
const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  ndash: "–",
  mdash: "—",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  hellip: "…",
};

/** C0 and C1 control characters: a reference may name one, but it is not text. */
function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code < 0xa0);
}

/**
 * Decodes character references: numeric ones (`&#8217;`, `&#x2019;`) and the common named ones
 * (`&amp;`, `&nbsp;`, `&rsquo;`…). A reference it does not know is kept as written. With
 * `dropControls`, a reference to a control character is removed instead: in wire copy, `&#3;`
 * marks the end of a story.
 */
export function decodeEntities(text: string, options: { dropControls?: boolean } = {}): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== "#") return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
    const code =
      name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    if (options.dropControls && isControl(code)) return "";
    return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
  });
}
