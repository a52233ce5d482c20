import type { MetadataImage } from "./metadata-types.ts";
import { cleanText, joinNames, nonEmpty, personName, unique } from "./metadata-text.ts";
import { asList, isObject, resolve, textOf, type Json, type StructuredData } from "./json-ld.ts";
import { imageUrl } from "./page-url.ts";

/** Names of people or organisations: strings, Person/Organization nodes, lists of either. */
export function namesOf(data: StructuredData, value: Json | undefined): string[] {
  const names: string[] = [];
  for (const raw of asList(value)) {
    const item = resolve(data, raw);
    if (typeof item === "string") {
      const name = personName(nonEmpty(item));
      if (name) names.push(name);
    } else if (isObject(item)) {
      const given = [textOf(item.givenName), textOf(item.familyName)].filter(Boolean).join(" ");
      const name = personName(textOf(item.name) ?? (given || undefined));
      if (name) names.push(name);
    }
  }
  return unique(names);
}

/** `keywords` as a comma-separated string or a list; `articleSection` likewise. */
export function listOf(value: Json | undefined): string[] {
  const items: string[] = [];
  for (const item of asList(value)) {
    if (typeof item === "string") items.push(...item.split(","));
    else if (isObject(item)) {
      const name = textOf(item.name);
      if (name) items.push(name);
    }
  }
  return unique(items.map(cleanText).filter(Boolean));
}

/** `image`: addresses or ImageObjects (with caption and credit), resolved against `base`. */
export function imagesOf(
  data: StructuredData,
  value: Json | undefined,
  base: string | undefined,
): MetadataImage[] {
  const images: MetadataImage[] = [];
  for (const raw of asList(value)) {
    const item = resolve(data, raw);
    if (typeof item === "string") {
      if (item.trim()) images.push({ url: imageUrl(item, base) });
    } else if (isObject(item)) {
      const url = textOf(item.url) ?? textOf(item.contentUrl);
      if (!url) continue;
      const credit =
        textOf(item.creditText) ??
        joinNames(namesOf(data, item.copyrightHolder)) ??
        joinNames(namesOf(data, item.author)) ??
        joinNames(namesOf(data, item.creator));
      images.push({
        url: imageUrl(url, base),
        caption: textOf(item.caption) ?? textOf(item.description),
        credit,
      });
    }
  }
  return images;
}

/** A place's name: a string, or a Place node's `name`. */
export function placeOf(data: StructuredData, value: Json | undefined): string | undefined {
  for (const raw of asList(value)) {
    const item = resolve(data, raw);
    if (typeof item === "string") return nonEmpty(item);
    if (isObject(item)) {
      const name = textOf(item.name);
      if (name) return name;
    }
  }
  return undefined;
}
