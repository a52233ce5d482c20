import type { Tagger } from "./tagger.ts";

/**
 * Words that start a capitalised run but are not part of a person's name: function words that
 * open sentences, days and months, titles ("Secretary General Mark Rutte" → Mark Rutte), words of
 * organisations and places ("Supreme National Security Council"), and common nationalities.
 */
const NOT_NAME_WORDS = new Set(
  `
  A An And As At But By During Earlier For From He Her His However If In It Its Later Meanwhile Of On Or
  Our She That The Their These They This Those To We When While With After Before According Since Under
  Then So Also Yet Still Now There Here What Who Why How Where Which Both All Some Many Most Each Every
  No Not Only Even Despite Although Because Asked Speaking Meeting
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
  August September October November December
  President President-elect Vice Prime Minister Ministers Secretary Secretary-General General Foreign
  Defence Defense Chancellor Governor Senator Representative Rep Sen Mr Mrs Ms Dr Sir Lord Lady King
  Queen Prince Princess Pope Sheikh Ayatollah Supreme Leader Chairman Chairwoman Chair Chief Commander
  Director Director-General Spokesman Spokeswoman Spokesperson Ambassador Judge Justice Deputy Former
  Acting Allied Treasury State Finance Economy Agriculture Energy Trade Commerce Interior Home Premier
  Speaker Mayor Minister-President Executive Officer Attorney Colonel Major Captain Admiral Lieutenant
  Council Organization Organisation Agency Department Ministry Bank University Corp Corporation Inc Co
  Ltd Plc Group News Party House Union Nations Forces Security National International Committee
  Commission Court Association Institute Company Times Post Exchange Board Reserve Fund Federal Central
  Republic Kingdom States United European Street City Airlines Airways Industries Holdings Oil Petroleum
  Motors Electric Financial Securities Capital Trust Authority Office Service Services Systems
  Technologies Communications Press Agreement Treaty Assembly Parliament Congress Senate Cabinet
  Government Administration Army Navy Force Guard Headquarters Market Markets Stock Fed West East North
  South Middle Gulf Sea Ocean River Island Islands Europe Asia Africa America Atlantic Pacific Energy
  Iranian Russian Ukrainian British American Chinese Japanese German French Italian Spanish Israeli
  Arab Soviet Canadian Brazilian Mexican Indian Korean Australian Dutch Swiss Belgian Swedish Turkish
  Egyptian Saudi Iraqi Syrian Lebanese Palestinian Polish Greek Irish Scottish Western Eastern
  New Los Las San Santa St Saint Fort Port Mount Lake Third First World Economic Democratic Liberal
  Business Credit Insurance Brothers Machines Motor Mercantile Savings Loan Investment
  `
    .split(/\s+/)
    .filter(Boolean),
);

/** A capitalised word: a capital then lowercase letters ("Pezeshkian", "O'Kennedy", "Al-Sayyari"). */
const NAME_WORD = String.raw`\p{Lu}(?:\p{Ll}+|['’]\p{Lu}\p{Ll}+)(?:-\p{Lu}?\p{Ll}+)*`;
/** Runs of such words separated by single spaces, not inside a longer word ("McDonnell"). */
const RUN = new RegExp(
  String.raw`(?<![\p{L}\p{N}'’-])${NAME_WORD}(?: ${NAME_WORD})*(?![\p{L}\p{N}])`,
  "gu",
);

/**
 * Names in `text` that look like people but are not in the registry: runs of two or three
 * capitalised words, after cutting the runs at words that are not names (titles, organisations,
 * days, nationalities — see NOT_NAME_WORDS), that contain no registered name or alias. A
 * heuristic for `npm run check`: it misses one-word names and lists some firms ("Comissaria
 * Smith"); its list is a prompt for a person to decide, not a verdict.
 */
export function findPeopleCandidates(text: string, tagger: Tagger): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(RUN)) {
    let words: string[] = [];
    const flush = () => {
      if (words.length >= 2 && words.length <= 3) {
        const name = words.join(" ");
        if (tagger.matches(name).length === 0 && !found.includes(name)) found.push(name);
      }
      words = [];
    };
    for (const word of match[0].split(" ")) {
      if (NOT_NAME_WORDS.has(word)) flush();
      else words.push(word);
    }
    flush();
  }
  return found;
}
