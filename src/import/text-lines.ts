/** A line of an input file with its 1-based line number, for messages that point at it. */
export interface NumberedLine {
  line: number;
  text: string;
}

/** Splits text into numbered lines, accepting `\n`, `\r\n` and `\r` endings. */
export function numberedLines(text: string, firstLine = 1): NumberedLine[] {
  return text.split(/\r\n|\r|\n/).map((line, i) => ({ line: firstLine + i, text: line }));
}

/** Blank for a person: empty, or only spaces, tabs and non-breaking spaces. */
export function isBlank(text: string): boolean {
  return /^[\s\u00a0]*$/.test(text);
}
