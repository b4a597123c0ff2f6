import type { SentenceTerms } from './sentenceTerms.js';

/**
 * The postings of the corpus's commonest terms ("say", "year", "president" in a news corpus), kept
 * outside MiniSearch as packed arrays of sentence numbers. MiniSearch stores a posting as a
 * JavaScript Map entry (tens of bytes); these terms hold most of the postings. Packed, a posting
 * costs four bytes, and a search reads them straight into typed arrays (see SearchScratch).
 */
export class CommonTermPostings {
  /** The sentence numbers of every common term, term after term (ascending within a term). */
  private readonly numbers: Uint32Array;
  /** Term id → where its numbers start in `numbers`; a term's end is the next id's start. */
  private readonly starts: Uint32Array;

  private constructor(numbers: Uint32Array, starts: Uint32Array) {
    this.numbers = numbers;
    this.starts = starts;
  }

  /**
   * Collects the postings of the `common` term ids (each with its sentence frequency) from the
   * sentences' terms, a step per thousand sentences (see runInSlices). One flat array for all of
   * them: a term costs four bytes per sentence and nothing else.
   */
  static *build(
    terms: SentenceTerms,
    common: ReadonlyMap<number, number>,
  ): Generator<void, CommonTermPostings> {
    let size = 0;
    for (const id of common.keys()) size = Math.max(size, id + 1);
    const starts = new Uint32Array(size + 1);
    for (const [id, frequency] of common) starts[id + 1] = frequency;
    for (let id = 0; id < size; id++) starts[id + 1] = (starts[id + 1] ?? 0) + (starts[id] ?? 0);
    const numbers = new Uint32Array(starts[size] ?? 0);
    const filled = new Uint32Array(size);
    const last = new Int32Array(size).fill(-1);
    // The common ids as flags: a map look-up for every term of every sentence was most of the time.
    const isCommon = new Uint8Array(size);
    for (const id of common.keys()) isCommon[id] = 1;
    for (let n = 0; n < terms.sentenceCount; n++) {
      for (const id of terms.of(n)) {
        // A sentence is listed once per term however often it uses it.
        if (id >= size || last[id] === n || isCommon[id] !== 1) continue;
        const at = (starts[id] ?? 0) + (filled[id] ?? 0);
        if (at >= (starts[id + 1] ?? 0)) continue;
        numbers[at] = n;
        filled[id] = (filled[id] ?? 0) + 1;
        last[id] = n;
      }
      if (n % 1000 === 999) yield;
    }
    return new CommonTermPostings(numbers, starts);
  }

  has(id: number): boolean {
    return id >= 0 && id + 1 < this.starts.length && (this.starts[id + 1] ?? 0) > (this.starts[id] ?? 0);
  }

  /** The numbers of the sentences containing the term, ascending; empty when it is not a common term. */
  sentencesWith(id: number): Uint32Array {
    if (!this.has(id)) return new Uint32Array(0);
    return this.numbers.subarray(this.starts[id] ?? 0, this.starts[id + 1] ?? 0);
  }
}
