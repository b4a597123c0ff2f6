import type { Bm25Parameters } from './bm25.js';

// How a SearchIndex searches; saved with its snapshot.

export interface SearchOptions {
  /** Query terms at least this long also match index terms they are a prefix of ("spoke" → "spoken"). */
  readonly prefixMinLength: number;
  /** Query terms at least this long that the corpus lacks also match index terms one edit away ("soverign"). */
  readonly fuzzyMinLength: number;
  /** …and at least this long, two edits away ("Zelensky" → "Zelenskyy", whose stems differ by two). */
  readonly twoEditsMinLength: number;
  /** Weight of the title relative to the text. */
  readonly titleBoost: number;
  /** BM25 parameters: term saturation k, length normalisation b, frequency floor d. */
  readonly bm25: Bm25Parameters;
  /**
   * Terms in more sentences than this keep their postings in packed arrays instead of MiniSearch
   * (see CommonTermPostings): a tenth of the memory for most of the postings of a large corpus.
   */
  readonly commonTermMinimum: number;
}

export const DEFAULT_SEARCH_OPTIONS: SearchOptions = {
  prefixMinLength: 4,
  fuzzyMinLength: 6,
  twoEditsMinLength: 8,
  titleBoost: 0.5,
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  commonTermMinimum: 100,
};

/** Index terms reached only through prefix or typo matching count for less than the question's own. */
export const EXPANSION_WEIGHT = 0.4;
