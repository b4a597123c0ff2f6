import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/engine.js';
import { BROWN_STORIES, brownStory } from '../../src/eval/brownStory.js';
import { evaluateAnswerable } from '../../src/eval/evaluate.js';
import { engineRetriever } from '../../src/eval/retriever.js';
import { loadSeedSet } from '../../src/eval/seedSet.js';
import { evaluateSeedSet } from '../../src/eval/seedSetResult.js';
import { loadXquad } from '../../src/eval/xquad.js';
import { SearchIndex } from '../../src/search/searchIndex.js';

// Gates a little below what `npm run eval` measured on 2026-11-28, so that a change costing more
// than a question or two fails. "own" was written while building the engine; "dev" and "test" were
// written blind (dev is tuned on, test only reported).
interface Gate {
  readonly file: string;
  readonly answerable: number;
  readonly unanswerable: number;
  readonly hitAt1: number; // measured: own 0.968, dev 0.840, test 0.853
  readonly hitAt3: number; // measured: own 1.000, dev 0.893, test 0.907
  readonly maxRefused: number; // measured: own 0, dev 2, test 2
  readonly minDirect: number; // answerable answered directly; measured: own 0.935, dev 0.787, test 0.733
  readonly maxUnanswerableDirect: number; // measured: own 0, dev 2, test 6
}
const GATES: Record<string, Gate> = {
  own: {
    file: 'seed-questions.json',
    answerable: 62,
    unanswerable: 18,
    hitAt1: 0.95,
    hitAt3: 0.98,
    maxRefused: 1,
    minDirect: 0.9,
    maxUnanswerableDirect: 1,
  },
  dev: {
    file: 'seed-questions-dev.json',
    answerable: 75,
    unanswerable: 25,
    hitAt1: 0.82,
    hitAt3: 0.88,
    maxRefused: 3,
    minDirect: 0.77,
    maxUnanswerableDirect: 4,
  },
  // A second dev set, written blind on 2026-11-28; tuned on. Measured: hit@1 0.817, hit@3 0.917,
  // 0 refused, direct 0.717, 7 unanswerable answered directly.
  dev2: {
    file: 'seed-questions-dev2.json',
    answerable: 60,
    unanswerable: 25,
    hitAt1: 0.8,
    hitAt3: 0.9,
    maxRefused: 1,
    minDirect: 0.7,
    maxUnanswerableDirect: 8,
  },
  // Other verbs than the article's, and false premises (20 + 20 a half), written blind on 2026-11-28.
  // Measured: dev hit@1 0.70, hit@3 0.75, 2 refused, direct 0.65, 5 unanswerable answered directly;
  // test 0.70, 0.75, 0, 0.65, 7.
  'premise dev': {
    file: 'seed-questions-premise-dev.json',
    answerable: 20,
    unanswerable: 20,
    hitAt1: 0.65,
    hitAt3: 0.7,
    maxRefused: 3,
    minDirect: 0.6,
    maxUnanswerableDirect: 6,
  },
  'premise test': {
    file: 'seed-questions-premise-test.json',
    answerable: 20,
    unanswerable: 20,
    hitAt1: 0.65,
    hitAt3: 0.7,
    maxRefused: 1,
    minDirect: 0.6,
    maxUnanswerableDirect: 8,
  },
  // Written blind on 2026-11-28 after the rules were tuned (60 + 25, set B's styles), never tuned on.
  // Measured: hit@1 0.850, hit@3 0.883, 3 refused, direct 0.667, 9 unanswerable answered directly.
  fresh: {
    file: 'seed-questions-fresh.json',
    answerable: 60,
    unanswerable: 25,
    hitAt1: 0.83,
    hitAt3: 0.86,
    maxRefused: 4,
    minDirect: 0.63,
    maxUnanswerableDirect: 10,
  },
  test: {
    file: 'seed-questions-test.json',
    answerable: 75,
    unanswerable: 25,
    hitAt1: 0.82,
    hitAt3: 0.89,
    maxRefused: 3,
    minDirect: 0.72,
    maxUnanswerableDirect: 8,
  },
};
// Two 1961 news stories (Brown Corpus) in a library with the seed article, with question sets
// written blind (15 answerable and 6 unanswerable per half): the seed's rules on text never tuned on.
// Measured with all three stories in one library (the third, the Frankford El story, added later the
// same day: a second piece on city government, which made the first two harder).
const BROWN_GATES: Record<string, Gate> = {
  'fulton jury, dev': gate('brown-ca01-fulton-jury-dev.json', 0.73, 0.8, 1, 0.66, 3), // 0.800 0.867 0 0.733 2
  'fulton jury, test': gate('brown-ca01-fulton-jury-test.json', 0.73, 0.73, 1, 0.6, 4), // 0.800 0.800 0 0.667 3
  'eagles coach, dev': gate('brown-ca14-eagles-coach-dev.json', 0.4, 0.8, 2, 0.66, 3), // 0.467 0.867 1 0.733 2
  'eagles coach, test': gate('brown-ca14-eagles-coach-test.json', 0.53, 0.73, 2, 0.46, 3), // 0.600 0.800 1 0.533 2
  'frankford el, dev': gate('brown-ca09-frankford-el-dev.json', 0.8, 0.86, 1, 0.66, 3), // 0.867 0.933 0 0.733 2
  'frankford el, test': gate('brown-ca09-frankford-el-test.json', 0.6, 0.8, 1, 0.6, 3), // 0.667 0.867 0 0.667 2
};
function gate(
  file: string,
  hitAt1: number,
  hitAt3: number,
  maxRefused: number,
  minDirect: number,
  maxUnanswerableDirect: number,
): Gate {
  return {
    file: `brown-questions/${file}`,
    answerable: 15,
    unanswerable: 6,
    hitAt1,
    hitAt3,
    maxRefused,
    minDirect,
    maxUnanswerableDirect,
  };
}
const XQUAD_HIT_AT_1 = 0.86; // measured 0.875

