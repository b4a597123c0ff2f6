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
  /** For each posting in `numbers`, BM25's term-frequency part (see build). */
  private readonly frequencies: Float64Array;

  private constructor(numbers: Uint32Array, starts: Uint32Array, frequencies: Float64Array) {
    this.numbers = numbers;
    this.starts = starts;
    this.frequencies = frequencies;
  }

  /**
   * Collects the postings of the `common` term ids (each with its sentence frequency) from the
   * sentences' terms, a step per thousand sentences (see runInSlices). One flat array for all of
   * them: a term costs four bytes per sentence, and eight for its term-frequency part, worked out
   * here by `termFrequency(count in the sentence, sentence length)`. A search had worked that out on
   * a term's first use and kept it: the same numbers, but the first questions after a start or a
   * refresh paid for it (about a fifth of a first search at 10,000 articles, where counting the term
   * in each sentence and reading its length jumps about the whole corpus).
   */
  static *build(
    terms: SentenceTerms,
    common: ReadonlyMap<number, number>,
    termFrequency: (count: number, length: number) => number,
  ): Generator<void, CommonTermPostings> {
    let size = 0;
    for (const id of common.keys()) size = Math.max(size, id + 1);
    const starts = new Uint32Array(size + 1);
    for (const [id, frequency] of common) starts[id + 1] = frequency;
    for (let id = 0; id < size; id++) starts[id + 1] = (starts[id + 1] ?? 0) + (starts[id] ?? 0);
    const numbers = new Uint32Array(starts[size] ?? 0);
    const counts = new Uint32Array(numbers.length);
    const filled = new Uint32Array(size);
    const last = new Int32Array(size).fill(-1);
    // The common ids as flags: a map look-up for every term of every sentence was most of the time.
    const isCommon = new Uint8Array(size);
    for (const id of common.keys()) isCommon[id] = 1;
    for (let n = 0; n < terms.sentenceCount; n++) {
      for (const id of terms.of(n)) {
        if (id >= size || isCommon[id] !== 1) continue;
        const next = (starts[id] ?? 0) + (filled[id] ?? 0);
        // A sentence is listed once per term however often it uses it; the uses are counted.
        if (last[id] === n) {
          counts[next - 1] = (counts[next - 1] ?? 0) + 1;
          continue;
        }
        if (next >= (starts[id + 1] ?? 0)) continue;
        numbers[next] = n;
        counts[next] = 1;
        filled[id] = (filled[id] ?? 0) + 1;
        last[id] = n;
      }
      if (n % 1000 === 999) yield;
    }
    const frequencies = new Float64Array(numbers.length);
    for (let i = 0; i < numbers.length; i++) {
      frequencies[i] = termFrequency(counts[i] ?? 0, terms.lengthOf(numbers[i] ?? 0));
      if (i % 100_000 === 99_999) yield;
    }
    return new CommonTermPostings(numbers, starts, frequencies);
  }

  has(id: number): boolean {
    return id >= 0 && id + 1 < this.starts.length && (this.starts[id + 1] ?? 0) > (this.starts[id] ?? 0);
  }

  /** The numbers of the sentences containing the term, ascending; empty when it is not a common term. */
  sentencesWith(id: number): Uint32Array {
    if (!this.has(id)) return new Uint32Array(0);
    return this.numbers.subarray(this.starts[id] ?? 0, this.starts[id + 1] ?? 0);
  }

  /** BM25's term-frequency part in each sentence of {@link sentencesWith}, in the same order. */
  frequenciesOf(id: number): Float64Array {
    if (!this.has(id)) return new Float64Array(0);
    return this.frequencies.subarray(this.starts[id] ?? 0, this.starts[id + 1] ?? 0);
  }
}
