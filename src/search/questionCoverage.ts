// How much of a question a window of sentences covers, for ranking windows.
//
// A window's sentences' BM25 scores are summed, then multiplied by the weight of the question's
// words the window has: one that names two of the question's words beats one that repeats a single
// word in each of its sentences ("singing", "sings" against "Lady Gaga sang"). Measured (sixteenth
// session) on XQuAD's 1,190 questions among 10,000 articles: the right window in a search's first 20
// for 1,126 → 1,143 questions and first for 885 → 1,004, against multiplying each sentence's score
// by how many of the question's terms it has (MiniSearch's way, used until then).

/** Question words counted: a sentence's words are the low 16 bits of a mask, and the same at less than full weight the high 16. */
const COUNTED_WORDS = 16;
const BYTE = 256;

/**
 * Each index term a search reads stands for one of the question's words (its own analysed terms,
 * then the words searched beside them), at that word's full weight (itself, a shorter form, a
 * compound's part) or less (a prefix or typo match). A sentence records the words it matched in a
 * mask; a window's weight is the sum over the words any of its sentences matched of the best weight
 * they matched them at. Words past the sixteenth are not counted.
 */
export class QuestionCoverage {
  private readonly bits = new Map<string, number>();
  /** The weight of a byte of the mask: words 0–7 and 8–15 at full weight, then at less. */
  private readonly byteWeights: readonly Float64Array[];
  /** The most a window can weigh: every counted word at full weight. */
  readonly most: number;

  /**
   * @param termWeights each index term with its weight
   * @param wordOf each index term's question word, by position
   */
  constructor(termWeights: ReadonlyMap<string, number>, wordOf: ReadonlyMap<string, number>) {
    const full = new Float64Array(COUNTED_WORDS);
    const partial = new Float64Array(COUNTED_WORDS);
    for (const [term, weight] of termWeights) {
      const word = wordOf.get(term) ?? COUNTED_WORDS;
      if (word < COUNTED_WORDS) full[word] = Math.max(full[word] ?? 0, weight);
    }
    for (const [term, weight] of termWeights) {
      const word = wordOf.get(term) ?? COUNTED_WORDS;
      if (word >= COUNTED_WORDS) continue;
      if (weight >= (full[word] ?? 0)) this.bits.set(term, 1 << word);
      else {
        this.bits.set(term, (1 << (word + COUNTED_WORDS)) >>> 0);
        partial[word] = Math.max(partial[word] ?? 0, weight);
      }
    }
    this.byteWeights = [
      full.subarray(0, 8),
      full.subarray(8),
      partial.subarray(0, 8),
      partial.subarray(8),
    ].map(byteTable);
    this.most = Math.max(
      1,
      full.reduce((sum, weight) => sum + weight, 0),
    );
  }

  /** The term's word as a bit of a sentence's mask (0: not counted). */
  bitOf(term: string): number {
    return this.bits.get(term) ?? 0;
  }

  /**
   * The weight of the words in a window's mask, each at its best (1 for a window that matched only
   * words past the counted ones, so that it still scores).
   */
  weightOf(mask: number): number {
    const full = mask & 0xffff;
    const partial = (mask >>> COUNTED_WORDS) & ~full;
    const [fullLow, fullHigh, partialLow, partialHigh] = this.byteWeights as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    const sum =
      (fullLow[full & 0xff] ?? 0) +
      (fullHigh[full >>> 8] ?? 0) +
      (partialLow[partial & 0xff] ?? 0) +
      (partialHigh[(partial >>> 8) & 0xff] ?? 0);
    return sum === 0 ? 1 : sum;
  }
}

/** For each byte, the sum of the weights of the words its bits stand for. */
function byteTable(weights: Float64Array): Float64Array {
  const table = new Float64Array(BYTE);
  for (let byte = 1; byte < BYTE; byte++) {
    const lowest = 31 - Math.clz32(byte & -byte);
    table[byte] = (table[byte & (byte - 1)] ?? 0) + (weights[lowest] ?? 0);
  }
  return table;
}
