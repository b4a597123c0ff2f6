import type { Article } from '../corpus/article.js';
import type { Sentence } from './chunk.js';
import type { SearchResults } from './searchIndex.js';
import type { SearchOptions } from './searchOptions.js';
import type { SynonymExpander } from './synonymExpander.js';

/**
 * Words searched beside a question's own, at a weight below 1 when they only stand for a word of it
 * (a word-vector neighbour: "bargaining" → "negotiating").
 */
export interface Alternative {
  readonly words: string;
  readonly weight: number;
}

/**
 * What answering needs from a library's index: one SearchIndex, or a server's view that layers its
 * own articles over the shared index (see LayeredIndex). Answers never know which.
 */
export interface Searchable {
  readonly articles: ReadonlyMap<string, Article>;
  readonly sentences: ReadonlyMap<string, readonly Sentence[]>;
  readonly options: SearchOptions;
  readonly averageSentenceTerms: number;
  readonly passageCount: number;
  readonly synonyms: SynonymExpander;
  search(
    question: string,
    limit?: number,
    options?: { readonly alternatives?: readonly Alternative[] },
  ): SearchResults;
  sentenceTerms(articleId: string, i: number): string[];
  /** How many of the article's sentences use each of the terms (those it has). */
  sentenceFrequenciesIn(articleId: string, terms: Iterable<string>): Map<string, number>;
  termsFor(term: string): string[];
  termsNear(term: string, distance: number, sameFirstLetter?: boolean): [string, number][];
  sentenceFrequencyOf(term: string): number;
  idf(term: string): number;
  /** Whether the library has exactly this analysed term (no prefix or typo matching). */
  hasTerm(term: string): boolean;
  /**
   * What a term the library lacks stands for in it: a shorter form ("syrian" → "syria") or a
   * compound's parts; none for a term it has.
   */
  relatedTerms(term: string): string[];
  /**
   * The library narrowed to one of its articles, searched as if it were the whole library (its
   * words weighed by their rarity in it); undefined when the library does not have the article.
   */
  only(articleId: string): Searchable | undefined;
}
