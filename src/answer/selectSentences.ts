import type { Sentence } from '../search/chunk.js';

export interface SentenceRange {
  readonly first: number;
  readonly last: number;
}

/**
 * The contiguous run of sentences within [from, to] that best covers the query: the most weight of
 * distinct matched terms, within `maxChars` where possible, the longer run on a tie (more context
 * around the matched words is more likely to hold the answer).
 * `termsOf(i)` gives the matched terms of sentence i; `weight` their importance.
 */
export function selectSentences(
  sentences: readonly Sentence[],
  range: SentenceRange,
  termsOf: (index: number) => ReadonlySet<string>,
  weight: (term: string) => number,
  maxChars: number,
): SentenceRange {
  let best: SentenceRange = { first: range.first, last: range.first };
  let bestScore = -1;
  let bestLength = -1;
  for (let first = range.first; first <= range.last; first++) {
    const terms = new Set<string>();
    let length = -1;
    for (let last = first; last <= range.last; last++) {
      length += (sentences[last]?.text.length ?? 0) + 1;
      // A single long sentence is still a candidate (it is cut later); longer runs must fit.
      if (last > first && length > maxChars) break;
      for (const term of termsOf(last)) terms.add(term);
      let score = 0;
      for (const term of terms) score += weight(term);
      if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) <= 1e-9 && length > bestLength)) {
        best = { first, last };
        bestScore = score;
        bestLength = length;
      }
    }
  }
  return best;
}
