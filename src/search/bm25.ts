// BM25 as MiniSearch computes it, for the scores Excerpt computes itself (packed postings, sentence
// and window re-ranking), so that every score in a search is on the same scale.

/** Term saturation k, length normalisation b, frequency floor d. */
export interface Bm25Parameters {
  readonly k: number;
  readonly b: number;
  readonly d: number;
}

/** Inverse document frequency of a term found in `frequency` of `total` documents; never negative. */
export function bm25Idf(total: number, frequency: number): number {
  return Math.log(1 + (total - frequency + 0.5) / (frequency + 0.5));
}

/** The weight of a term used `count` times in a document of `length` terms (mean length `averageLength`), before idf. */
export function bm25TermFrequency(
  count: number,
  length: number,
  averageLength: number,
  { k, b, d }: Bm25Parameters,
): number {
  return d + (count * (k + 1)) / (count + k * (1 - b + (b * length) / averageLength));
}
