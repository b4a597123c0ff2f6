import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/engine.js';
import { analyzeWord, tokenize, WORD_PATTERN } from '../../src/search/analyzer.js';

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

describe('tokenize', () => {
  // The hand-written scanner must split exactly as the regular expression it stands for.
  const byPattern = (text: string) =>
    Array.from(text.matchAll(WORD_PATTERN), (match) => ({
      word: match[0],
      start: match.index,
      end: match.index + match[0].length,
    }));

  it('splits the seed article as the word pattern does', async () => {
    const text = await readFile(
      new URL('../../corpus/2024-12-19-putin-says-he-will-meet-trump.md', import.meta.url),
      'utf8',
    );
    const tokens = tokenize(text);
    expect(tokens.length).toBeGreaterThan(500);
    expect(tokens).toEqual(byPattern(text));
  });

  it('splits any text as the word pattern does: marks, apostrophes, emoji, other scripts, broken unicode', () => {
    const piece = fc.constantFrom(
      'a',
      'Z',
      '7',
      ' ',
      "'",
      '’',
      'ʼ',
      '-',
      '.',
      '\u0301',
      '\u0336',
      'é',
      'ß',
      'Ж',
      'ل',
      '中',
      'ि',
      '५',
      '😀',
      '𝐀',
      '\uD800',
      '\uDC00',
      '\n',
      '_',
      '@',
      '#',
      '٣',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(tokenize(text)).toEqual(byPattern(text));
      }),
      { numRuns: 3000 },
    );
  });
});
