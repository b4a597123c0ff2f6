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
  /** The question's words each sentence matched, as a mask (see QuestionCoverage). */
  readonly words: Uint32Array;

  constructor(sentenceCount: number) {
    this.sentence = new Float64Array(sentenceCount);
    this.matched = new Uint16Array(sentenceCount);
    this.words = new Uint32Array(sentenceCount);
  }

  /** Adds to a sentence's score (BM25 is never 0, so 0 means not yet scored), and the word it matched. */
  add(n: number, score: number, word = 0): void {
    if (this.sentence[n] === 0) this.touched.push(n);
    this.sentence[n] = (this.sentence[n] ?? 0) + score;
    this.words[n] = (this.words[n] ?? 0) | word;
  }

  /** Forgets everything, for the next search. */
  clear(): void {
    // The counts and words too: after a search that threw midway, the next must not start from them.
    for (const n of this.touched) {
      this.sentence[n] = 0;
      this.matched[n] = 0;
      this.words[n] = 0;
    }
    this.touched.length = 0;
  }
}

/** The best `limit` of the items offered, best first: highest score, then lowest key. */
export class TopWindows {
  readonly keys: number[] = [];
  readonly scores: number[] = [];

  /** The score an offer must reach to be kept (ties go to the lower key); -Infinity until full. */
  floor = Number.NEGATIVE_INFINITY;

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
    if (keys.length === limit) this.floor = scores[limit - 1] ?? 0;
  }
}
