/**
 * The analysed terms of every sentence of the corpus, in reading order, as ids of a vocabulary: one
 * flat typed array instead of millions of small strings, so that scoring a sentence never re-analyses
 * its text. Sentences are numbered across the corpus, article after article.
 */
export class SentenceTerms {
  /** Term ids of all sentences back to back. */
  private readonly ids: Int32Array;
  /** Where each sentence's ids start in `ids`; one more entry than there are sentences. */
  private readonly starts: Uint32Array;

  /** Term id → its place (+1) among the ids sentencesUsing counts, while it runs; else 0. */
  private slots: Int32Array | undefined;

  constructor(ids: Int32Array, starts: Uint32Array) {
    this.ids = ids;
    this.starts = starts;
  }

  get sentenceCount(): number {
    return this.starts.length - 1;
  }

  /** The term ids of sentence `n` (a view, not a copy). */
  of(n: number): Int32Array {
    return this.ids.subarray(this.starts[n] ?? 0, this.starts[n + 1] ?? 0);
  }

  /** Sentence `n`'s term ids through `map`, in order: `Array.from(of(n), map)` without the view. */
  mapOf<T>(n: number, map: (id: number) => T): T[] {
    const start = this.starts[n] ?? 0;
    const end = this.starts[n + 1] ?? 0;
    const mapped: T[] = [];
    for (let k = start; k < end; k++) mapped.push(map(this.ids[k] ?? 0));
    return mapped;
  }

  /** How many terms sentence `n` has. */
  lengthOf(n: number): number {
    return (this.starts[n + 1] ?? 0) - (this.starts[n] ?? 0);
  }

  /**
   * How many times sentence `n` uses term `id`: the same as counting in `of(n)`, without making a
   * view (a search asks this for every sentence of a common term: tens of thousands of views).
   */
  countOf(n: number, id: number): number {
    const end = this.starts[n + 1] ?? 0;
    let count = 0;
    for (let i = this.starts[n] ?? 0; i < end; i++) if (this.ids[i] === id) count++;
    return count;
  }

  /**
   * For each of the distinct term `ids`, how many of the sentences [from, to) use it, in one pass over
   * their terms. Counting with countOf, id by id, read each sentence once per id: an answer asks this
   * for every article among its candidates, with every term of the question.
   */
  sentencesUsing(from: number, to: number, ids: readonly number[]): number[] {
    // Marks for the ids asked about only: a sentence's term beyond them is none of them. (Sized once
    // to the largest id of the corpus, the first call after every build scanned all the corpus's
    // terms: 64 ms at 10,000 articles, a stall in the first answer after a refresh.)
    const most = ids.reduce((largest, id) => Math.max(largest, id), -1);
    if (!this.slots || this.slots.length <= most)
      this.slots = new Int32Array(Math.max(most + 1, 2 * (this.slots?.length ?? 0)));
    const slots = this.slots;
    const counts = ids.map(() => 0);
    const countedIn = ids.map(() => -1);
    ids.forEach((id, k) => {
      if (id >= 0 && id < slots.length) slots[id] = k + 1;
    });
    try {
      for (let n = Math.max(0, from); n < Math.min(to, this.sentenceCount); n++) {
        const end = this.starts[n + 1] ?? 0;
        for (let i = this.starts[n] ?? 0; i < end; i++) {
          const id = this.ids[i] ?? 0;
          const k = id < slots.length ? (slots[id] ?? 0) - 1 : -1;
          if (k < 0 || countedIn[k] === n) continue;
          countedIn[k] = n;
          counts[k] = (counts[k] ?? 0) + 1;
        }
      }
    } finally {
      for (const id of ids) if (id >= 0 && id < slots.length) slots[id] = 0;
    }
    return counts;
  }

  get termCount(): number {
    return this.ids.length;
  }

  /** Both arrays as base64, compact in a JSON snapshot. */
  toJSON(): { ids: string; starts: string } {
    const base64 = (array: Int32Array | Uint32Array) =>
      Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
    return { ids: base64(this.ids), starts: base64(this.starts) };
  }

  static fromJSON(saved: { ids: string; starts: string }): SentenceTerms {
    const bytes = (text: string) => {
      const buffer = Buffer.from(text, 'base64');
      // Copy into a fresh, aligned buffer: Buffer.from may share a pool at any offset.
      return new Uint8Array(buffer).buffer;
    };
    return new SentenceTerms(new Int32Array(bytes(saved.ids)), new Uint32Array(bytes(saved.starts)));
  }
}

/** Collects sentences' term ids while the index is built. */
export class SentenceTermsBuilder {
  private ids = new Int32Array(1 << 16);
  private length = 0;
  private readonly starts: number[] = [0];

  add(termIds: readonly number[]): void {
    if (this.length + termIds.length > this.ids.length) {
      const grown = new Int32Array(Math.max(this.ids.length * 2, this.length + termIds.length));
      grown.set(this.ids.subarray(0, this.length));
      this.ids = grown;
    }
    this.ids.set(termIds, this.length);
    this.length += termIds.length;
    this.starts.push(this.length);
  }

  build(): SentenceTerms {
    return new SentenceTerms(this.ids.slice(0, this.length), Uint32Array.from(this.starts));
  }
}
