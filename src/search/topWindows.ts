import { firstStartContaining, lastStartContaining } from './chunk.js';
import type { QuestionCoverage } from './questionCoverage.js';
import { type SearchScratch, TopWindows } from './windowScores.js';

// The windows a search keeps: every window holding a sentence the search scored, weighed, and the
// best few kept. Windows are keyed by the corpus-wide number of their first sentence.

/** Where each sentence of an index sits: its article's position, that article's first sentence and length. */
export interface SentencePlacement {
  /** Sentence number → position of its article. */
  readonly sentenceArticle: Uint32Array;
  /** Article position → number of its first sentence, and how many it has. */
  readonly articleStart: Uint32Array;
  readonly articleLength: Uint32Array;
}

/**
 * The best `limit` windows holding a scored sentence, each scored as its sentences' scores times
 * the weight of the question's words they cover, plus its article's title score: windows of any size
 * and stride.
 */
export function topWindowsOfAnyShape(
  scratch: SearchScratch,
  placement: SentencePlacement,
  titleScores: Float64Array,
  coverage: QuestionCoverage,
  limit: number,
  size: number,
  stride: number,
): TopWindows {
  const top = new TopWindows(limit);
  const { sentence: scores, words } = scratch;
  const { most } = coverage;
  const { sentenceArticle, articleStart, articleLength } = placement;
  // Windows are keyed by the corpus-wide number of their first sentence. Each is scored once, from
  // its first scored sentence: one before it in the window has scored it already. (A mark per
  // window seen did the same and cost a fifth of the search at 10,000 articles.) The windows
  // containing a sentence are walked here, not through a callback or a list: this loop runs for
  // every sentence a search touches, tens of thousands at 10,000 articles.
  for (const n of scratch.touched) {
    if (scores[n] === 0) continue; // left out (a hidden article)
    const ordinal = sentenceArticle[n] ?? 0;
    const first = articleStart[ordinal] ?? 0;
    const count = articleLength[ordinal] ?? 0;
    const i = n - first;
    const highest = lastStartContaining(i, count, size, stride);
    let title: number | undefined;
    for (let start = firstStartContaining(i, size, stride); start <= highest; start += stride) {
      const key = first + start;
      let scoredBefore = false;
      for (let m = key; m < n && !scoredBefore; m++) scoredBefore = scores[m] !== 0;
      if (scoredBefore) continue;
      title ??= titleScores[ordinal] ?? 0;
      let score = 0;
      const last = first + Math.min(count, start + size) - 1;
      for (let m = key; m <= last; m++) score += scores[m] ?? 0;
      // Most windows cannot make the list even covering the whole question.
      if (title + score * most < top.floor) continue;
      let mask = 0;
      for (let m = key; m <= last; m++) mask |= words[m] ?? 0;
      top.offer(key, title + score * coverage.weightOf(mask));
    }
  }
  return top;
}

/**
 * {@link topWindowsOfAnyShape} for the default shape (three sentences, a window starting at every
 * sentence), the same windows and scores (a test compares them): each touched sentence's two neighbours either side are
 * read once, and its three windows are scored from them (a sentence outside the article counts 0,
 * which adds nothing to a sum). About half the reads of the general loop, which ran for every
 * window of every touched sentence.
 */
export function topThreeSentenceWindows(
  scratch: SearchScratch,
  placement: SentencePlacement,
  titleScores: Float64Array,
  coverage: QuestionCoverage,
  limit: number,
): TopWindows {
  const top = new TopWindows(limit);
  const { sentence: scores, words } = scratch;
  const { most } = coverage;
  const { sentenceArticle, articleStart, articleLength } = placement;
  for (const n of scratch.touched) {
    const c = scores[n] ?? 0;
    if (c === 0) continue; // left out (a hidden article)
    const ordinal = sentenceArticle[n] ?? 0;
    const i = n - (articleStart[ordinal] ?? 0);
    const count = articleLength[ordinal] ?? 0;
    const a = i >= 2 ? (scores[n - 2] ?? 0) : 0;
    const b = i >= 1 ? (scores[n - 1] ?? 0) : 0;
    const d = i + 1 < count ? (scores[n + 1] ?? 0) : 0;
    const e = i + 2 < count ? (scores[n + 2] ?? 0) : 0;
    const title = titleScores[ordinal] ?? 0;
    // Each window is scored from its first scored sentence, as in the general loop.
    // The window starting two before: scored before unless both sentences before are unscored.
    if (i >= 2 && a === 0 && b === 0) {
      const score = a + b + c;
      if (title + score * most >= top.floor) {
        const mask = (words[n - 2] ?? 0) | (words[n - 1] ?? 0) | (words[n] ?? 0);
        top.offer(n - 2, title + score * coverage.weightOf(mask));
      }
    }
    // The window starting one before (in a two-sentence article, the only window).
    if (i >= 1 && (i <= count - 2 || count < 3) && b === 0) {
      const score = b + c + d;
      if (title + score * most >= top.floor) {
        const mask = (words[n - 1] ?? 0) | (words[n] ?? 0) | (i + 1 < count ? (words[n + 1] ?? 0) : 0);
        top.offer(n - 1, title + score * coverage.weightOf(mask));
      }
    }
    // The window starting here.
    if (i <= Math.max(0, count - 3)) {
      const score = c + d + e;
      if (title + score * most >= top.floor) {
        const mask =
          (words[n] ?? 0) |
          (i + 1 < count ? (words[n + 1] ?? 0) : 0) |
          (i + 2 < count ? (words[n + 2] ?? 0) : 0);
        top.offer(n, title + score * coverage.weightOf(mask));
      }
    }
  }
  return top;
}
