import { describe, expect, it } from "vitest";
import { buildRegistryKind, TermResolver, type Registry } from "../../src/registry/registry.ts";
import { foldName, slugifyName } from "../../src/registry/fold.ts";

function registry(people: unknown[] = [], topics: unknown[] = []): Registry {
  return {
    people: buildRegistryKind("people", "_data/people.json", people),
    topics: buildRegistryKind("topics", "_data/topics.json", topics),
    places: buildRegistryKind("places", "_data/places.json", []),
  };
}

describe("name folding", () => {
  it("ignores case, accents and dash style", () => {
    expect(foldName("Iran–US  Relations")).toBe(foldName("iran-us relations"));
    expect(foldName("Andrés Manuel")).toBe("andres manuel");
  });

  it("makes ASCII slugs", () => {
    expect(slugifyName("Iran–US relations")).toBe("iran-us-relations");
    expect(slugifyName("São Paulo")).toBe("sao-paulo");
  });
});

describe("resolving names to terms", () => {
  const people = [{ id: "joe-biden", name: "Joe Biden", aliases: ["Biden", "President Biden"] }];

  it("resolves a name by id, display name or alias, case- and accent-folded", () => {
    const resolver = new TermResolver(registry(people));
    const ids = ["joe-biden", "Joe Biden", "BIDEN", "president biden"].map(
      (name) => resolver.resolve("people", name, "a.md", "people[0]").id,
    );
    expect(ids).toEqual(["joe-biden", "joe-biden", "joe-biden", "joe-biden"]);
  });

  it("gives an unknown name a slug of its own and lists it", () => {
    const resolver = new TermResolver(registry(people));
    const term = resolver.resolve("people", "Kaja Kallas", "a.md", "people[0]");
    expect(term).toMatchObject({ id: "kaja-kallas", name: "Kaja Kallas", registered: false });
    expect(resolver.unknownTerms().map(({ term, file }) => [term.id, file])).toEqual([
      ["kaja-kallas", "a.md"],
    ]);
  });

  it("gives an unknown name used as a topic and as a place a term of each kind", () => {
    const resolver = new TermResolver(registry());
    const topic = resolver.resolve("topics", "United States", "a.md", "topics[0]");
    const place = resolver.resolve("places", "United States", "a.md", "places[0]");
    expect([topic.kind, place.kind]).toEqual(["topics", "places"]);
    expect(resolver.unknownTerms()).toHaveLength(2);
  });

  it("rejects two different unknown names that fold to one slug, naming both files", () => {
    const resolver = new TermResolver(registry());
    resolver.resolve("topics", "Iran US relations", "content/articles/a.md", "topics[0]");
    expect(() =>
      resolver.resolve("topics", "Iran/US relations", "content/articles/b.md", "topics[1]"),
    ).toThrowErrorMatchingInlineSnapshot(
      `[ContentError: content/articles/b.md: topics[1]: "Iran/US relations" and "Iran US relations" in content/articles/a.md both make the address /topics/iran-us-relations/: use one spelling, or add the entry to _data/topics.json with the other as an alias.]`,
    );
  });

  it("rejects an unknown name that takes a registered entry's address", () => {
    const resolver = new TermResolver(registry([], [{ id: "north-korea", name: "North Korea" }]));
    expect(() =>
      resolver.resolve("topics", "North Korea!", "content/articles/a.md", "topics[0]"),
    ).toThrowErrorMatchingInlineSnapshot(
      `[ContentError: content/articles/a.md: topics[0]: "North Korea!" and "North Korea" in _data/topics.json both make the address /topics/north-korea/: write "North Korea", or add "North Korea!" to its aliases.]`,
    );
  });

  it("rejects two registry entries with the same id", () => {
    expect(() =>
      registry([{ name: "Joe Biden" }, { id: "joe-biden", name: "Joseph Biden" }]),
    ).toThrowErrorMatchingInlineSnapshot(
      `[ContentError: _data/people.json: [1].id: "Joseph Biden" and "Joe Biden" both have the id "joe-biden": give one of them a different id, or merge them and list one name as an alias.]`,
    );
  });

  it("rejects an alias shared by two registry entries", () => {
    expect(() =>
      registry([
        { name: "Joe Biden", aliases: ["Biden"] },
        { name: "Hunter Biden", aliases: ["biden"] },
      ]),
    ).toThrow(/the name "biden" of "Hunter Biden" is also a name of "Joe Biden"/);
  });
});
