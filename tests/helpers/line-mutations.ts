import fc from "fast-check";

/** One change to a file's lines. */
export type Mutation = (lines: string[]) => string[];

/**
 * The line mutations the fuzz tests apply to real inputs: insert a fragment as a line, delete a
 * line, (any `extra`), duplicate a line, insert a fragment inside a line, truncate a line, swap
 * two lines. The order is kept so that a fixed seed keeps giving the same inputs.
 */
export function lineMutations(
  fragment: fc.Arbitrary<string>,
  extra: fc.Arbitrary<Mutation>[] = [],
): fc.Arbitrary<Mutation>[] {
  const index = (at: number, lines: readonly string[]) => at % Math.max(lines.length, 1);
  return [
    fc.tuple(fc.nat(), fragment).map(([at, text]): Mutation => (lines) => {
      const copy = [...lines];
      copy.splice(at % (copy.length + 1), 0, text);
      return copy;
    }),
    fc.nat().map(
      (at): Mutation =>
        (lines) =>
          lines.filter((_, i) => i !== index(at, lines)),
    ),
    ...extra,
    fc.nat().map((at): Mutation => (lines) => {
      const copy = [...lines];
      const i = index(at, copy);
      copy.splice(i, 0, copy[i] ?? "");
      return copy;
    }),
    fc.tuple(fc.nat(), fc.nat(), fragment).map(([at, offset, text]): Mutation => (lines) => {
      const copy = [...lines];
      const i = index(at, copy);
      const line = copy[i] ?? "";
      const cut = offset % (line.length + 1);
      copy[i] = line.slice(0, cut) + text + line.slice(cut);
      return copy;
    }),
    fc.tuple(fc.nat(), fc.nat()).map(([at, offset]): Mutation => (lines) => {
      const copy = [...lines];
      const i = index(at, copy);
      copy[i] = (copy[i] ?? "").slice(0, offset % ((copy[i] ?? "").length + 1));
      return copy;
    }),
    fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => (lines) => {
      const copy = [...lines];
      const i = index(a, copy);
      const j = index(b, copy);
      [copy[i], copy[j]] = [copy[j] ?? "", copy[i] ?? ""];
      return copy;
    }),
  ];
}
