import { eng as englishStopWords } from 'stopword';
import stem from 'wink-porter2-stemmer';
import { verbLemma } from '../text/lemmatizer.js';
import { americanSpelling } from '../text/spelling.js';

/** A word of the text with its position, before analysis. */
export interface Token {
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

// Words that frame a question or hedge it rather than name its subject, on top of the library's
// English list (which already drops "said"; "say" and "tell" go with it).
const QUESTION_WORDS = [
  'does',
  'doing',
  'done',
  'will',
  'shall',
  'when',
  'why',
  'whom',
  'whose',
  'just',
  'so',
  'please',
  'us',
  'its',
  'let',
  'say',
  'says',
  'saying',
  'tell',
  'tells',
  'told',
  'telling',
  'actually',
  'exactly',
  'really',
  'supposedly',
  'even',
  'anyway',
  'anytime',
  'anyone',
  'anything',
  'everything',
  'something',
  'kind',
  'sort',
  'happen',
  'happened',
  'happens',
  'think',
  'thinks',
  'reckon',
  'reckons',
  'ca',
  'wo',
  // Whether the text names something, not what: "does the article mention Assad".
  'mention',
  'mentions',
  'mentioned',
  'mentioning',
  // The article itself: "who wrote this story" asks about the article, whatever it calls it.
  'article',
  'articles',
  'story',
  'stories',
];
const STOP_WORDS = new Set([...englishStopWords, ...QUESTION_WORDS]);
// Only stems of stop words that are not also ordinary words' stems ("will" stays a stop word, but
// its stem must not hide "wills"): the stems of the longer stop words.
const STEMMED_STOP_WORDS = new Set(
  [...STOP_WORDS].filter((word) => word.length > 3).map((word) => stem(word)),
);

// Words are letters and digits, with apostrophes inside a word ("hasn’t", "Putin’s") kept to the
// word, and combining marks kept to the letter they decorate (Devanagari vowel signs, "p̶u̶t̶i̶n̶"):
// what /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’ʼ][\p{L}\p{M}\p{N}]+)*/gu matches (WORD_PATTERN).
// Scanned by hand: every answer tokenizes its question and candidate sentences many times, and the
// regular expression's match objects were a quarter of what answering allocated (a sampling heap
// profile of the bot under load), which the garbage collector then had to sweep.
export const WORD_PATTERN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’ʼ][\p{L}\p{M}\p{N}]+)*/gu;
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const LETTER_MARK_OR_NUMBER = /^[\p{L}\p{M}\p{N}]$/u;
/** Per code point beyond ASCII: 1 a letter or number, 2 a combining mark, 0 neither. */
const kinds = new Map<number, number>();

function kindOf(code: number): number {
  if (code < 128)
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) ? 1 : 0;
  let kind = kinds.get(code);
  if (kind === undefined) {
    const char = String.fromCodePoint(code);
    kind = LETTER_OR_NUMBER.test(char) ? 1 : LETTER_MARK_OR_NUMBER.test(char) ? 2 : 0;
    kinds.set(code, kind);
  }
  return kind;
}

/** Whether the code point is a letter or a number (\p{L} or \p{N}). */
export const isLetterOrNumber = (code: number): boolean => kindOf(code) === 1;

const isApostrophe = (code: number) => code === 0x27 || code === 0x2019 || code === 0x2bc;

/** Splits text into words with their offsets; punctuation and symbols separate words. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.codePointAt(i) ?? 0;
    if (kindOf(code) !== 1) {
      i += code > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    i = pastWordCharacters(text, i);
    // An apostrophe continues the word only when a letter, mark or digit follows it.
    while (
      i < length &&
      isApostrophe(text.charCodeAt(i)) &&
      i + 1 < length &&
      kindOf(text.codePointAt(i + 1) ?? 0) !== 0
    )
      i = pastWordCharacters(text, i + 1);
    tokens.push({ word: text.slice(start, i), start, end: i });
  }
  return tokens;
}

/** The offset after the letters, marks and digits from `i` on. */
function pastWordCharacters(text: string, i: number): number {
  let at = i;
  while (at < text.length) {
    const code = text.codePointAt(at) ?? 0;
    if (kindOf(code) === 0) break;
    at += code > 0xffff ? 2 : 1;
  }
  return at;
}

// Possessive "'s" and contractions: "Putin’s" → "putin", "he'd" → "he", "hasn’t" → "has", "can't" → "ca".
const CONTRACTION = /n['’ʼ]t$|['’ʼ](s|d|ll|re|ve|m)$/;

/** Lowercase, diacritics removed, possessives and contractions dropped: "Putin’s" → "putin". */
export function foldWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(CONTRACTION, '')
    .replace(/['’ʼ]/g, '');
}

// Stop words that, written in capitals, name something: "US" (and "US’s") is the country, not "us".
const ACRONYMS = new Set(['US']);

const termCache = new Map<string, string | null>();
const TERM_CACHE_LIMIT = 200_000;

/**
 * The index term for a word: folded, stop words removed (null), British spellings made American
 * ("colour" → "color"), irregular forms reduced to their lemma ("said" → "say", "spoken" → "speak")
 * so that the stemmer can conflate them, then stemmed.
 */
export function analyzeWord(word: string): string | null {
  const cached = termCache.get(word);
  if (cached !== undefined) return cached;
  const folded = foldWord(word);
  let term: string | null = null;
  if (folded !== '' && (!STOP_WORDS.has(folded) || ACRONYMS.has(word.replace(CONTRACTION, '')))) {
    // Only words are lemmatised and stemmed: the stemmer mangles numbers ("300" → "y00").
    term = /^\p{L}+$/u.test(folded) ? stem(verbLemma(americanSpelling(folded))) : folded;
    // Inflected stop words ("kinds", "sorts") are stop words too.
    if (STEMMED_STOP_WORDS.has(term)) term = null;
  }
  if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
  termCache.set(word, term);
  return term;
}

/** The analysed terms of a text, in order, stop words left out. */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = analyzeWord(token.word);
    if (term !== null) terms.push(term);
  }
  return terms;
}
