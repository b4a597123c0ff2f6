import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuestionCoverage } from '../../src/search/questionCoverage.js';
import {
  type SentencePlacement,
  topThreeSentenceWindows,
  topWindowsOfAnyShape,
} from '../../src/search/topWindows.js';
import { SearchScratch } from '../../src/search/windowScores.js';

// The search ranks windows of the default shape with a loop of its own (topThreeSentenceWindows);
// it must keep exactly the windows, scores and order the general loop keeps for that shape.

/** Articles of the given lengths, numbered one after another. */
function placementOf(lengths: readonly number[]): SentencePlacement {
  const starts: number[] = [];
  let next = 0;
  for (const length of lengths) {
    starts.push(next);
    next += length;
  }
  const sentenceArticle = new Uint32Array(next);
  lengths.forEach((length, ordinal) => {
    sentenceArticle.fill(ordinal, starts[ordinal] ?? 0, (starts[ordinal] ?? 0) + length);
  });
  return {
    sentenceArticle,
    articleStart: Uint32Array.from(starts),
    articleLength: Uint32Array.from(lengths),
  };
}

// Three question words: two at full weight through their own terms, one also through a prefix match.
const COVERAGE = new QuestionCoverage(
  new Map([
    ['putin', 1],
    ['meet', 1],
    ['meeting', 0.4],
    ['trump', 1],
  ]),
  new Map([
    ['putin', 0],
    ['meet', 1],
    ['meeting', 1],
    ['trump', 2],
  ]),
);
const BITS = ['putin', 'meet', 'meeting', 'trump'].map((term) => COVERAGE.bitOf(term));

const searchState = fc
  .array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 12 })
  .chain((lengths) => {
    const sentences = lengths.reduce((sum, length) => sum + length, 0);
    return fc.record({
      lengths: fc.constant(lengths),
      // Sentences scored, in the order a search first touches them, each with a score and words.
      hits: fc.array(
        fc.record({
          n: fc.integer({ min: 0, max: sentences - 1 }),
          // Scores from few distinct values, so that ties (broken by the lower key) happen.
          score: fc.constantFrom(0.5, 1, 1.5, 2.25, 3),
          word: fc.constantFrom(...BITS),
        }),
        { maxLength: 40 },
      ),
      titles: fc.array(fc.constantFrom(0, 0, 0.7, 2), {
        minLength: lengths.length,
        maxLength: lengths.length,
      }),
      limit: fc.integer({ min: 0, max: 8 }),
      hidden: fc.option(fc.integer({ min: 0, max: lengths.length - 1 }), { nil: undefined }),
    });
  });

describe('topThreeSentenceWindows', () => {
  it('keeps the windows, scores and order the general loop keeps for three-sentence windows', () => {
    fc.assert(
      fc.property(searchState, ({ lengths, hits, titles, limit, hidden }) => {
        const placement = placementOf(lengths);
        const scratch = new SearchScratch(placement.sentenceArticle.length);
        for (const { n, score, word } of hits) scratch.add(n, score, word);
        // An article the server hid: its sentences' scores are zeroed, their words kept.
        if (hidden !== undefined)
          for (const n of scratch.touched)
            if (placement.sentenceArticle[n] === hidden) scratch.sentence[n] = 0;
        const titleScores = Float64Array.from(titles);
        const general = topWindowsOfAnyShape(scratch, placement, titleScores, COVERAGE, limit, 3, 1);
        const special = topThreeSentenceWindows(scratch, placement, titleScores, COVERAGE, limit);
        expect(special.keys).toEqual(general.keys);
        expect(special.scores).toEqual(general.scores);
      }),
      { numRuns: 500 },
    );
  });

  it('scores a window as its sentences and title, once, from the first sentence of it a search touched', () => {
    // One article of five sentences; sentences 1 and 2 scored, 2 first.
    const placement = placementOf([5]);
    const scratch = new SearchScratch(5);
    scratch.add(2, 2, COVERAGE.bitOf('putin'));
    scratch.add(1, 1, COVERAGE.bitOf('trump'));
    const top = topThreeSentenceWindows(scratch, placement, Float64Array.from([0.5]), COVERAGE, 10);
    // Windows 0–2 and 1–3 hold both (3 × two words' weight + the title); 2–4 holds "putin" only.
    expect(top.keys).toEqual([0, 1, 2]);
    expect(top.scores).toEqual([0.5 + 3 * 2, 0.5 + 3 * 2, 0.5 + 2 * 1]);
  });
});
