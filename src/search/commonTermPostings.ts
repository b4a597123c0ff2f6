import type { SentenceTerms } from './sentenceTerms.js';

/**
 * The postings of the corpus's commonest terms ("say", "year", "president" in a news corpus), kept
 * outside MiniSearch as packed arrays of sentence numbers. MiniSearch stores a posting as a
 * JavaScript Map entry (tens of bytes); these terms hold most of the postings but rarely decide an
 * answer, and a search reads them only when a question has nothing rarer (see maxPostings). Packed,
 * a posting costs four bytes.
 */
export class CommonTermPostings {
  private readonly postings: ReadonlyMap<number, Uint32Array>;

  private constructor(postings: Map<number, Uint32Array>) {
    this.postings = postings;
  }

  /**
   * Collects the postings of the `common` term ids (each with its sentence frequency) from the
   * sentences' terms, a step per thousand sentences (see runInSlices).
   */
  static *build(
    terms: SentenceTerms,
    common: ReadonlyMap<number, number>,
  ): Generator<void, CommonTermPostings> {
    const lists = new Map<number, { numbers: Uint32Array; length: number; last: number }>();
    for (const [id, frequency] of common)
      lists.set(id, { numbers: new Uint32Array(frequency), length: 0, last: -1 });
    for (let n = 0; n < terms.sentenceCount; n++) {
      for (const id of terms.of(n)) {
        const list = lists.get(id);
        // A sentence is listed once per term however often it uses it.
        if (!list || list.last === n || list.length >= list.numbers.length) continue;
        list.numbers[list.length++] = n;
        list.last = n;
      }
      if (n % 1000 === 999) yield;
    }
    const postings = new Map<number, Uint32Array>();
    for (const [id, list] of lists) postings.set(id, list.numbers.subarray(0, list.length));
    return new CommonTermPostings(postings);
  }

  has(id: number): boolean {
    return this.postings.has(id);
  }

  /** The numbers of the sentences containing the term, ascending; empty when it is not a common term. */
  sentencesWith(id: number): Uint32Array {
    return this.postings.get(id) ?? new Uint32Array(0);
  }
}
