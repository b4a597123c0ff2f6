import { distance as editDistance } from 'fastest-levenshtein';
import SearchableMap from 'minisearch/SearchableMap';
import { runToEnd } from '../cooperative.js';
import { keysNear, neighbourSwaps } from '../text/keysNear.js';

/**
 * Below this many terms, prefix and typo look-ups scan the word list instead of a radix tree: a
 * server's own small index then costs a few kilobytes of look-up structure instead of a megabyte.
 */
const SCAN_BELOW = 5_000;

/** Terms added to the look-up tree between two yields of lookupSteps. */
const TERMS_PER_STEP = 2000;

/**
 * Every analysed term of the corpus with a small numeric id and the number of sentences containing
 * it. Sentences store term ids instead of strings; a radix tree (built on first use, for large
 * vocabularies) answers prefix and typo look-ups.
 */
export class Vocabulary {
  private readonly ids: Map<string, number>;
  private readonly words: string[];
  private readonly frequency: number[];
  private tree: SearchableMap<number> | undefined;

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

  /**
   * Makes the look-up tree in steps, if it is not made yet: a refreshed or restored index does this
   * in slices before its first typo look-up would make it at once (64 ms at 10,000 articles).
   */
  *lookupSteps(): Generator<void, void> {
    if (this.tree || this.words.length < SCAN_BELOW) return;
    const tree = new SearchableMap<number>();
    // Terms added meanwhile (this.words grows) are taken in too: the loop reads the length each time.
    for (let id = 0; id < this.words.length; id++) {
      tree.set(this.words[id] ?? '', id);
      if (id % TERMS_PER_STEP === TERMS_PER_STEP - 1) yield;
    }
    this.tree ??= tree;
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
   * frequencies. Two letters swapped ("gegeen" for "geegen") count as one edit, as people type them.
   * With `sameFirstLetter`, only those starting with the term's first letter.
   */
  withinEdits(term: string, distance: number, sameFirstLetter = false): [string, number][] {
    const tree = this.lookup();
    const first = term[0];
    if (sameFirstLetter && tree && first !== undefined) {
      // Only the branch of the tree under the first letter is searched, for the rest of the word:
      // between two words with the same first letter the edits are those of the rest, and a swap of
      // the first two letters finds nothing starting with the first that two edits of the word do not
      // (the same terms, in the same order, as the whole tree's filtered by first letter; tested).
      const near = keysNear(tree.atPrefix(first), term.slice(1), distance);
      return [...near].map(([rest, id]) => [first + rest, this.frequency[id] ?? 0]);
    }
    const near = tree ? keysNear(tree, term, distance) : this.scanNear(term, distance);
    const found = [...near].filter(([other]) => !sameFirstLetter || other[0] === first);
    return found.map(([other, id]) => [other, this.frequency[id] ?? 0]);
  }

  /** keysNear over the word list: Levenshtein distance, or one swap of neighbouring letters and more edits. */
  private scanNear(term: string, distance: number): Map<string, number> {
    const found = new Map<string, number>();
    this.words.forEach((word, id) => {
      if (Math.abs(word.length - term.length) <= distance && editDistance(word, term) <= distance)
        found.set(word, id);
    });
    for (const swapped of neighbourSwaps(term)) {
      if (distance > 1) {
        this.words.forEach((word, id) => {
          if (Math.abs(word.length - term.length) < distance && editDistance(word, swapped) < distance)
            found.set(word, id);
        });
        continue;
      }
      const id = this.ids.get(swapped);
      if (id !== undefined) found.set(swapped, id);
    }
    return found;
  }

  toJSON(): { words: readonly string[]; frequency: readonly number[] } {
    return { words: this.words, frequency: this.frequency };
  }
}