const XQUAD = fileURLToPath(new URL('../../../shared/data/xquad-en/xquad.en.json', import.meta.url));
const engine = await buildEngine(fileURLToPath(new URL('../../corpus/', import.meta.url)));
const retriever = engineRetriever(engine.index);

const library = [...engine.corpus.articles, ...BROWN_STORIES.map(brownStory)];
const libraryRetriever = engineRetriever(new SearchIndex(library, { synonyms: engine.corpus.synonyms }));

describe.each([
  ...Object.entries(GATES).map(([name, gate]) => [`the ${name} seed questions`, gate, retriever] as const),
  ...Object.entries(BROWN_GATES).map(
    ([name, gate]) => [`the Brown story questions (${name})`, gate, libraryRetriever] as const,
  ),
])('answer quality on %s', async (name, gate, retriever) => {
  const set = await loadSeedSet(fileURLToPath(new URL(`../fixtures/${gate.file}`, import.meta.url)));
  const { ranking, abstention, misses } = evaluateSeedSet(name, 'excerpt', retriever, set);
  const report = misses.join('\n');

  it(`ranks an answer first for at least ${gate.hitAt1}, in the top three for ${gate.hitAt3}`, () => {
    expect(ranking.questions).toBe(gate.answerable);
    expect(ranking.hitAt1, report).toBeGreaterThanOrEqual(gate.hitAt1);
    expect(ranking.hitAt3, report).toBeGreaterThanOrEqual(gate.hitAt3);
  });

  it(`refuses at most ${gate.maxRefused} answerable questions and answers ${gate.minDirect} directly`, () => {
    expect(ranking.refused, report).toBeLessThanOrEqual(gate.maxRefused);
    expect(ranking.direct / ranking.questions, report).toBeGreaterThanOrEqual(gate.minDirect);
  });

  it(`answers at most ${gate.maxUnanswerableDirect} of the unanswerable questions as if it could`, () => {
    expect(abstention.questions).toBe(gate.unanswerable);
    expect(abstention.answeredDirect.length, abstention.answeredDirect.join('\n')).toBeLessThanOrEqual(
      gate.maxUnanswerableDirect,
    );
  });
});

describe('answer quality on XQuAD', () => {
  it(`ranks an answer first for at least ${XQUAD_HIT_AT_1} of the XQuAD questions`, async (context) => {
    if (!existsSync(XQUAD)) context.skip(`XQuAD not found at ${XQUAD}: the XQuAD gate did not run`);
    const xquad = await loadXquad(XQUAD);
    const { metrics } = evaluateAnswerable(engineRetriever(new SearchIndex(xquad.articles)), xquad.cases);

    expect(metrics.questions).toBe(1190);
    expect(metrics.hitAt1).toBeGreaterThanOrEqual(XQUAD_HIT_AT_1);
  }, 60_000);
});
