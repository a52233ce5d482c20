/** The most characters of an input's content that one message repeats. */
export const QUOTE_LIMIT = 80;

/**
 * Input content (a title, a line, a name) as a message repeats it: on one line, cut to 80
 * characters with an ellipsis. A story whose first line is 2 MB long must not make a 2 MB message.
 */
export function excerpt(text: string, limit = QUOTE_LIMIT): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  // Array.from counts characters, not UTF-16 halves, so an emoji is never cut in two.
  const characters = Array.from(oneLine.slice(0, limit * 2 + 2));
  if (characters.length <= limit) return oneLine;
  return `${characters.slice(0, limit - 1).join("")}…`;
}

/** `excerpt` in double quotes, for a message: `the story "Harbour bakery…" has no text`. */
export function quote(text: string, limit = QUOTE_LIMIT): string {
  return `"${excerpt(text, limit)}"`;
}
