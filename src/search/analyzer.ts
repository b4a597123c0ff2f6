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

// Letters and digits, with apostrophes inside a word ("hasn’t", "Putin’s") kept to the word, and
// combining marks kept to the letter they decorate (Devanagari vowel signs, "p̶u̶t̶i̶n̶").
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’ʼ][\p{L}\p{M}\p{N}]+)*/gu;

/** Splits text into words with their offsets; punctuation and symbols separate words. */
export function tokenize(text: string): Token[] {
  return Array.from(text.matchAll(WORD), (match) => ({
    word: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }));
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
