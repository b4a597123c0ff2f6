import { readFileSync } from 'node:fs';
import type { Correction } from '../answer/correctQuestion.js';
import { analyzeWord, foldWord } from '../search/analyzer.js';
import { expandShorthand } from '../text/chatShorthand.js';

// Questions typed fast, written blind with each misspelt word and the word meant
// (test/fixtures/spelling{,…}-{dev,test}.json), beside questions spelt right that name things the
// article does not: what the bot tells the asker it read ("Read “contry” as “country”") against what
// they meant. A wrong reading is shown to the asker and searched instead of their word.

interface SpellingFile {
  readonly questions: readonly {
    readonly question: string;
    readonly typos: readonly { readonly typed: string; readonly meant: string }[];
    readonly group: string;
  }[];
}

export interface SpellingResult {
  readonly questions: number;
  /** Misspelt words in the questions. */
  readonly typos: number;
  /** Read as the word meant (case, accents and a possessive's apostrophe aside). */
  readonly readRight: number;
  /** Read as another form of the word meant, searched the same ("troop" for "troops"). */
  readonly readAsForm: number;
  /** Read as another word. */
  readonly readWrong: number;
  /** Left as typed, and searched as the word meant all the same ("putins", "controll": the same index term). */
  readonly foundAsTyped: number;
  /** Left as typed otherwise (the search's own typo matching may still find the word meant). */
  readonly leftAsTyped: number;
  /** Words spelt right that were read as another ("keir starmer" as "heir started"). */
  readonly rightWordsChanged: number;
  readonly misses: readonly string[];
}

/** The typed word's reading against the word meant: `corrections` are what the bot read the question as. */
export function evaluateSpelling(
  path: string,
  corrections: (question: string) => readonly Correction[],
): SpellingResult {
  const file = JSON.parse(readFileSync(path, 'utf8')) as SpellingFile;
  const misses: string[] = [];
  let typos = 0;
  let readRight = 0;
  let readAsForm = 0;
  let readWrong = 0;
  let foundAsTyped = 0;
  let leftAsTyped = 0;
  let rightWordsChanged = 0;
  for (const { question, typos: written } of file.questions) {
    // Descriptions read as names ("the Russian leader" → Putin) are no spelling.
    const read = corrections(question).filter((correction) => correction.kind !== 'person');
    const meantFor = new Map(written.map(({ typed, meant }) => [typed.toLowerCase(), meant]));
    for (const { typed, meant } of written) {
      typos += 1;
      const reading = read.find((correction) => correction.from.toLowerCase() === typed.toLowerCase());
      if (reading === undefined) {
        const term = analyzeWord(typed);
        if (term !== null && term === analyzeWord(meant)) {
          foundAsTyped += 1;
          continue;
        }
        leftAsTyped += 1;
        misses.push(`left as typed: “${typed}” (meant “${meant}”) in: ${question}`);
        continue;
      }
      // Chat shorthand reads a word as several ("whats" → "what is"): its first is compared, or the
      // whole with what the word meant is read as ("can't" and "cant" are both "can not").
      const first = reading.to.split(/\s+/u)[0] ?? '';
      const meantRead = expandShorthand(meant.toLowerCase().replace(/['’]/gu, ''));
      if (foldWord(first) === foldWord(meant) || meantRead === reading.to.toLowerCase()) readRight += 1;
      else if (analyzeWord(first) !== null && analyzeWord(first) === analyzeWord(meant)) readAsForm += 1;
      else {
        readWrong += 1;
        misses.push(`read “${typed}” as “${reading.to}” (meant “${meant}”) in: ${question}`);
      }
    }
    for (const correction of read) {
      if (correction.kind !== 'spelling' || meantFor.has(correction.from.toLowerCase())) continue;
      rightWordsChanged += 1;
      misses.push(`changed “${correction.from}” to “${correction.to}” in: ${question}`);
    }
  }
  return {
    questions: file.questions.length,
    typos,
    readRight,
    readAsForm,
    readWrong,
    foundAsTyped,
    leftAsTyped,
    rightWordsChanged,
    misses,
  };
}
