import SearchableMap from 'minisearch/SearchableMap';
import { keysNear } from '../text/keysNear.js';

/**
 * Every analysed term of the corpus with a small numeric id and the number of sentences containing
 * it. Sentences store term ids instead of strings; the radix tree answers prefix and typo look-ups.
 */
export class Vocabulary {
  private readonly ids: SearchableMap<number>;
  private readonly words: string[];
  private readonly frequency: number[];

  constructor(words: readonly string[] = [], frequency: readonly number[] = []) {
    this.words = [...words];
    this.frequency = [...frequency];
    this.ids = SearchableMap.from(this.words.map((word, id) => [word, id] as [string, number]));
  }

  get size(): number {
    return this.words.length;
  }

  /** The term's id, adding the term when it is new. */
  intern(term: string): number {
    const known = this.ids.get(term);
    if (known !== undefined) return known;
    const id = this.words.length;
    this.ids.set(term, id);
    this.words.push(term);
    this.frequency.push(0);
    return id;
  }

  /** Counts one more sentence containing the term. */
  countSentence(id: number): void {
    this.frequency[id] = (this.frequency[id] ?? 0) + 1;
  }

  idOf(term: string): number | undefined {
    return this.ids.get(term);
  }

  /** Ids of the terms found in more than `minimum` sentences, with their frequencies. */
  commonTerms(minimum: number): Map<number, number> {
    const common = new Map<number, number>();
    this.frequency.forEach((frequency, id) => {
      if (frequency > minimum) common.set(id, frequency);
    });
    return common;
  }

  has(term: string): boolean {
    return this.ids.has(term);
  }

  word(id: number): string {
    return this.words[id] ?? '';
  }

  /** Sentences containing exactly this term (0 when the corpus never uses it). */
  frequencyOf(term: string): number {
    const id = this.ids.get(term);
    return id === undefined ? 0 : (this.frequency[id] ?? 0);
  }

  /** Terms that start with `prefix` (itself included when present), with their frequencies. */
  withPrefix(prefix: string): [string, number][] {
    const found: [string, number][] = [];
    this.ids.atPrefix(prefix).forEach((term, id) => {
      found.push([term, this.frequency[id] ?? 0]);
    });
    return found;
  }

  /**
   * Terms at most `distance` edits from `term` (itself included when present), with their
   * frequencies. Two letters swapped ("gegeen" for "geegen") count as one edit, as people type them.
   */
  withinEdits(term: string, distance: number): [string, number][] {
    return [...keysNear(this.ids, term, distance)].map(([other, id]) => [other, this.frequency[id] ?? 0]);
  }

  toJSON(): { words: readonly string[]; frequency: readonly number[] } {
    return { words: this.words, frequency: this.frequency };
  }
}
