import { nonEmpty } from "./metadata-text.ts";

/** A JSON value, as a page's JSON-LD (schema.org structured data) holds it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A JSON object: not null, not a list. */
export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A property that may hold one value or a list of them, as a list. */
export function asList(value: Json | undefined): Json[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * JSON-LD as sites write it: wrapped in comments or CDATA, with raw line breaks inside strings or
 * trailing commas.
 */
function parseJsonLd(text: string): Json | undefined {
  const body = text
    .trim()
    .replace(/^(?:\s*(?:<!--|\/\/\s*<!\[CDATA\[|\/\*\s*<!\[CDATA\[\s*\*\/))+/, "")
    .replace(/(?:\s*(?:-->|\/\/\s*\]\]>|\/\*\s*\]\]>\s*\*\/))+\s*$/, "")
    .trim();
  if (!body) return undefined;
  try {
    return JSON.parse(body) as Json;
  } catch {
    // Control characters are not allowed in JSON strings; outside them they are only white space.
  }
  // Trailing commas ("Science", ]) are the other common slip.
  try {
    return JSON.parse(body.replace(/\p{Cc}+/gu, " ").replace(/,(\s*[}\]])/g, "$1")) as Json;
  } catch {
    return undefined;
  }
}

/** `"schema:NewsArticle"`, `"http://schema.org/NewsArticle"` → `"NewsArticle"`. */
function typeName(type: string): string {
  return type.replace(/^.*[/:#]/, "");
}

/** A node's `@type`s, without their prefix. */
export function typesOf(node: JsonObject): string[] {
  return asList(node["@type"])
    .filter((t): t is string => typeof t === "string")
    .map(typeName);
}

/** NewsArticle, ReportageNewsArticle, BlogPosting, Report…: the types of an article's data. */
export function isArticleType(type: string): boolean {
  return /Article$|^BlogPosting$|^LiveBlogPosting$|^Report$|^SocialMediaPosting$/.test(type);
}

/** The structured data of a page: its nodes (in `@graph`s and arrays too) and their `@id`s. */
export interface StructuredData {
  nodes: JsonObject[];
  byId: Map<string, JsonObject>;
  unreadable: number;
}

/** Every JSON-LD block of the page, read leniently (see parseJsonLd); blocks that are not JSON are counted. */
export function readStructuredData(document: Document): StructuredData {
  const data: StructuredData = { nodes: [], byId: new Map(), unreadable: 0 };
  const visit = (value: Json | undefined, depth: number) => {
    if (depth > 6) return;
    for (const item of asList(value)) {
      if (!isObject(item)) continue;
      if (item["@graph"] !== undefined) visit(item["@graph"], depth + 1);
      if (item["@type"] !== undefined) data.nodes.push(item);
      const id = item["@id"];
      if (typeof id === "string" && Object.keys(item).length > 1 && !data.byId.has(id))
        data.byId.set(id, item);
      // A WebPage whose main entity is the article holds it inline.
      if (isObject(item.mainEntity) || Array.isArray(item.mainEntity))
        visit(item.mainEntity, depth + 1);
    }
  };
  for (const script of document.querySelectorAll("script")) {
    const type = (script.getAttribute("type") ?? "").trim().toLowerCase();
    if (type !== "application/ld+json") continue;
    const parsed = parseJsonLd(script.textContent ?? "");
    if (parsed === undefined) {
      if ((script.textContent ?? "").trim()) data.unreadable++;
      continue;
    }
    visit(parsed, 0);
  }
  return data;
}

/** A node given by reference (`{"@id": "#author"}`) as the node itself, when the page has it. */
export function resolve(data: StructuredData, value: Json): Json {
  if (isObject(value) && typeof value["@id"] === "string" && Object.keys(value).length === 1) {
    return data.byId.get(value["@id"]) ?? value;
  }
  return value;
}

/** A text property: a string, a number, `{"@value": …}`, or the first of a list. */
export function textOf(value: Json | undefined): string | undefined {
  for (const item of asList(value)) {
    if (typeof item === "string" || typeof item === "number") {
      const text = nonEmpty(String(item));
      if (text) return text;
    }
    if (
      isObject(item) &&
      (typeof item["@value"] === "string" || typeof item["@value"] === "number")
    ) {
      const text = nonEmpty(String(item["@value"]));
      if (text) return text;
    }
  }
  return undefined;
}

/** The page's article node: the first Article-like node with a headline or body, else the first. */
export function articleNode(data: StructuredData): JsonObject | undefined {
  const articles = data.nodes.filter((node) => typesOf(node).some(isArticleType));
  return (
    articles.find((node) => node.headline !== undefined || node.articleBody !== undefined) ??
    articles[0]
  );
}
