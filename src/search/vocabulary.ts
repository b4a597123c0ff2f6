import SearchableMap from 'minisearch/SearchableMap';
import { runToEnd } from '../cooperative.js';
import { NearWords } from '../text/nearWords.js';

/**
 * Below this many terms, prefix look-ups scan the word list instead of a radix tree: a server's own
 * small index then costs a few kilobytes of look-up structure instead of a megabyte.
 */
const SCAN_BELOW = 5_000;

/** Terms added to the look-up structures between two yields of lookupSteps. */
const TERMS_PER_STEP = 2000;

/**
 * Every analysed term of the corpus with a small numeric id and the number of sentences containing
 * it. Sentences store term ids instead of strings; a radix tree (built on first use, for large
 * vocabularies) answers prefix look-ups, and a scan of the terms' lengths and letters typo look-ups.
 */
export class Vocabulary {
  private readonly ids: Map<string, number>;
  private readonly words: string[];
  private readonly frequency: number[];
  private tree: SearchableMap<number> | undefined;
  /** The terms by id, for typo look-ups (see NearWords). */
  private near: NearWords | undefined;

  constructor(words: readonly string[] = [], frequency: readonly number[] = []) {
    this.words = [...words];
    this.frequency = [...frequency];
    this.ids = new Map(this.words.map((word, id) => [word, id]));
  }

  /** The radix tree of the terms, or undefined while scanning the list is cheaper. */
  private lookup(): SearchableMap<number> | undefined {
    if (this.words.length < SCAN_BELOW) return undefined;
    if (!this.tree) runToEnd(this.lookupSteps());
    return this.tree;
  }

  /** The terms for typo look-ups, position = id. */
  private nearWords(): NearWords {
    if (!this.near) runToEnd(this.lookupSteps());
    return this.near ?? new NearWords(this.words);
  }

  /**
   * Makes the look-up structures in steps, if they are not made yet: a refreshed or restored index
   * does this in slices before its first prefix or typo look-up would make them at once (52 ms at
   * 10,000 articles).
   */
  *lookupSteps(): Generator<void, void> {
    const tree = this.tree || this.words.length < SCAN_BELOW ? undefined : new SearchableMap<number>();
    const near = this.near ? undefined : new NearWords();
    if (!tree && !near) return;
    // Terms added meanwhile (this.words grows) are taken in too: the loop reads the length each time.
    for (let id = 0; id < this.words.length; id++) {
      const word = this.words[id] ?? '';
      tree?.set(word, id);
      near?.add(word);
      if (id % TERMS_PER_STEP === TERMS_PER_STEP - 1) yield;
    }
    if (tree) this.tree ??= tree;
    if (near) this.near ??= near;
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
    this.tree?.set(term, id);
    this.near?.add(term);
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
    const tree = this.lookup();
    if (tree) {
      tree.atPrefix(prefix).forEach((term, id) => {
        found.push([term, this.frequency[id] ?? 0]);
      });
      return found;
    }
    this.words.forEach((term, id) => {
      if (term.startsWith(prefix)) found.push([term, this.frequency[id] ?? 0]);
    });
    return found;
  }

  /**
   * Terms at most `distance` edits from `term` (itself included when present), with their
   * frequencies, in the order of their ids. Two letters swapped ("gegeen" for "geegen") count as one
   * edit, as people type them. With `sameFirstLetter`, only those starting with the term's first letter.
   */
  withinEdits(term: string, distance: number, sameFirstLetter = false): [string, number][] {
    return this.nearWords()
      .near(term, distance, sameFirstLetter)
      .map((id) => [this.words[id] ?? '', this.frequency[id] ?? 0]);
  }

  toJSON(): { words: readonly string[]; frequency: readonly number[] } {
    return { words: this.words, frequency: this.frequency };
  }
}
