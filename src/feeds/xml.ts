/**
 * Characters XML 1.0 does not allow in a document at all, not even escaped: C0 controls other than
 * tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF. Old newswire text has
 * such bytes; one of them makes a whole feed unreadable.
 * @see https://www.w3.org/TR/xml/#charsets
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text or attribute value made safe for XML: forbidden characters dropped, markup escaped. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** `<name a="1">text</name>`, or `<name a="1"/>` without text; undefined attributes are left out. */
export function xmlElement(
  name: string,
  attributes: Record<string, string | undefined>,
  text?: string,
): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join("");
  return text === undefined
    ? `<${name}${attrs}/>`
    : `<${name}${attrs}>${escapeXml(text)}</${name}>`;
}
