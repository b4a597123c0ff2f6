import type { SearchOptions } from './searchOptions.js';
import { EXPANSION_WEIGHT } from './searchOptions.js';
import type { Vocabulary } from './vocabulary.js';

/** Query terms whose prefix and typo matches are remembered (the index never changes). */
const EXPANSION_CACHE_SIZE = 10_000;

/** The index terms a query stands for, weighed. */
export interface ExpandedTerms {
  readonly weights: Map<string, number>;
  /** Which of the query's distinct terms each index term stands for, by position. */
  readonly wordOf: Map<string, number>;
}

/** The longest ending a query term may have beyond an index term it extends. */
const MAX_ENDING = 3;

/**
 * What a question's terms stand for in the corpus's vocabulary: themselves, shorter terms and
 * compound parts, prefix and typo matches, each weighted; and how many sentences use them.
 */
export class TermExpander {
  private readonly expansions = new Map<string, readonly (readonly [string, number])[]>();

  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly options: SearchOptions,
  ) {}

  /**
   * The index terms the query terms stand for, each with its weight: the terms themselves and their
   * related terms count fully, prefix and typo matches less; and which query term each stands for,
   * by position (the query terms, then the alternatives; the first at the highest weight).
   */
  termWeights(
    queryTerms: readonly string[],
    knows?: (term: string) => boolean,
    alternatives: readonly (readonly [string, number])[] = [],
  ): ExpandedTerms {
    const weights = new Map<string, number>();
    const wordOf = new Map<string, number>();
    const distinct = new Map<string, number>();
    const expand = (term: string, weight: number) => {
      // "putin putin" is one word of the question; an alternative that repeats a question term too.
      const word = distinct.get(term) ?? distinct.size;
      distinct.set(term, word);
      const add = (other: string, otherWeight: number) => {
        if (otherWeight <= (weights.get(other) ?? 0)) return;
        weights.set(other, otherWeight);
        wordOf.set(other, word);
      };
      add(term, weight);
      for (const related of this.relatedTerms(term, knows)) add(related, weight);
      for (const [other] of this.expansionsOf(term, knows)) add(other, EXPANSION_WEIGHT * weight);
    };
    for (const term of queryTerms) expand(term, 1);
    // Words standing for the question's at their own weight (a term the question has keeps 1).
    for (const [term, weight] of alternatives) expand(term, weight);
    return { weights, wordOf };
  }

  /**
   * Whether the library has the term itself: this index's vocabulary, or, when the index is one part
   * of a library (see LayeredIndex), `knows` for the whole of it. A word the library has is taken as
   * meant, as one index of all of it would.
   */
  private has(term: string, knows?: (term: string) => boolean): boolean {
    return this.vocabulary.has(term) || (knows?.(term) ?? false);
  }

  /**
   * Index terms the query term matches by prefix ("spoke" → "spoken") or, when the corpus lacks it,
   * within one or two edits ("soverign"), with their sentence frequencies. Cached: a question asks
   * for them several times, and typo look-ups walk the vocabulary tree.
   */
  private expansionsOf(
    term: string,
    knows?: (term: string) => boolean,
  ): readonly (readonly [string, number])[] {
    const known = this.has(term, knows);
    const key = `${known ? 'k' : 'u'}${term}`;
    const cached = this.expansions.get(key);
    if (cached) return cached;
    const { prefixMinLength, fuzzyMinLength } = this.options;
    const found = [
      ...(term.length >= prefixMinLength ? this.vocabulary.withPrefix(term) : []),
      // Typo look-ups only for words the library lacks: a word it has is taken as meant.
      ...(term.length >= fuzzyMinLength && !known
        ? this.vocabulary.withinEdits(term, term.length >= this.options.twoEditsMinLength ? 2 : 1)
        : []),
    ];
    if (this.expansions.size >= EXPANSION_CACHE_SIZE) this.expansions.clear();
    this.expansions.set(key, found);
    return found;
  }

  /**
   * Index terms a query term stands for beyond prefix and typo matching, when the index lacks the
   * term itself: a shorter term it extends ("eastern" → "east") or the two parts of a compound
   * ("frontline" → "front", "line").
   */
  relatedTerms(term: string, knows?: (term: string) => boolean): string[] {
    if (this.has(term, knows) || !/^\p{L}+$/u.test(term)) return [];
    // A shorter term plus a short ending ("east" + "ern"); longer leftovers are other words ("news" + "lett…").
    for (let length = term.length - 1; length >= Math.max(4, term.length - MAX_ENDING); length--) {
      const stem = term.slice(0, length);
      if (this.vocabulary.has(stem)) return [stem];
    }
    for (let split = 3; split <= term.length - 3; split++) {
      const parts = [term.slice(0, split), term.slice(split)];
      if (parts.every((part) => this.vocabulary.has(part))) return parts;
    }
    return [];
  }

  /**
   * How many sentences contain the query term, counting the index terms it expands to (prefix, typo,
   * related terms). Zero means the corpus never uses the word.
   */
  sentenceFrequencyOf(term: string, knows?: (term: string) => boolean): number {
    let frequency = this.vocabulary.frequencyOf(term);
    for (const [, count] of this.expansionsOf(term, knows)) frequency = Math.max(frequency, count);
    if (frequency === 0) {
      // A shorter term or the parts of a compound: as many sentences as the rarest of them.
      const related = this.relatedTerms(term, knows).map((other) => this.vocabulary.frequencyOf(other));
      if (related.length > 0) frequency = Math.min(...related);
    }
    return frequency;
  }
}
