import type { z } from "zod";

/** `["images", 0, "alt"]` → `images[0].alt`, the way the field reads in front matter. */
export function fieldPath(pathParts: readonly PropertyKey[]): string {
  return pathParts
    .map((part, i) =>
      typeof part === "number" ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`,
    )
    .join("");
}

/** One line per problem, the field first, then what was expected. */
export function formatZodIssue(issue: z.core.$ZodIssue): { field: string; message: string } {
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.join(", ");
    const where = issue.path.length ? `${fieldPath(issue.path)}.` : "";
    return {
      field: `${where}${issue.keys[0]}`,
      message: `unknown field${issue.keys.length > 1 ? "s" : ""} ${keys}: remove ${issue.keys.length > 1 ? "them" : "it"} or check the spelling.`,
    };
  }
  return { field: fieldPath(issue.path), message: issue.message };
}
