import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { brownSample } from '../../src/eval/brownStory.js';
import { evaluateQuotes, type QuoteFixture } from '../../src/quotes/evaluateQuotes.js';
import { QuoteIndex } from '../../src/quotes/quoteIndex.js';

const fixture = JSON.parse(readFileSync('test/fixtures/seed-quotes.json', 'utf8')) as QuoteFixture;

describe('evaluateQuotes', () => {
  it('finds every quotation of the seed, attributes each correctly and ranks every search first', async () => {
    const { articles } = await loadCorpus('corpus');
    const evaluation = evaluateQuotes(new QuoteIndex(articles), fixture);
    expect(evaluation).toEqual({
      expected: 11,
      found: 11,
      extractionRecall: 1,
      extractionPrecision: 1,
      attributionAccuracy: 1,
      searchHitAt1: 1,
      searchQueries: fixture.searches.length,
      failures: [],
    });
    expect(fixture.searches.length).toBeGreaterThanOrEqual(12);
  });

  it('reports what is missing, extra or wrongly attributed', async () => {
    const { articles } = await loadCorpus('corpus');
    const wrong: QuoteFixture = {
      article: fixture.article,
      quotes: [
        { text: 'maybe as many as seven', speaker: 'Donald Trump', paragraphs: [10] },
        { text: 'a quotation the article does not have', speaker: 'Vladimir Putin', paragraphs: [4] },
      ],
      searches: [{ query: 'banana', expect: 'banana' }],
    };
    const evaluation = evaluateQuotes(new QuoteIndex(articles), wrong);
    expect(evaluation).toMatchObject({
      expected: 2,
      found: 11,
      extractionRecall: 0.5,
      extractionPrecision: 1 / 11,
      attributionAccuracy: 0,
      searchHitAt1: 0,
    });
    expect(evaluation.failures).toContain('wrong speaker: ¶10 Bob Woodward, expected Donald Trump');
    expect(evaluation.failures).toContain('not found: ¶4 "a quotation the article does not have"');
    expect(evaluation.failures).toContain('search "banana": first result none');
  });
});

// 1961 news text nobody tuned on (quotation lists written blind): gated just below what was measured
// at the twelfth session's end (recall, precision, attribution beside each).
const BROWN_GATES = [
  { sample: 'ca03', recall: 0.95, precision: 0.85, attribution: 0.85 }, // 1.000 0.870 0.900 (dev)
  { sample: 'ca12', recall: 0.95, precision: 0.95, attribution: 0.85 }, // 1.000 1.000 0.903 (dev)
  { sample: 'ca27', recall: 0.92, precision: 0.95, attribution: 0.8 }, // 0.960 1.000 0.840 (dev)
  { sample: 'ca32', recall: 0.95, precision: 0.95, attribution: 0.8 }, // 1.000 1.000 0.833 (dev)
  // Listed near the session's end (first run: attribution 0.750, 0.286, 0.000, 0.167).
  { sample: 'ca25', recall: 0.9, precision: 0.9, attribution: 0.85 }, // 0.950 0.950 0.900 (dev)
  { sample: 'ca33', recall: 0.75, precision: 0.75, attribution: 0.45 }, // 0.786 0.786 0.500 (dev)
  { sample: 'ca35', recall: 0.95, precision: 0.7, attribution: 0 }, // 1.000 0.714 0.000 (dev)
  { sample: 'ca40', recall: 0.85, precision: 0.95, attribution: 0.15 }, // 0.875 1.000 0.167 (dev)
  { sample: 'ca06', recall: 0.95, precision: 0.95, attribution: 0.6 }, // 1.000 1.000 0.633 (test)
  { sample: 'ca39', recall: 0.95, precision: 0.95, attribution: 0.64 }, // 1.000 1.000 0.679 (test)
  // Listed after the session's fixes, first run beside the gates (never looked into).
  { sample: 'ca05', recall: 0.95, precision: 0.95, attribution: 0.5 }, // 1.000 1.000 0.522 (test)
  { sample: 'ca29', recall: 0.85, precision: 0.7, attribution: 0.55 }, // 0.900 0.750 0.600 (test)
  // Listed at the session's very end, after every fix; first run beside the gates.
  { sample: 'ca10', recall: 0.9, precision: 0.9, attribution: 0.6 }, // 0.950 0.950 0.650 (test)
  { sample: 'ca16', recall: 0.85, precision: 0.8, attribution: 0.15 }, // 0.909 0.833 0.182 (test)
] as const;

describe('quotations in 1961 news text', () => {
  it.each(BROWN_GATES)('Brown $sample: recall, precision and attribution at least as measured', (gate) => {
    const path = `test/fixtures/brown-quotes/brown-${gate.sample}-quotes.json`;
    const brown = JSON.parse(readFileSync(path, 'utf8')) as QuoteFixture;
    const evaluation = evaluateQuotes(new QuoteIndex([brownSample(gate.sample)]), brown);
    expect(evaluation.extractionRecall).toBeGreaterThanOrEqual(gate.recall);
    expect(evaluation.extractionPrecision).toBeGreaterThanOrEqual(gate.precision);
    expect(evaluation.attributionAccuracy).toBeGreaterThanOrEqual(gate.attribution);
  });
});
