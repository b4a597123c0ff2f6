/**
 * Scratch space for one search at a time: a score per sentence, in a typed array sized to the index,
 * with the list of entries touched so that clearing costs what was used. A search
 * is synchronous, so one instance serves every search of an index; at 200,000 sentences a Map per
 * search cost more than the scoring itself.
 */
export class SearchScratch {
  readonly sentence: Float64Array;
  /** Sentence numbers whose score was set, in the order they were first set. */
  readonly touched: number[] = [];
  /** How many query terms each sentence has, while exact-term scores are added (see exactTermScores.ts); else 0. */
  readonly matched: Uint16Array;

  constructor(sentenceCount: number) {
    this.sentence = new Float64Array(sentenceCount);
    this.matched = new Uint16Array(sentenceCount);
  }

  /** Adds to a sentence's score (BM25 is never 0, so 0 means not yet scored). */
  add(n: number, score: number): void {
    if (this.sentence[n] === 0) this.touched.push(n);
    this.sentence[n] = (this.sentence[n] ?? 0) + score;
  }

  /** Forgets everything, for the next search. */
  clear(): void {
    // `matched` too: after a search that threw midway, the next must not start from its counts.
    for (const n of this.touched) {
      this.sentence[n] = 0;
      this.matched[n] = 0;
    }
    this.touched.length = 0;
  }
}

/** The best `limit` of the items offered, best first: highest score, then lowest key. */
export class TopWindows {
  readonly keys: number[] = [];
  readonly scores: number[] = [];

  constructor(private readonly limit: number) {}

  offer(key: number, score: number): void {
    const { keys, scores, limit } = this;
    const n = keys.length;
    if (limit <= 0) return;
    if (n === limit) {
      const lastScore = scores[n - 1] ?? 0;
      const lastKey = keys[n - 1] ?? 0;
      if (score < lastScore || (score === lastScore && key > lastKey)) return;
      keys.pop();
      scores.pop();
    }
    let at = keys.length;
    while (
      at > 0 &&
      ((scores[at - 1] ?? 0) < score || ((scores[at - 1] ?? 0) === score && (keys[at - 1] ?? 0) > key))
    )
      at--;
    keys.splice(at, 0, key);
    scores.splice(at, 0, score);
  }
}
