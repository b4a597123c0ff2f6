import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/engine.js';
import { evaluateAbstention, evaluateAnswerable } from '../../src/eval/evaluate.js';
import { engineRetriever } from '../../src/eval/retriever.js';
import { loadSeedSet } from '../../src/eval/seedSet.js';
import { loadXquad } from '../../src/eval/xquad.js';
import { SearchIndex } from '../../src/search/searchIndex.js';

// Gates a little below the figures `npm run eval` measured (seed hit@1 0.952, hit@3 0.984, 18/18
// abstentions, 1 refused; XQuAD hit@1 0.878): a change that costs more than a question or two fails.
const SEED_HIT_AT_1 = 0.93;
const SEED_HIT_AT_3 = 0.96;
const SEED_MAX_REFUSED = 1;
const XQUAD_HIT_AT_1 = 0.86;

const XQUAD = fileURLToPath(new URL('../../../shared/data/xquad-en/xquad.en.json', import.meta.url));
const engine = await buildEngine(fileURLToPath(new URL('../../corpus/', import.meta.url)));
const seed = await loadSeedSet(fileURLToPath(new URL('../fixtures/seed-questions.json', import.meta.url)));

describe('answer quality', () => {
  const retriever = engineRetriever(engine.index);
  const { metrics, outcomes } = evaluateAnswerable(retriever, seed.answerable);
  const misses = outcomes
    .filter((outcome) => outcome.rank !== 1)
    .map((outcome) => `rank ${outcome.rank}: ${outcome.question}`)
    .join('\n');

  it(`ranks an answer first for at least ${SEED_HIT_AT_1} of the seed questions`, () => {
    expect(metrics.questions).toBe(62);
    expect(metrics.hitAt1, misses).toBeGreaterThanOrEqual(SEED_HIT_AT_1);
  });

  it(`ranks an answer in the top three for at least ${SEED_HIT_AT_3} of the seed questions`, () => {
    expect(metrics.hitAt3, misses).toBeGreaterThanOrEqual(SEED_HIT_AT_3);
  });

  it(`refuses at most ${SEED_MAX_REFUSED} answerable seed question`, () => {
    const refused = outcomes.filter((outcome) => !outcome.answered).map((outcome) => outcome.question);

    expect(refused.length, refused.join('\n')).toBeLessThanOrEqual(SEED_MAX_REFUSED);
  });

  it('abstains on every seed question the article cannot answer', () => {
    const abstention = evaluateAbstention(
      retriever,
      seed.unanswerable.map((testCase) => testCase.question),
    );

    expect(abstention.questions).toBe(18);
    expect(abstention.answered).toEqual([]);
    expect(abstention.accuracy).toBe(1);
  });

  it(`ranks an answer first for at least ${XQUAD_HIT_AT_1} of the XQuAD questions`, async (context) => {
    if (!existsSync(XQUAD)) context.skip(`XQuAD not found at ${XQUAD}: the XQuAD gate did not run`);
    const xquad = await loadXquad(XQUAD);
    const { metrics: xquadMetrics } = evaluateAnswerable(
      engineRetriever(new SearchIndex(xquad.articles)),
      xquad.cases,
    );

    expect(xquadMetrics.questions).toBe(1190);
    expect(xquadMetrics.hitAt1).toBeGreaterThanOrEqual(XQUAD_HIT_AT_1);
  }, 60_000);
});
