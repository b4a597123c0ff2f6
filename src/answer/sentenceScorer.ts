import { analyze } from '../search/analyzer.js';
import type { SearchIndex } from '../search/searchIndex.js';

const K1 = 1.2;
const D = 0.5;
const B = 0.7;
// Index terms reached only through prefix or typo matching count for less, as MiniSearch weighs them.
const EXPANSION_WEIGHT = 0.4;
// Two question words side by side in a sentence ("steam engine") are stronger evidence than the
// same words apart: each such pair adds its mean idf (measured on XQuAD: hit@1 87.4% → 88.2%).
const PAIR_WEIGHT = 1;

/**
 * BM25 of single sentences against the question's matched index terms, computed lazily for the
 * sentences of candidate chunks only. Chunk scores find the right neighbourhood; sentence scores say
 * where in it the answer is, so that an excerpt can be cut around it.
 */
export class SentenceScorer {
  private readonly scores = new Map<string, number>();

  /**
   * @param matchedTerms index terms the search matched
   * @param queryTerms the question's own terms (and their related terms); other matches are expansions
   * @param queryPairs adjacent terms of the question, as "a b"
   */
  constructor(
    private readonly index: SearchIndex,
    private readonly matchedTerms: ReadonlySet<string>,
    private readonly queryTerms: ReadonlySet<string>,
    private readonly queryPairs: ReadonlySet<string> = new Set(),
  ) {}

  /** BM25 of sentence `i` of the article; 0 when it contains no matched term. */
  score(articleId: string, i: number): number {
    const key = `${articleId}\u0000${i}`;
    const cached = this.scores.get(key);
    if (cached !== undefined) return cached;
    const terms = analyze(this.index.sentences.get(articleId)?.[i]?.text ?? '');
    const counts = new Map<string, number>();
    for (const term of terms) if (this.matchedTerms.has(term)) counts.set(term, (counts.get(term) ?? 0) + 1);
    const norm = K1 * (1 - B + (B * terms.length) / this.index.averageSentenceTerms);
    let score = 0;
    for (const [term, tf] of counts) {
      const weight = this.queryTerms.has(term) ? 1 : EXPANSION_WEIGHT;
      score += weight * this.index.idf(term) * (D + (tf * (K1 + 1)) / (tf + norm));
    }
    for (let j = 1; j < terms.length; j++) {
      const a = terms[j - 1] ?? '';
      const b = terms[j] ?? '';
      if (this.queryPairs.has(`${a} ${b}`))
        score += PAIR_WEIGHT * ((this.index.idf(a) + this.index.idf(b)) / 2);
    }
    this.scores.set(key, score);
    return score;
  }

  /** The highest sentence score within [first, last]. */
  maxScore(articleId: string, first: number, last: number): number {
    let best = 0;
    for (let i = first; i <= last; i++) best = Math.max(best, this.score(articleId, i));
    return best;
  }
}
