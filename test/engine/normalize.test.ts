import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/text/normalize.js';

describe('normalizeText', () => {
  it('returns composed (NFC) letters when the text has decomposed accents', () => {
    const decomposed = 'Cafe\u0301 in Zu\u0308rich';

    expect(normalizeText(decomposed)).toBe('Café in Zürich');
    expect(normalizeText(decomposed)).toBe('Caf\u00e9 in Z\u00fcrich');
  });

  it('returns one space between words when the text has tabs, newlines and no-break spaces', () => {
    expect(normalizeText('  Putin\tsaid\r\n\r\nhe\u00a0would   meet\u2003Trump.  ')).toBe(
      'Putin said he would meet Trump.',
    );
  });

  it('returns the text without invisible characters when it has soft hyphens, joiners, a BOM or bidi overrides', () => {
    expect(normalizeText('\uFEFFZelen\u00adskyy')).toBe('Zelenskyy');
    expect(normalizeText('Put\u200din')).toBe('Putin');
    expect(normalizeText('\u202Enitup\u202C')).toBe('nitup');
  });

  it('returns a space in place of control characters so that the words they separated stay apart', () => {
    expect(normalizeText('Putin\u0000Trump\u0007\u001b[0m')).toBe('Putin Trump [0m');
  });

  it('returns U+FFFD in place of a lone surrogate', () => {
    expect(normalizeText('Putin \uD800 Trump \uDFFF')).toBe('Putin \uFFFD Trump \uFFFD');
  });

  it('returns curly quotes, dashes, ellipses and emoji unchanged', () => {
    const text = '“I will be ready,” he said – 100-200-300 meters… 👍🏽';

    expect(normalizeText(text)).toBe(text);
  });

  it('returns NFC text that normalising again leaves unchanged, whatever the input', () => {
    const awkward = fc.constantFrom(
      '\u0301',
      '\u0308',
      '\u200b',
      '\u00ad',
      '\u0000',
      ' ',
      '\t',
      '\uD800',
      'e',
      'A',
    );
    const anyCodePoint = fc
      .integer({ min: 0, max: 0x10ffff })
      .map((codePoint) => String.fromCodePoint(codePoint));
    const text = fc.string({ unit: fc.oneof(awkward, anyCodePoint) });

    // An accent separated from its letter by an invisible character must still compose with it.
    expect(normalizeText('e\u200b\u0301')).toBe('é');
    fc.assert(
      fc.property(text, (input) => {
        const once = normalizeText(input);
        return once.normalize('NFC') === once && normalizeText(once) === once;
      }),
      { numRuns: 500 },
    );
  });
});
