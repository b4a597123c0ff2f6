import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/engine.js';
import { analyzeWord } from '../../src/search/analyzer.js';

describe('analyzeWord: British and American spellings', () => {
  it.each([
    ['colour', 'color'],
    ['centre', 'center'],
    ['defence', 'defense'],
    ['programmes', 'programs'],
    ['travelled', 'traveled'],
    ['emphasised', 'emphasized'],
    ['organisation', 'organization'],
  ])('gives "%s" and "%s" one term', (british, american) => {
    expect(analyzeWord(british)).not.toBeNull();
    expect(analyzeWord(british)).toBe(analyzeWord(american));
  });

  it('keeps words whose listed "British" form is an ordinary word with its own inflections or meaning', () => {
    expect(analyzeWord('buses')).toBe(analyzeWord('bus'));
    expect(analyzeWord('gases')).toBe(analyzeWord('gas'));
    expect(analyzeWord('tonne')).not.toBe(analyzeWord('ton'));
  });

  it('matches the seed article’s British "emphasise" fully when a question spells it the American way', async () => {
    const { index } = await buildEngine(fileURLToPath(new URL('../../corpus/', import.meta.url)));
    const { termWeights, passages } = index.search('emphasize');

    expect(termWeights.get(analyzeWord('emphasise') ?? '')).toBe(1);
    expect(passages[0]?.passage.paragraphs).toEqual({ first: 13, last: 13 });
  });
});

describe('analyzeWord: stop words', () => {
  it('drops "us" but keeps "US", the country, possessive or not', () => {
    expect(analyzeWord('us')).toBeNull();
    expect(analyzeWord('Us')).toBeNull();
    expect(analyzeWord('US')).toBe('us');
    expect(analyzeWord('US’s')).toBe('us');
  });
});
