/** `url` as an absolute http(s) address, resolved against `base` when given; undefined for any other. */
export function absoluteHttpUrl(
  url: string | undefined,
  base: string | undefined,
): string | undefined {
  if (!url) return undefined;
  try {
    const resolved = base ? new URL(url.trim(), base) : new URL(url.trim());
    return resolved.protocol === "http:" || resolved.protocol === "https:"
      ? resolved.href
      : undefined;
  } catch {
    return undefined;
  }
}

/** An image URL resolved against the page when it can be; kept as written otherwise. */
export function imageUrl(url: string, base: string | undefined): string {
  return absoluteHttpUrl(url, base) ?? url.trim();
}
