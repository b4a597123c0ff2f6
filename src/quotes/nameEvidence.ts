import { eng as englishStopWords } from 'stopword';
import { nounLemma } from '../text/lemmatizer.js';
import {
  AUXILIARIES,
  CALENDAR_WORDS,
  COLLECTIVE_NOUNS,
  FUNCTION_WORDS,
  isSpeechVerb,
  NAME_PARTICLES,
  ORGANISATION_WORDS,
  PLACE_CUES,
  ROLE_NOUNS,
  STANDING_WORDS,
  TITLES,
} from './lexicon.js';
import { isCapitalised, type NameRun, words } from './nameRuns.js';

const STOP_WORDS = new Set(englishStopWords);
const MAX_NAME_WORDS = 4;
const ROLE_BEFORE = new RegExp(`(?<![\\p{L}])(?:${[...ROLE_NOUNS].join('|')}),\\s+$`, 'u');
const APPOSITION = new RegExp(
  `^,\\s+(the\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:${[...ROLE_NOUNS].join('|')}))(?![\\p{L}])`,
  'u',
);

/** One capitalised run read as a name, with what its surroundings say about it. */
export interface NameSighting {
  /** The name words without titles: ["Volodymyr", "Zelenskyy"]. */
  readonly name: readonly string[];
  /** Capitalised titles written before the name: ["President"]. */
  readonly title: readonly string[];
  /** Words before the title: ["Ukrainian"] in "Ukrainian President Volodymyr Zelenskyy". */
  readonly qualifier: readonly string[];
  /** A lower-case role just before the run: "veteran journalist" in "veteran journalist Bob Woodward". */
  readonly role?: string;
  /** A title or role says this is a person. */
  readonly titled: boolean;
  /** The run is the subject of a speech verb, or the source in "according to …". */
  readonly speaks: boolean;
  /** "X and his family", "X, who …": a person. */
  readonly personal: boolean;
  /** "in X", "the capital X", "the X", "X News": a place or an organisation, not a person. */
  readonly placeOrOrganisation: boolean;
  /** A description in apposition: "the Kremlin spokesman" in "Dmitry Peskov, the Kremlin spokesman, said". */
  readonly apposition?: string;
}

/** A name's surname: its last word, or the one before "Jr." or "Sr." ("William H. Draper Jr." → "Draper"). */
export function surnameOf(name: readonly string[]): string {
  const last = name.at(-1) ?? '';
  return /^(?:Jr|Sr)\.?$/u.test(last) && name.length > 1 ? (name.at(-2) ?? last) : last;
}

/** The key that joins mentions of one person: the folded surname without its particle ("al-Assad" → "assad"). */
export function nameKey(word: string): string {
  return foldName(word).replace(/^(?:al|el|bin|ibn|de|da|di|du|van|von|der|le|la)-/u, '');
}

/** Lower case, diacritics removed, curly apostrophes straightened. */
export function foldName(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’ʼ]/gu, "'");
}

/**
 * Reads a capitalised run as a name: a sentence's first word is dropped when it is a common word
 * ("The", "Asked"), titles are split off, and runs that cannot be names (days, "I", long titles of
 * works) give undefined. `lowerWords` are the words the article writes in lower case.
 */
