import { parseArticleDate } from "../content/dates.ts";
import { foldName, slugifyName } from "../registry/fold.ts";
import {
  TERM_KINDS,
  type Registry,
  type RegistryKind,
  type TermKind,
} from "../registry/registry.ts";
import type { Tagger } from "../tagging/tagger.ts";
import { articleMarkdown, type ImportedFrontMatter } from "./article-markdown.ts";
import { sha256 } from "./manifest.ts";
import { planPhoto, type PhotoCopy } from "./photos.ts";
import { articleSlugs, MAX_SLUG_LENGTH } from "./slug.ts";
import { where, type ImportOutcome } from "./summary.ts";
import type { Story } from "./types.ts";
import type { PlannedArticle } from "./write-articles.ts";

/** Names from the source first, then names found in the text that are not there yet. */
function mergeNames(
  table: RegistryKind,
  source: readonly string[],
  found: readonly string[],
): string[] {
  const ids = new Set<string>();
  const names: string[] = [];
  for (const name of [...source, ...found]) {
    const id = table.byKey.get(foldName(name))?.id ?? slugifyName(name);
    if (ids.has(id)) continue;
    ids.add(id);
    names.push(name);
  }
  return names;
}

/** The text by which two stories without an id are told apart. */
function storyText(story: Story): string {
  return story.markdown ?? story.paragraphs.join("\n");
}

/** A story with its date settled and the key by which a later import finds its article. */
export interface IdentifiedStory {
  story: Story & { date: string };
  key: string;
}

/**
 * Gives each story the identity by which a later import finds its file. Without an id from the
 * source, a story is known by its title and date; a second story with the same title and date is
 * the same story when its text is the same (reported as skipped), else the next of them.
 * `seen` carries the stories of earlier batches.
 */
export function identify(
  stories: ReadonlyArray<Story & { date: string }>,
  outcomes: ImportOutcome[],
  seen: Map<string, Array<{ hash: string; input: string }>>,
): IdentifiedStory[] {
  const identified: IdentifiedStory[] = [];
  for (const story of stories) {
    if (story.sourceId !== undefined) {
      identified.push({ story, key: story.sourceId });
      continue;
    }
    const base = `${foldName(story.title)}@${story.date}`;
    const hash = sha256(storyText(story));
    const earlier = seen.get(base) ?? [];
    const same = earlier.find((other) => other.hash === hash);
    if (same) {
      outcomes.push({
        status: "skipped",
        input: where(story.file, story.line),
        title: story.title,
        reason: `the same story as ${same.input}: imported once.`,
      });
      continue;
    }
    earlier.push({ hash, input: where(story.file, story.line) });
    seen.set(base, earlier);
    identified.push({ story, key: earlier.length === 1 ? base : `${base}#${earlier.length}` });
  }
  return identified;
}

/** A slug as a source may give it (`lowercase-words-and-digits`), else undefined. */
function validSlug(slug: string | undefined): string | undefined {
  if (!slug || slug.length > MAX_SLUG_LENGTH) return undefined;
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) ? slug : undefined;
}

/**
 * Drops the names a source offers only if the registry knows them (a web page's keywords and
 * section) when it does not, and counts them: the summary lists the most frequent, for a person
 * to add to the registry.
 */
export function keepKnownNames(
  story: Story,
  registry: Registry,
  leftOut: Map<string, number>,
): void {
  for (const kind of TERM_KINDS) {
    story.terms[kind] = story.terms[kind].filter((term) => {
      if (!term.ifKnown) return true;
      const known = registry[kind].byKey.get(foldName(term.name));
      // Written as the registry names it, whichever story brought the entry.
      if (known) term.name = known.name;
      else leftOut.set(term.name, (leftOut.get(term.name) ?? 0) + 1);
      return known !== undefined;
    });
  }
}

/** What one batch of stories becomes: articles to write and the photos they name. */
export interface PlannedBatch {
  articles: PlannedArticle[];
  photos: PhotoCopy[];
}

/** The front matter's figures; a photo saved beside the input is planned for copying. */
function planFigures(
  story: Story,
  month: string,
  slug: string,
  photos: PhotoCopy[],
  tallies: Record<string, number>,
): ImportedFrontMatter["images"] {
  const figures: NonNullable<ImportedFrontMatter["images"]> = [];
  for (const image of story.images) {
    const photo = image.file ? planPhoto(image.file, month, slug) : undefined;
    if (image.file && !photo) {
      const what = "saved photos that cannot be read as JPEG, PNG, GIF, WebP or AVIF, left out";
      tallies[what] = (tallies[what] ?? 0) + 1;
    }
    const alt = image.alt?.trim() || image.caption.trim();
    if (photo && alt) {
      photos.push(photo);
      figures.push({ src: photo.src, alt, caption: image.caption, credit: image.credit });
    } else if (image.caption.trim()) {
      figures.push({ caption: image.caption, credit: image.credit });
    } else {
      const what = "photos without caption or alt text, left out";
      tallies[what] = (tallies[what] ?? 0) + 1;
    }
  }
  return figures;
}

/** Turns identified stories into articles: front matter, body, tags and figures. */
export function planBatch(
  identified: readonly IdentifiedStory[],
  context: {
    registry: Registry;
    tagger: Tagger | undefined;
    timeZone: string;
    outcomes: ImportOutcome[];
    tallies: Record<string, number>;
  },
): PlannedBatch {
  const { registry, tagger, timeZone, outcomes, tallies } = context;
  const slugs = articleSlugs(identified.map(({ story }) => story.title));
  const batch: PlannedBatch = { articles: [], photos: [] };
  for (const [index, { story, key }] of identified.entries()) {
    const input = where(story.file, story.line);
    const date = parseArticleDate(story.date, timeZone);
    if (!date.ok) {
      outcomes.push({ status: "failed", input, title: story.title, reason: date.reason });
      continue;
    }
    const found = tagger?.tag([
      story.title,
      ...(story.markdown === undefined ? story.paragraphs : [story.markdown]),
      ...story.images.map((image) => image.caption),
    ]);
    const names = Object.fromEntries(
      TERM_KINDS.map((kind) => [
        kind,
        mergeNames(
          registry[kind],
          story.terms[kind].map((term) => term.name),
          (found?.[kind] ?? []).map((term) => term.name),
        ),
      ]),
    ) as Record<TermKind, string[]>;
    const month = date.date.toFormat("yyyy/MM");
    const slug = validSlug(story.slug) ?? slugs[index]!;
    batch.articles.push({
      key,
      input,
      title: story.title,
      month,
      slug,
      markdown: articleMarkdown(
        {
          title: story.title,
          date: story.date,
          updated: story.updated,
          dek: story.dek,
          dateline: story.dateline,
          byline: story.byline,
          source: story.source,
          ...names,
          images: planFigures(story, month, slug, batch.photos, tallies),
          canonical: story.canonical,
        },
        story.markdown === undefined ? story.paragraphs : { markdown: story.markdown },
      ),
    });
  }
  return batch;
}
