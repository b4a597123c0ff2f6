import { distance } from 'fastest-levenshtein';
import { analyzeWord } from '../search/analyzer.js';
import { americanSpelling } from '../text/spelling.js';

/** A word of a quote or a query as quote search compares it. */
export interface QuoteWord {
  /** Folded (case, accents, apostrophes) with British and American spellings joined: "kilometers". */
  readonly norm: string;
  /** Lemma and stem, so that "meeting" finds "meet". */
  readonly stem: string;
  /** False for stop words ("I", "will", "be"), which count only inside a phrase. */
  readonly content: boolean;
}

/** How well a query word matches a quote word, best first. */
export const WordMatch = { None: 0, Typo: 1, Stem: 2, Exact: 3 } as const;
export type WordMatch = (typeof WordMatch)[keyof typeof WordMatch];

// Letters and digits; apostrophes inside a word keep it whole ("don’t"), hyphens split it ("100-200").
const WORD = /[\p{L}\p{N}]+(?:['’ʼ][\p{L}\p{N}]+)*/gu;

/**
 * A word folded for quote search: lower case, no accents, no apostrophes ("don’t" and "dont" alike;
 * "Putin’s" meets "Putin" through its stem), one spelling for British and American variants.
 */
export function foldQuoteWord(word: string): string {
  const folded = word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/['’ʼ]/gu, '');
  return americanSpelling(folded);
}

/** The words of a text for quote search; quotation marks, dashes and other punctuation are ignored. */
export function quoteWords(text: string): QuoteWord[] {
  return Array.from(text.matchAll(WORD), (match) => match[0]).flatMap((word) => {
    const norm = foldQuoteWord(word);
    if (norm === '') return [];
    const term = analyzeWord(norm);
    return [{ norm, stem: term ?? norm, content: term !== null }];
  });
}

/** A word of a text with where it stands, folded as quote search compares it. */
export interface WordSpan {
  readonly norm: string;
  readonly start: number;
  readonly end: number;
}

/** The words of a text, folded (see foldQuoteWord), with their places in it. */
export function quoteWordSpans(text: string): WordSpan[] {
  return Array.from(text.matchAll(WORD), (match) => ({
    norm: foldQuoteWord(match[0]),
    start: match.index,
    end: match.index + match[0].length,
  })).filter((word) => word.norm !== '');
}

/** The most edits a word of this length may have and still match: none for short words. */
export function allowedTypos(length: number): number {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/**
 * How a query word matches a quote word. `prefix` lets the query word match the start of a longer
 * word (the word being typed in autocomplete).
 */
export function compareWords(query: QuoteWord, word: QuoteWord, prefix: boolean): WordMatch {
  if (query.norm === word.norm) return WordMatch.Exact;
  if (query.content && query.stem === word.stem) return WordMatch.Stem;
  if (prefix && query.norm.length >= 2 && word.norm.startsWith(query.norm)) return WordMatch.Stem;
  const typos = allowedTypos(query.norm.length);
  if (typos === 0 || Math.abs(query.norm.length - word.norm.length) > typos) return WordMatch.None;
  return distance(query.norm, word.norm) <= typos ? WordMatch.Typo : WordMatch.None;
}
