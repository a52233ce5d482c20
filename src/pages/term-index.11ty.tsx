import { TERM_LABELS, type TermEntry } from "../collections/archive.ts";
import { TERM_KINDS, type TermKind } from "../registry/registry.ts";
import { createContext } from "../templates/context.ts";
import { OPML_PATH } from "../feeds/opml.ts";
import { Layout } from "../layout/Layout.tsx";
import { type PaginatedData } from "../templates/page-data.ts";

type Data = PaginatedData<"kind", TermKind>;

export const data = {
  pagination: { data: "kinds", size: 1, alias: "kind" },
  kinds: TERM_KINDS,
  permalink: (data: Data) => `/${data.kind}/index.html`,
};

/** Groups entries by the first letter of their name, for an A–Z index that stays readable at scale. */
function byInitial(entries: TermEntry[]): Array<[string, TermEntry[]]> {
  const groups = new Map<string, TermEntry[]>();
  for (const entry of entries) {
    const first = entry.name.normalize("NFKD").charAt(0).toUpperCase();
    const letter = /[A-Z]/.test(first) ? first : "#";
    groups.set(letter, [...(groups.get(letter) ?? []), entry]);
  }
  return [...groups.entries()];
}

export function render({ archive, kind }: Data) {
  const ctx = createContext(archive.site);
  const entries = archive.terms[kind];
  const label = TERM_LABELS[kind].plural;
  const groups = byInitial(entries);
  return (
    <Layout ctx={ctx} title={label} path={`/${kind}/`}>
      <h1>{label}</h1>
      {entries.length === 0 ? (
        <p class="empty">No {label.toLowerCase()} yet.</p>
      ) : (
        <>
          <p class="feed">
            Follow them all: <a href={ctx.url(OPML_PATH)}>every feed as an OPML file</a> for your
            feed reader.
          </p>
          <p class="count">
            {entries.length} {label.toLowerCase()}, with the number of articles for each.
          </p>
          <nav class="az" aria-label="Jump to letter">
            {groups.map(([letter]) => (
              <a key={letter} href={`#letter-${letter}`}>
                {letter}
              </a>
            ))}
          </nav>
          {groups.map(([letter, group]) => (
            <section key={letter} aria-labelledby={`letter-${letter}`}>
              <h2 id={`letter-${letter}`}>{letter}</h2>
              <ul class="term-index">
                {group.map((term) => (
                  <li key={term.id}>
                    <a href={ctx.url(term.url)}>{term.name}</a>{" "}
                    <span class="count">({term.articles.length})</span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </Layout>
  );
}