export function readNameRun(
  text: string,
  run: NameRun,
  lowerWords: ReadonlySet<string>,
): NameSighting | undefined {
  const runWords = [...run.words];
  const first = runWords[0] ?? '';
  if (run.sentenceInitial && isCommonWord(first, lowerWords)) runWords.shift();
  // "Officials said", "Police say": a common noun that starts a sentence.
  if (run.sentenceInitial && run.words.length === 1 && isCommonNoun(first)) return undefined;
  let titleEnd = -1;
  runWords.forEach((word, index) => {
    if (index < runWords.length - 1 && TITLES.has(word.toLowerCase().replace(/\.$/u, ''))) titleEnd = index;
  });
  let titleStart = titleEnd;
  while (titleStart > 0 && TITLES.has((runWords[titleStart - 1] ?? '').toLowerCase())) titleStart--;
  const name = runWords.slice(titleEnd + 1);
  if (!isPlausibleName(name)) return undefined;
  const before = wordsBefore(text, run.start);
  const previous = before.at(-1) ?? '';
  const role = ROLE_NOUNS.has(previous) ? rolePhrase(before) : undefined;
  const last = (name.at(-1) ?? '').toLowerCase();
  const apposition = APPOSITION.exec(text.slice(run.end, run.end + 80))?.[1];
  // "Ukraine’s president, Volodymyr Zelensky, told …": a role in apposition before the name.
  const roleBefore = ROLE_BEFORE.test(text.slice(Math.max(0, run.start - 40), run.start));
  const titled = titleEnd >= 0 || role !== undefined || apposition !== undefined || roleBefore;
  // ", said Dmitry Peskov": a speech verb alone between the quotation and the name.
  const inverted =
    before.length === 1 && isSpeechVerb(previous) && /[,:”"'’]\s*\S+\s+$/u.test(text.slice(0, run.start));
  return {
    name,
    title: titleEnd >= 0 ? runWords.slice(titleStart, titleEnd + 1) : [],
    // "the newly elected President Trump": "the newly elected president" describes him.
    qualifier: titleEnd >= 0 ? [...standingBefore(before), ...runWords.slice(0, titleStart)] : [],
    ...(role === undefined ? {} : { role }),
    titled,
    ...(apposition === undefined ? {} : { apposition }),
    speaks:
      inverted ||
      speechVerbAfterAside(text, run.end) ||
      (!run.possessive && speechVerbFollows(text, run.end)) ||
      before.slice(-2).join(' ') === 'according to',
    personal: /^(?:\s+and\s+(?:his|her)\b|,\s+who\b)/u.test(text.slice(run.end, run.end + 20)),
    placeOrOrganisation:
      ORGANISATION_WORDS.has(last) || (!titled && (PLACE_CUES.has(previous) || previous === 'the')),
  };
}

function isCommonWord(word: string, lowerWords: ReadonlySet<string>): boolean {
  const lower = word.toLowerCase();
  return word.length === 1 || isFunctionWord(lower) || lowerWords.has(lower) || isSpeechVerb(lower);
}

/** A stop word, or a function word the stop-word list lacks ("when", "although"): lower case. */
function isFunctionWord(lower: string): boolean {
  return STOP_WORDS.has(lower) || FUNCTION_WORDS.has(lower);
}

function isCommonNoun(word: string): boolean {
  const lower = word.toLowerCase();
  return COLLECTIVE_NOUNS.has(lower) || nounLemma(lower) !== lower;
}

function isPlausibleName(name: readonly string[]): boolean {
  if (name.length === 0 || name.length > MAX_NAME_WORDS) return false;
  // "He said" after a subheading run into the paragraph, "The President said": a pronoun, a
  // determiner or a title alone names nobody (the title is a description, bound as one).
  const [first] = name;
  if (isFunctionWord((first ?? '').toLowerCase())) return false;
  // …nor does a run that ends in a title ("the New England-born President remarked"): a description.
  if (TITLES.has((name.at(-1) ?? '').toLowerCase().replace(/\.$/u, ''))) return false;
  if (name.some((word) => CALENDAR_WORDS.has(word.toLowerCase()))) return false;
  if (name.length === 1 && (name[0] ?? '').length < 2) return false;
  return name.every((word) => isCapitalised(word) || NAME_PARTICLES.has(word));
}

/** The words just before `offset` in the same clause, nearest last (at most three); capitalised ones as ''. */
function wordsBefore(text: string, offset: number): string[] {
  const clause = text.slice(Math.max(0, offset - 80), offset);
  const tail = clause.split(/[^\p{L}\p{N}\s'’-]/u).at(-1) ?? '';
  return words(tail)
    .map((word) => (isCapitalised(word.text) ? '' : word.text))
    .slice(-3);
}

/** The words of standing just before a run ("newly elected"), at most two. */
function standingBefore(before: readonly string[]): string[] {
  const standing: string[] = [];
  for (let i = before.length - 1; i >= 0 && standing.length < 2; i--) {
    const word = before[i] ?? '';
    if (!STANDING_WORDS.has(word)) break;
    standing.unshift(word);
  }
  return standing;
}

/** "veteran journalist" from the words before a name, stopping at a determiner or preposition. */
function rolePhrase(before: readonly string[]): string {
  const phrase: string[] = [];
  for (let index = before.length - 1; index >= 0; index--) {
    const word = before[index] ?? '';
    if (word === '' || STOP_WORDS.has(word) || PLACE_CUES.has(word)) break;
    phrase.unshift(word);
  }
  return phrase.join(' ');
}

function speechVerbFollows(text: string, offset: number): boolean {
  const after = text.slice(offset, offset + 60);
  if (!/^\s/u.test(after)) return false;
  for (const word of words(after)) {
    const lower = word.text.toLowerCase();
    if (AUXILIARIES.has(lower)) continue;
    return isSpeechVerb(lower) && !isCapitalised(word.text);
  }
  return false;
}

/** "Trump, speaking at Mar-a-Lago, said": an aside between commas, then a speech verb. */
function speechVerbAfterAside(text: string, offset: number): boolean {
  const aside = /^,\s+\p{Ll}[^,.;:!?“”"]{0,80},\s+(?:\p{Ll}+\s+)?(\p{Ll}+)/u.exec(
    text.slice(offset, offset + 120),
  );
  return aside?.[1] !== undefined && isSpeechVerb(aside[1]);
}
