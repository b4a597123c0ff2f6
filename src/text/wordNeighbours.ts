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

/** Whether the word vectors are built (npm ci builds them; see wordVectorFile.ts). */
export function wordVectorsAvailable(): boolean {
  return loadTable() !== null;
}

/**
 * Neighbours in English usage among one corpus's words: the words whose index term (`termOf`) the
 * corpus has (`hasTerm`) are listed on first use, so a scan reads only them: under a millisecond for
 * one article, a few for thousands. Answers are remembered per word.
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

  private scan(word: string): Neighbour[] {
    const vectors = loadTable();
    if (!vectors || zipf(word) > MAX_WORD_ZIPF) return [];
    // A scan (about a millisecond, and each word's answer is cached) rather than a map of 96,000
    // words, which took 0.1 s to build on the first question that needed one.
    const row = vectors.words.indexOf(word);
    if (row < 0) return [];
    const terms = termsOf(vectors, this.termOf);
    this.candidates ??= Int32Array.from(
      terms.flatMap((term, i) => (term !== '' && this.hasTerm(term) ? [i] : [])),
    );
    const data = vectors.vectors;
    const query = data.subarray(row * DIMENSIONS, (row + 1) * DIMENSIONS);
    const threshold = MIN_SIMILARITY * SCALE * SCALE;
    const found: Neighbour[] = [];
    for (const other of this.candidates) {
      if (other === row) continue;
      let dot = 0;
      const offset = other * DIMENSIONS;
      // `as number`: both indexes are in range; `?? 0` would slow the scan's inner loop.
      for (let i = 0; i < DIMENSIONS; i++) dot += (query[i] as number) * (data[offset + i] as number);
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
