/** The Porter2 (Snowball English) stemmer of `wink-porter2-stemmer`, which ships no types. */
declare module "wink-porter2-stemmer" {
  export default function stem(word: string): string;
}
