import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSeedDump } from "../../src/import/seed-dump.ts";
import { buildRegistryKind, loadRegistry, type Registry } from "../../src/registry/registry.ts";
import { Tagger } from "../../src/tagging/tagger.ts";

function registry(kinds: { people?: unknown[]; topics?: unknown[]; places?: unknown[] }): Registry {
  return {
    people: buildRegistryKind("people", "_data/people.json", kinds.people ?? []),
    topics: buildRegistryKind("topics", "_data/topics.json", kinds.topics ?? []),
    places: buildRegistryKind("places", "_data/places.json", kinds.places ?? []),
  };
}

function ids(tagger: Tagger, text: string) {
  const found = tagger.tag([text]);
  return {
    topics: found.topics.map((t) => t.id),
    people: found.people.map((t) => t.id),
    places: found.places.map((t) => t.id),
  };
}

describe("tagging the sample stories against the project's registry", () => {
  const projectRegistry = loadRegistry(path.resolve("."));
  const tagger = new Tagger(projectRegistry);
  const stories = parseSeedDump(
    readFileSync("tests/fixtures/import/seed-dump.txt", "utf8"),
    "seed-dump.txt",
  ).stories;
  const peopleOf = (title: string) => {
    const story = stories.find((s) => s.title.startsWith(title))!;
    const texts = [story.title, ...story.paragraphs, ...story.images.map((i) => i.caption)];
    return new Set(tagger.tag(texts).people.map((t) => t.id));
  };
  const registered = projectRegistry.people.entries.map((t) => t.id);

  it("tags every registered person the Iran story names, and no one else", () => {
    const expected = new Set([
      "masoud-pezeshkian",
      "donald-trump",
      "ali-akbar-velayati",
      "kamal-kharazi",
      "ali-akbar-salehi",
      "ali-khamenei",
      "fatemeh-mohajerani",
    ]);
    const tagged = peopleOf("Iranian President");
    expect([...expected].filter((id) => !tagged.has(id))).toEqual([]);
    expect(registered.filter((id) => tagged.has(id) && !expected.has(id))).toEqual([]);
  });

  it("tags every registered person the Blinken story names, and no one else", () => {
    const expected = new Set([
      "antony-blinken",
      "mark-rutte",
      "joe-biden",
      "donald-trump",
      "vladimir-putin",
      "andrii-sybiha",
      "christopher-cavoli",
      "david-lammy",
    ]);
    const tagged = peopleOf("Blinken");
    expect([...expected].filter((id) => !tagged.has(id))).toEqual([]);
    expect(registered.filter((id) => tagged.has(id) && !expected.has(id))).toEqual([]);
  });
});

describe("matching names", () => {
  const tagger = new Tagger(
    registry({
      topics: [
        { id: "iran", name: "Iran" },
        { id: "iran-us-relations", name: "Iran–US relations", aliases: ["Iran-US relations"] },
        { id: "united-states", name: "United States", aliases: ["US"] },
        { id: "transition", name: "US presidential transition", aliases: ["Trump transition"] },
        { id: "north-korea", name: "North Korea", aliases: ["North Korean"] },
      ],
      people: [{ id: "andrii-sybiha", name: "Andrii Sybiha", aliases: ["Sybiha"] }],
    }),
  );

  it("matches whole words only: Iranian does not tag Iran", () => {
    expect(ids(tagger, "The Iranian presidency spoke.").topics).toEqual([]);
  });

  it("tags a demonym that is registered as an alias", () => {
    expect(ids(tagger, "North Korean troops").topics).toEqual(["north-korea"]);
  });

  it("prefers the longest name: Iran-US relations is not also Iran", () => {
    expect(ids(tagger, "Iran-US relations improved.").topics).toEqual(["iran-us-relations"]);
  });

  it("requires the capitals of a registered name: us is not US", () => {
    expect(ids(tagger, "He told us so.").topics).toEqual([]);
    expect(ids(tagger, "He told the US so.").topics).toEqual(["united-states"]);
  });

  it("lets lowercase words of a name match in a headline's title case", () => {
    expect(ids(tagger, "Ahead of Trump Transition").topics).toEqual(["transition"]);
  });

  it("ignores accents and curly apostrophes", () => {
    expect(ids(tagger, "Ándrii Sybihá’s visit").people).toEqual(["andrii-sybiha"]);
  });

  it("lists each term once, in order of first mention", () => {
    expect(ids(tagger, "US talks with Iran; Iran and the US.").topics).toEqual([
      "united-states",
      "iran",
    ]);
  });
});

describe("tagging at archive scale", () => {
  it("tags 19,000 stories against 1,000 names in a few seconds", () => {
    const people = Array.from({ length: 1000 }, (_, i) => ({
      id: `person-${i}`,
      name: `Firstname${i} Lastname${i}`,
      aliases: [`Lastname${i}`],
    }));
    const tagger = new Tagger(registry({ people }));
    const story = Array.from(
      { length: 40 },
      (_, i) =>
        `Lastname${i * 7} said on Tuesday that the market for grain rose ${i} pct in a quiet week.`,
    ).join(" ");
    const started = performance.now();
    let found = 0;
    for (let i = 0; i < 19_000; i++) found += tagger.tag([story]).people.length;
    expect(found).toBe(19_000 * 40);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
