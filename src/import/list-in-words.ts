/** "A", "A and B", "A, B and C" (or "A, B or C"); undefined for an empty list. */
export function listInWords(
  items: readonly string[],
  conjunction: "and" | "or" = "and",
): string | undefined {
  if (items.length <= 1) return items[0];
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1]}`;
}
