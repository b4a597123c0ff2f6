import { runToEnd } from '../cooperative.js';
import { zipf } from './englishWords.js';
import { DIMENSIONS, readWordVectors, SCALE, type WordVectorTable } from './wordVectorFile.js';

/** A word used in contexts like another's ("bargaining" → "negotiating"), its index term, and their cosine. */
export interface Neighbour {
  readonly word: string;
  readonly term: string;
  readonly similarity: number;
}

// Measured on the seed dev questions (npm run eval): closer than 0.55 is mostly chance ("toppled" →
// "swept"); words commoner than Zipf 4.5 ("put", "big", "guys") have neighbours that are just as
// common and say nothing ("give", "going", "maybe"); the file has no word commoner than Zipf 5.5.
const MIN_SIMILARITY = 0.55;
const MAX_WORD_ZIPF = 4.5;
const CACHE_SIZE = 10_000;
/** Rows listed between two steps of preparing a library's words (a step takes well under a millisecond). */
const CANDIDATE_STEP = 2048;
/** Every this many rows, a stored index term is checked against today's analyzer. */
const TERM_SAMPLE_STEP = 997;

let table: WordVectorTable | null | undefined;
let checkedTerms: readonly string[] | undefined;

function loadTable(): WordVectorTable | null {
  if (table === undefined) {
    table = readWordVectors() ?? null;
  }
  return table;
}

/**
 * The words' index terms. The file stores them (analysing 100,000 words takes most of a second); if
 * the analyzer has changed since it was built, a sample differs and they are made again.
 */
function termsOf(vectors: WordVectorTable, termOf: (word: string) => string | null): readonly string[] {
  if (checkedTerms) return checkedTerms;
  const current = (row: number) => termOf(vectors.words[row] ?? '') ?? '';
  let stale = false;
  for (let row = 0; row < vectors.words.length && !stale; row += TERM_SAMPLE_STEP)
    stale = current(row) !== vectors.terms[row];
  checkedTerms = stale ? vectors.words.map((_, row) => current(row)) : vectors.terms;
  return checkedTerms;
}

/** Whether the word vectors are built (npm ci builds them; see wordVectorFile.ts). Loads them. */
export function wordVectorsAvailable(): boolean {
  return loadTable() !== null;
}

/** Whether they are loaded already (then preparing a library's neighbours never reads the file). */
export function wordVectorsLoaded(): boolean {
  return table !== undefined && table !== null;
}

/**
 * Neighbours in English usage among one corpus's words: the words whose index term (`termOf`) the
 * corpus has (`hasTerm`) are listed on first use, so a scan reads only them: under a millisecond for
 * one article, 5–8 ms at 1,000 articles. Answers are remembered per word.
 */
export class WordNeighbours {
  private candidates: Int32Array | undefined;
  private readonly cache = new Map<string, readonly Neighbour[]>();

  constructor(
    private readonly hasTerm: (term: string) => boolean,
    private readonly termOf: (word: string) => string | null,
  ) {}

  /**
   * The corpus's words used in contexts most like `word`'s, closest first, with a cosine of at least
   * MIN_SIMILARITY, each with its index term (one the corpus has). None for a common word, one the
   * vectors lack, or without the vectors.
   */
  of(word: string): readonly Neighbour[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const found = this.scan(word);
    if (this.cache.size >= CACHE_SIZE) this.cache.clear();
    this.cache.set(word, found);
    return found;
  }

  /**
   * Lists the corpus's words now, a step at a time (see runInSlices), if the vectors are loaded: the
   * first scan would otherwise list them at once (10–50 ms at 1,000 articles, the most before the
   * code is warm). A no-op without them.
   */
  *prepareSteps(): Generator<void, void> {
    if (this.candidates || !wordVectorsLoaded() || !table) return;
    const terms = termsOf(table, this.termOf);
    this.candidates = yield* this.candidateSteps(terms);
  }

  /** The rows whose index term the corpus has. */
  private *candidateSteps(terms: readonly string[]): Generator<void, Int32Array> {
    const rows = new Int32Array(terms.length);
    let count = 0;
    for (let row = 0; row < terms.length; row++) {
      const term = terms[row] ?? '';
      if (term !== '' && this.hasTerm(term)) rows[count++] = row;
      if (row % CANDIDATE_STEP === 0) yield;
    }
    return rows.slice(0, count);
  }

  private scan(word: string): Neighbour[] {
    const vectors = loadTable();
    if (!vectors || zipf(word) > MAX_WORD_ZIPF) return [];
    // A scan (each word's answer is cached) rather than a map of 96,000 words, which took 0.1 s to
    // build on the first question that needed one.
    const row = vectors.words.indexOf(word);
    if (row < 0) return [];
    const terms = termsOf(vectors, this.termOf);
    this.candidates ??= runToEnd(this.candidateSteps(terms));
    const data = vectors.vectors;
    // The query as doubles, and four sums in the inner loop: 1.7 times as fast as one sum over the
    // bytes (measured: 7.8 → 4.6 ms for 36,000 candidates), and the same sums (integer products).
    const query = Float64Array.from(data.subarray(row * DIMENSIONS, (row + 1) * DIMENSIONS));
    const threshold = MIN_SIMILARITY * SCALE * SCALE;
    const found: Neighbour[] = [];
    const candidates = this.candidates;
    for (let k = 0; k < candidates.length; k++) {
      const other = candidates[k] as number;
      if (other === row) continue;
      const offset = other * DIMENSIONS;
      let d0 = 0;
      let d1 = 0;
      let d2 = 0;
      let d3 = 0;
      // `as number`: every index is in range (DIMENSIONS is a multiple of 4); `?? 0` would slow it.
      for (let i = 0; i < DIMENSIONS; i += 4) {
        d0 += (query[i] as number) * (data[offset + i] as number);
        d1 += (query[i + 1] as number) * (data[offset + i + 1] as number);
        d2 += (query[i + 2] as number) * (data[offset + i + 2] as number);
        d3 += (query[i + 3] as number) * (data[offset + i + 3] as number);
      }
      const dot = d0 + d1 + d2 + d3;
      if (dot >= threshold)
        found.push({
          word: vectors.words[other] ?? '',
          term: terms[other] ?? '',
          similarity: dot / (SCALE * SCALE),
        });
    }
    return found.sort((a, b) => b.similarity - a.similarity);
  }
}
